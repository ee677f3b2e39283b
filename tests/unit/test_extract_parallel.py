"""extract_all: worker processes give exactly what `extract`, one article after another, gives."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

import kg.extract
from kg.errors import DataFileError
from kg.extract import extract, extract_all, load_rulebook
from kg.extract import parallel as parallel_module
from kg.read import read_corpus
from tests.conftest import ROOT, SEED_CORPUS

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the failing extractor is patched in before a fork"
)


@pytest.fixture(scope="module")
def articles():
    """The seed, held-out and generalization articles: 16 pages, of every layout the tests know."""
    found = []
    for corpus in (SEED_CORPUS, ROOT / "tests" / "heldout" / "corpus", ROOT / "tests" / "generalization" / "corpus"):
        found.extend(read_corpus(Path(corpus))[0])
    return found


@pytest.fixture(scope="module")
def serial(articles):
    rulebook = load_rulebook()
    return [extract(article, rulebook) for article in articles]


def test_worker_processes_give_the_serial_extractions_in_order(articles, serial) -> None:
    parallel = extract_all(articles, load_rulebook(), workers=2, min_articles=0)
    assert parallel == serial
    assert repr(parallel) == repr(serial)  # down to the written form of every Decimal
    assert all(extraction.article is article for extraction, article in zip(parallel, articles, strict=True))


def test_more_workers_than_articles_and_runs_of_one_article(articles, serial) -> None:
    assert extract_all(articles[:3], workers=8, min_articles=0) == serial[:3]


def test_the_parallel_result_pickles(articles, serial) -> None:
    parallel = extract_all(articles, workers=2, min_articles=0)
    assert pickle.loads(pickle.dumps(parallel)) == serial


def test_no_articles_no_extractions() -> None:
    assert extract_all([], workers=2, min_articles=0) == []


@pytest.mark.parametrize(("workers", "min_articles"), [(1, 0), (2, 17), (None, 10_000)])
def test_one_worker_or_few_articles_extract_here(articles, serial, monkeypatch, workers, min_articles) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("no worker process should start")

    monkeypatch.setattr(parallel_module, "ProcessPoolExecutor", no_pool)
    assert extract_all(articles, workers=workers, min_articles=min_articles) == serial


def test_worker_count_defaults_to_the_usable_cpus_and_refuses_zero() -> None:
    assert parallel_module.worker_count() >= 1
    assert parallel_module.worker_count(3) == 3
    with pytest.raises(ValueError, match="at least 1"):
        parallel_module.worker_count(0)


@needs_fork
@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_in_a_worker_is_the_error_extract_raises(articles, monkeypatch, workers) -> None:
    """The first failing article in corpus order names the error, whichever worker met it first."""
    failing = {articles[4].id, articles[11].id}
    find_figures = kg.extract.find_figures

    def breaks_on_some_articles(book, article, *args):
        if article.id in failing:
            raise DataFileError(f"figures.yaml: cannot read {article.id}")
        return find_figures(book, article, *args)

    monkeypatch.setattr(kg.extract, "find_figures", breaks_on_some_articles)
    with pytest.raises(DataFileError) as serially:
        [extract(article, load_rulebook()) for article in articles]
    with pytest.raises(DataFileError) as in_workers:
        extract_all(articles, load_rulebook(), workers=workers, min_articles=0)
    assert str(in_workers.value) == str(serially.value) == f"figures.yaml: cannot read {articles[4].id}"
