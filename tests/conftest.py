"""Shared fixtures: the seed corpus, and one build of it per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from kg.build import BuildReport, build

# Property tests check behaviour, not speed: no per-example deadline on a noisy CI machine.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
QUERIES = ROOT / "queries"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The seed corpus built once, with the SHACL check, into a temporary folder."""
    out = tmp_path_factory.mktemp("seed") / "dist"
    return build(SEED_CORPUS, out)


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus, for tests that add or break articles."""
    target = tmp_path / "corpus"
    target.mkdir()
    for article in sorted(SEED_CORPUS.glob("*.txt")):
        shutil.copy(article, target / article.name)
    return target
