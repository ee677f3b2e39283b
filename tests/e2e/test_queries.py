"""Every competency question runs on the seed graph and gives the answer written in queries/manifest.yaml."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from kg.query import load_dataset, run_query
from tests.conftest import QUERIES, ROOT, comparable

MANIFEST = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"]
CASES = [
    pytest.param(name, case, id=f"{name}-{number}")
    for name, cases in sorted(MANIFEST.items())
    for number, case in enumerate(cases)
]


@pytest.fixture(scope="module")
def seed_dataset(seed_build):
    return load_dataset(seed_build.out_dir)


@pytest.mark.parametrize(("name", "case"), CASES)
def test_competency_question(seed_dataset, name, case):
    result = run_query(seed_dataset, (QUERIES / name).read_text(encoding="utf-8"), case.get("params"))
    if "over_graph" in case:  # a CONSTRUCT: its graph is queried in turn
        assert result.type == "CONSTRUCT" and len(result.graph) > 0
        result = result.graph.query(case["over_graph"])
    rows = [tuple(comparable(row[c]) for c in case["columns"]) for row in result]
    expected = [tuple(comparable(value) for value in row) for row in case["rows"]]
    if case.get("ordered"):
        assert rows == expected
    else:
        assert sorted(set(rows)) == sorted(set(expected)) and len(rows) == len(set(rows))


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
