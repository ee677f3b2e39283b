"""The synthetic corpus generator (benchmarks/generate_corpus.py): deterministic, valid gold, evaluable."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.evaluate import _load_gold, evaluate
from kg.text import slugify
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[2]
N = 12


def _load_generator():
    return load_script("benchmarks/generate_corpus.py", "generate_corpus")


generator = _load_generator()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    counts = generator.generate(N, 3, out)
    assert counts["articles"] == N
    return out


def test_same_seed_gives_byte_identical_files(generated, tmp_path):
    generator.generate(N, 3, tmp_path)
    assert _files(tmp_path) == _files(generated)


def test_different_seeds_differ(generated, tmp_path):
    generator.generate(N, 4, tmp_path)
    assert _files(tmp_path) != _files(generated)


def test_one_gold_file_per_article(generated):
    articles = {p.stem for p in (generated / "corpus").glob("*.txt")}
    gold = {p.stem for p in (generated / "gold").glob("*.yaml")}
    assert len(articles) == N
    assert articles == gold


def test_every_gold_file_loads_with_the_evaluator(generated):
    for path in sorted((generated / "gold").glob("*.yaml")):
        keys = _load_gold(path)
        assert keys["units"], path


def _concepts() -> dict[str, set[str]]:
    text = (ROOT / "ontology" / "taxonomies.ttl").read_text(encoding="utf-8")
    concepts: dict[str, set[str]] = {}
    for prefix, name in re.findall(r"^([a-z]+):([a-z0-9-]+)\s*\n\s+a skos:Concept", text, re.MULTILINE):
        concepts.setdefault(prefix, set()).add(name)
    return concepts


def _province_slugs() -> set[str]:
    with (ROOT / "kg" / "data" / "admin_units_2025-03.csv").open(encoding="utf-8") as handle:
        names = {row["province"].removeprefix("Thành phố ").removeprefix("Tỉnh ") for row in csv.DictReader(handle)}
    return {slugify(name) for name in names}


def test_every_slug_refers_to_something_that_exists(generated):
    import yaml

    concepts = _concepts()
    provinces = _province_slugs()
    provincial = re.compile(r"^org/buu-dien-(?:tinh|thanh-pho)-(?P<p>[a-z0-9-]+)$")
    for path in sorted((generated / "gold").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for unit in data["units"]:
            assert unit.startswith("org/")
            match = provincial.match(unit)
            if match:
                assert match["p"] in provinces, unit
        for membership in data["memberships"]:
            assert membership["role"] in concepts["role"]
            assert membership["person"].startswith("person/")
        for award in data["awards"]:
            assert award["award"] in concepts["award"]
            assert award["recipient"] in data["units"]
        for observation in data["observations"]:
            assert observation["indicator"] in concepts["indicator"]
            assert observation["measure"] in concepts["unit"]
            assert observation["qualifier"] in concepts["qualifier"]
            assert observation["unit"] in data["units"]
        for service in data["services"]:
            assert service["service"] in concepts["service"]
            assert service["unit"] in data["units"]
        for partnership in data["partnerships"]:
            assert partnership["unit"] in data["units"]
            assert partnership["service"] in concepts["service"]
        for document in data["documents"]:
            assert document["kind"] in concepts["dockind"]
        for event in data["events"]:
            assert event["organizer"] in data["units"]


def test_every_province_is_covered_once_n_reaches_63(tmp_path):
    generator.generate(63, 1, tmp_path)
    provinces = {p.stem.split("_", 1)[1] for p in (tmp_path / "corpus").glob("*.txt")}
    assert provinces == _province_slugs()


def test_leaders_are_consistent_across_articles(tmp_path):
    import yaml

    generator.generate(130, 5, tmp_path)
    directors: dict[str, set[str]] = {}
    for path in (tmp_path / "gold").glob("*.yaml"):
        for membership in yaml.safe_load(path.read_text(encoding="utf-8"))["memberships"]:
            if membership["role"] == "director":
                directors.setdefault(membership["org"], set()).add(membership["person"])
    assert directors
    assert all(len(people) == 1 for people in directors.values())


def test_vietnamese_number_forms():
    import random

    rng = random.Random(0)
    forms = {generator.money(1_250_000_000, rng) for _ in range(50)}
    assert forms <= {"1,25 tỷ đồng", "1 tỷ 250 triệu đồng", "1.250 triệu đồng"}
    assert generator.money(132_000_000_000, rng) == "132 tỷ đồng"


def test_the_evaluator_scores_every_annotated_kind(generated):
    evaluation = evaluate(generated / "corpus", generated / "gold")
    assert evaluation.articles == N
    for kind in ("units", "memberships", "observations", "services", "authors"):
        score = evaluation.scores[kind]
        assert score.true_positives + score.false_negatives > 0, kind
        assert score.recall > 0, kind


def test_the_evaluator_scores_every_kind_on_a_larger_corpus(tmp_path):
    generator.generate(40, 2, tmp_path)
    evaluation = evaluate(tmp_path / "corpus", tmp_path / "gold")
    for kind in ("units", "memberships", "awards", "observations", "services", "partnerships", "documents",
                 "events", "authors"):
        score = evaluation.scores[kind]
        assert score.true_positives + score.false_negatives > 0, kind
        assert score.recall > 0, kind


def test_cli_writes_corpus_and_gold(tmp_path):
    assert generator.main(["--articles", "3", "--seed", "9", "--out", str(tmp_path)]) == 0
    assert len(list((tmp_path / "corpus").glob("*.txt"))) == 3
    assert len(list((tmp_path / "gold").glob("*.yaml"))) == 3
