"""Every competency question runs on the seed graph and gives the answer written in queries/manifest.yaml,
on both embedded stores, which give the same rows and print the same bytes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from rdflib.compare import isomorphic

from kg.query import STORES, format_result, load_store, run_query
from tests.conftest import QUERIES, ROOT, comparable

MANIFEST = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"]
CASES = [
    pytest.param(name, case, id=f"{name}-{number}")
    for name, cases in sorted(MANIFEST.items())
    for number, case in enumerate(cases)
]
# Every question as asked with no parameters, and as each manifest case asks it.
ASKED = [pytest.param(name, None, id=name) for name in sorted(MANIFEST)] + [
    pytest.param(name, case["params"], id=f"{name}-{number}")
    for name, cases in sorted(MANIFEST.items())
    for number, case in enumerate(cases)
    if case.get("params")
]


# The embedded stores: rdflib, Oxigraph with the named graphs (for queries that name graphs) and
# Oxigraph holding only their union (what `query` loads for the others, the competency questions).
LOADED = (*STORES, "oxigraph-union")


@pytest.fixture(scope="module")
def seed_stores(seed_build):
    stores = {store: load_store(seed_build.out_dir, store) for store in STORES}
    stores["oxigraph-union"] = load_store(seed_build.out_dir, "oxigraph", "SELECT * WHERE { ?s ?p ?o }")
    return stores


def test_a_query_that_names_no_graph_gets_the_union_store_and_others_the_named_graphs(seed_stores):
    union, full = seed_stores["oxigraph-union"], seed_stores["oxigraph"]
    assert not list(union.named_graphs()) and len(list(full.named_graphs())) > 5
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(union, count).bindings == run_query(full, count).bindings


@pytest.mark.parametrize("store", LOADED)
@pytest.mark.parametrize(("name", "case"), CASES)
def test_competency_question(seed_stores, store, name, case):
    result = run_query(seed_stores[store], (QUERIES / name).read_text(encoding="utf-8"), case.get("params"))
    if "over_graph" in case:  # a CONSTRUCT: its graph is queried in turn
        assert result.type == "CONSTRUCT" and len(result.graph) > 0
        result = result.graph.query(case["over_graph"])
    rows = [tuple(comparable(row[c]) for c in case["columns"]) for row in result]
    expected = [tuple(comparable(value) for value in row) for row in case["rows"]]
    if case.get("ordered"):
        assert rows == expected
    else:
        assert sorted(set(rows)) == sorted(set(expected)) and len(rows) == len(set(rows))


@pytest.mark.parametrize(("name", "params"), ASKED)
def test_both_stores_give_the_same_answer(seed_stores, name, params):
    """The same rows (a set where the query has no ORDER BY, the same sequence where it has) or the same graph."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    rdflib = run_query(seed_stores["rdflib"], text, params)
    for store in ("oxigraph", "oxigraph-union"):
        oxigraph = run_query(seed_stores[store], text, params)
        assert oxigraph.type == rdflib.type
        if rdflib.type == "CONSTRUCT":
            assert len(rdflib.graph) > 0 and isomorphic(oxigraph.graph, rdflib.graph)
            continue
        assert oxigraph.vars == rdflib.vars
        rows = [[tuple(row) for row in result] for result in (oxigraph, rdflib)]
        assert len(rows[1]) > 0 or params  # every question has answers on the seed corpus
        if "ORDER BY" in text:
            assert rows[0] == rows[1], store
        else:
            assert sorted(rows[0]) == sorted(rows[1]), store


@pytest.mark.parametrize(("name", "params"), ASKED)
def test_both_stores_print_the_same_bytes(seed_stores, name, params):
    """Every output format, byte for byte: the questions order their rows completely (ties broken by
    every column), and Oxigraph's decimals get back the ".0" of the dumps ("73000000000.0")."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    results = {store: run_query(seed_stores[store], text, params) for store in LOADED}
    for output_format in ("table", "csv", "json"):
        printed = {store: format_result(result, output_format) for store, result in results.items()}
        assert printed["oxigraph"] == printed["rdflib"] == printed["oxigraph-union"], output_format


def test_every_question_orders_its_rows_completely():
    """So that any store gives one order: each SELECT's ORDER BY names every variable it groups by or,
    without GROUP BY, every variable it selects."""
    for name in sorted(MANIFEST):
        text = (QUERIES / name).read_text(encoding="utf-8")
        selected = re.search(r"^SELECT(.*?)^WHERE", text, re.MULTILINE | re.DOTALL)
        if selected is None:  # a CONSTRUCT: a graph has no order
            continue
        grouped = re.search(r"^GROUP BY (.*)$", text, re.MULTILINE)
        keys = grouped.group(1) if grouped else re.sub(r"\(.*? AS ", "(", selected.group(1))
        order = re.search(r"^ORDER BY (.*)$", text, re.MULTILINE)
        assert order is not None, name
        missing = set(re.findall(r"\?(\w+)", keys)) - set(re.findall(r"\?(\w+)", order.group(1)))
        assert not missing, (name, sorted(missing))


def test_every_query_is_in_the_manifest_and_has_a_bilingual_header():
    files = sorted(p.name for p in QUERIES.glob("*.rq"))
    assert files == sorted(MANIFEST)
    assert len(files) >= 9
    for name in files:
        lines = (QUERIES / name).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# CQ") and "—" in lines[0], name  # the question in Vietnamese
        assert lines[1].startswith("#") and len(lines[1].strip("# ")) > 20 and lines[1].isascii(), name  # English
        assert any(line.startswith("# Parameters:") for line in lines), name


def test_query_list_shows_each_question():
    result = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--list"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    for name in MANIFEST:
        assert name in result.stdout
    assert "Which units offer a given service" in result.stdout
