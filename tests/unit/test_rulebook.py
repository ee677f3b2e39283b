"""A broken rule file stops everything with a message naming the file, the rule and the reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.extract.rulebook import RULES_DIR, load_rulebook
from tests.conftest import ROOT, SEED_CORPUS


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file_name", "old", "new", "needles"),
    [
        ("awards.yaml", "relation: award-conferral", "relation: award-confetti", ["awards.yaml", "award.receives"]),
        ("awards.yaml", "{award:AWARD}", "{award:MEDAL}", ["awards.yaml", "award.receives", "MEDAL"]),
        ("people.yaml", "{person:PERSON}\\s*,", "{person:PERSON}(\\s*,", ["people.yaml", "person.named-with-title"]),
        ("figures.yaml", "indicator: staff", "indicator: happiness", ["figures.yaml", "figure.staff", "happiness"]),
        ("offers.yaml", "rules:", "rules: [", ["offers.yaml", "YAML"]),
        ("awards.yaml", "- id: award.honoured-by", "- id: award.receives", ["awards.yaml", "award.receives", "twice"]),
    ],
)
def test_broken_rule_file_is_named_with_its_rule(rules_copy, file_name, old, new, needles):
    _replace(rules_copy / file_name, old, new)
    with pytest.raises(DataFileError) as error:
        load_rulebook(rules_copy)
    for needle in needles:
        assert needle in str(error.value)


def test_unchanged_copy_loads(rules_copy):
    assert load_rulebook(rules_copy).relation_rules


def test_build_with_a_broken_rule_exits_2_with_one_line(rules_copy, tmp_path):
    _replace(rules_copy / "awards.yaml", "relation: award-conferral", "relation: nonsense")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--corpus", str(SEED_CORPUS), "--out", str(tmp_path / "d"),
         "--rules", str(rules_copy)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "awards.yaml" in result.stderr and "award.receives" in result.stderr
    assert not (tmp_path / "d").exists()
