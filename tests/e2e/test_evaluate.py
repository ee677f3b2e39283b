"""Extraction quality, computed against the gold standard on every run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.evaluate import evaluate, format_markdown
from tests.conftest import ROOT, SEED_CORPUS

GOLD = ROOT / "tests" / "gold"
SETS = {
    "seed": (SEED_CORPUS, GOLD / "seed"),
    "generalization": (ROOT / "tests" / "generalization" / "corpus", GOLD / "generalization"),
    "heldout": (ROOT / "tests" / "heldout" / "corpus", GOLD / "heldout"),
}


@pytest.fixture(scope="module")
def evaluations():
    return {name: evaluate(corpus, gold) for name, (corpus, gold) in SETS.items() if gold.is_dir()}


def test_seed_quality_meets_the_bar(evaluations):
    overall = evaluations["seed"].overall
    assert overall.f1 >= 0.90, evaluations["seed"].misses
    assert overall.precision >= 0.95, evaluations["seed"].false_positives


def test_generalization_quality_meets_the_aim(evaluations):
    assert evaluations["generalization"].overall.f1 >= 0.80, evaluations["generalization"].misses


@pytest.mark.parametrize("name", sorted(SETS))
def test_readme_shows_the_computed_scores(evaluations, name):
    if name not in evaluations:
        pytest.skip(f"no gold for {name}")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(rf"<!-- evaluation:{name} -->\n(.*?)<!-- /evaluation:{name} -->", readme, re.DOTALL)
    assert block, f"README.md has no evaluation:{name} block"
    assert block.group(1) == format_markdown(evaluations[name]), "run the command in README.md and paste its output"


def test_every_gold_article_is_scored(evaluations):
    for name, (_, gold) in SETS.items():
        if name in evaluations:
            assert evaluations[name].articles == len(list(gold.glob("*.yaml")))


def test_a_fact_missing_from_the_text_is_a_miss(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD / "seed", gold)
    path = gold / "003_ddc1865ba3911d06.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    invented = {"person": "person/nguyen-van-khong-co", "role": "director", "org": "org/buu-dien-tinh-ha-tinh"}
    data["memberships"].append(invented)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    baseline = evaluate(SEED_CORPUS, GOLD / "seed").scores["memberships"]
    changed = evaluate(SEED_CORPUS, gold)
    assert changed.scores["memberships"].false_negatives == baseline.false_negatives + 1
    assert ("003_ddc1865ba3911d06", "memberships", tuple(invented.values())) in changed.misses


def test_a_gold_fact_removed_is_a_false_positive(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD / "seed", gold)
    path = gold / "004_7772b1bb6a6b4c9b.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    removed = data["awards"].pop(0)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    changed = evaluate(SEED_CORPUS, gold)
    expected = (removed["recipient"], removed["award"], removed["conferrer"], removed["year"])
    assert ("004_7772b1bb6a6b4c9b", "awards", expected) in changed.false_positives


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_evaluate_command_prints_the_table_and_details():
    result = run("evaluate", "--details")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^overall\s+\d+\s+\d+\s+\d+\s+[01]\.\d{3}", result.stdout, re.MULTILINE)
    assert "missed:" in result.stdout and "false positives:" in result.stdout


def test_evaluate_with_a_missing_gold_folder_is_one_clear_error(tmp_path: Path):
    result = run("evaluate", "--gold", str(tmp_path / "none"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("memberships: [oops", "cannot be read"),
        ("flavours: []\n", "unknown sections ['flavours']"),
        ("awards:\n  - {award: Cờ thi đua}\n", "a fact lacks a required field or is malformed"),
    ],
)
def test_a_broken_gold_file_is_one_clear_error(tmp_path: Path, content, needle):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD / "seed", gold)
    (gold / "004_7772b1bb6a6b4c9b.yaml").write_text(content, encoding="utf-8")
    result = run("evaluate", "--gold", str(gold))
    assert result.returncode == 2 and needle in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_gold_file_without_its_article_is_one_clear_error(tmp_path: Path):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD / "seed", gold)
    (gold / "999_missing.yaml").write_text("awards: []\n", encoding="utf-8")
    result = run("evaluate", "--gold", str(gold))
    assert result.returncode == 2 and "gold files without a readable article" in result.stderr
    assert "999_missing" in result.stderr and "Traceback" not in result.stderr
