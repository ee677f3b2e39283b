"""`vnpost-kg viz`: what each option draws, and a clear message for each mistake."""

from __future__ import annotations

import json
import re

import pytest

from kg.build import build
from kg.network import DEFAULT_KINDS, load_network
from kg.query import load_dataset, read_query, run_query
from kg.viz import draw
from kg.viz.select import Selection, select
from tests.conftest import QUERIES
from tests.e2e.test_cli import assert_clean_error, run

CQ10 = QUERIES / "cq10_ministry_flags_graph.rq"


def drawn_ids(page) -> set[str]:
    """The node IRIs in a page's data block."""
    text = page.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.DOTALL).group(1)
    return {node["id"] for node in json.loads(block)["nodes"]}


@pytest.fixture(scope="module")
def network(seed_build):
    return load_network(seed_build.out_dir)


def test_build_draws_every_node_but_articles(seed_build, network):
    expected = {n for n, kind in network.nodes(data="kind") if kind in DEFAULT_KINDS}
    assert drawn_ids(seed_build.out_dir / "graph.html") == expected


def test_viz_province_draws_that_province_and_its_neighbours(seed_build, network, tmp_path):
    out = tmp_path / "ha-tinh.html"
    result = run("viz", "--dist", str(seed_build.out_dir), "--province", "ha tinh", "--out", str(out))
    assert result.returncode == 0, result.stderr
    ids = drawn_ids(out)
    assert f"{len(ids)} nodes" in result.stdout
    assert ids == set(select(network, Selection(province="Hà Tĩnh")).nodes)
    assert "https://w3id.org/vnpost-kg/id/org/buu-dien-tinh-ha-tinh" in ids
    assert "https://w3id.org/vnpost-kg/id/org/buu-dien-tinh-son-la" not in ids


def test_viz_query_draws_the_construct_answer(seed_build, network, tmp_path):
    answer = run_query(load_dataset(seed_build.out_dir), read_query(CQ10)).graph
    named = {str(t) for s, _, o in answer for t in (s, o)} & set(network.nodes)
    exact = draw(seed_build.out_dir, tmp_path / "exact.html", Selection(query=CQ10, depth=0))
    assert drawn_ids(tmp_path / "exact.html") == named and exact.nodes == len(named)
    wider = draw(seed_build.out_dir, tmp_path / "wider.html", Selection(query=CQ10, depth=1))
    assert wider.nodes > exact.nodes and named <= drawn_ids(tmp_path / "wider.html")
    labels = {network.nodes[n]["label"] for n in named}
    assert {"Cờ thi đua · 2020", "Cờ thi đua · 2019", "Bộ Thông tin và Truyền thông"} <= labels


def test_viz_select_query_draws_the_iris_it_binds(seed_build, network, tmp_path):
    rows = run_query(load_dataset(seed_build.out_dir), read_query(QUERIES / "cq01_ministry_flags.rq"))
    bound = {str(value) for row in rows for value in row if str(value).startswith("https://")}
    draw(seed_build.out_dir, tmp_path / "cq01.html",
         Selection(query=QUERIES / "cq01_ministry_flags.rq", depth=0))
    assert drawn_ids(tmp_path / "cq01.html") == bound & set(network.nodes)


def test_viz_focus_and_kinds(seed_build, network, tmp_path):
    post = "https://w3id.org/vnpost-kg/id/org/buu-dien-tinh-lang-son"
    draw(seed_build.out_dir, tmp_path / "focus.html", Selection(focus=post, depth=1, kinds=("unit", "award")))
    ids = drawn_ids(tmp_path / "focus.html")
    assert post in ids
    assert {network.nodes[n]["kind"] for n in ids} <= {"unit", "award"}
    neighbours = set(network.to_undirected(as_view=True).neighbors(post))
    assert ids - {post} <= neighbours


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--kinds", "unit,bogus"], "unknown kind(s) bogus"),
        (["--province", "Atlantis"], "no such province"),
        (["--focus", "https://example.org/nothing"], "no such resource"),
        (["--max-nodes", "3"], "more than --max-nodes 3"),
        (["--depth", "-1"], "--depth -1"),
        (["--query", "queries/none.rq"], "not found"),
    ],
)
def test_viz_mistakes_give_one_clear_message(seed_build, tmp_path, args, needle):
    out = tmp_path / "page.html"
    result = run("viz", "--dist", str(seed_build.out_dir), "--out", str(out), *args)
    assert_clean_error(result, 2, needle)
    assert not out.exists()


def test_viz_ask_query_and_unwritable_target(seed_build, tmp_path):
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert_clean_error(run("viz", "--dist", str(seed_build.out_dir), "--query", str(ask), "--out",
                           str(tmp_path / "a.html")), 2, "ASK query has no answer to draw")
    assert_clean_error(run("viz", "--dist", str(seed_build.out_dir), "--out", str(tmp_path / "missing" / "a.html")),
                       2, "does not exist")
    assert_clean_error(run("viz", "--dist", str(tmp_path / "nothing")), 2, "build the graph first")


def test_build_too_large_for_one_page_says_so_and_still_builds(corpus_copy, tmp_path):
    report = build(corpus_copy, tmp_path / "dist", validate=False, graph_node_limit=5)
    assert not (tmp_path / "dist" / "graph.html").exists()
    assert any("graph.html not written" in note and "--max-nodes 5" in note for note in report.notes)
    assert (tmp_path / "dist" / "vnpost-kg.nq").is_file()
