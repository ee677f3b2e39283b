"""Extracting a whole corpus: `extract` for every article, on every core the machine lends us.

`extract_all(articles, rulebook)` returns exactly `[extract(article, rulebook) for article in articles]`,
in the same order and with the same `Article` objects inside. Large corpora are cut into runs of
articles that worker processes extract; small ones, or a single core, are extracted here, as that
is faster than starting workers. An error in a worker is raised here as the same exception that
`extract` raises serially, for the first article (in corpus order) that fails.
"""

from __future__ import annotations

import copyreg
import io
import multiprocessing
import operator
import os
import pickle
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields

from kg.extract.rulebook import RuleBook, load_rulebook
from kg.model import Article, Assertion, Evidence, Extraction, Mention

__all__ = ["MIN_ARTICLES", "extract_all", "worker_count"]

MIN_ARTICLES = 200  # fewer articles are extracted faster in this process than by starting workers
_CHUNKS_PER_WORKER = 8  # small enough runs that a slow run at the end keeps no core idle for long
_MAX_CHUNK = 100

# What a worker has: the rule book and the articles, handed over once when it starts (with the
# "fork" start method neither is even copied: the worker inherits them).
_worker_state: tuple[RuleBook, Sequence[Article]] | None = None

# Evidence is a frozen slotted dataclass, which pickles through a slow Python-level __getstate__;
# rebuilt from its fields it pickles several times faster, and the results are most of the traffic.
_evidence_fields = operator.attrgetter(*(field.name for field in fields(Evidence)))
_DISPATCH = {**copyreg.dispatch_table, Evidence: lambda evidence: (Evidence, _evidence_fields(evidence))}

_Found = tuple[tuple[Mention, ...], tuple[Assertion, ...]]


def worker_count(workers: int | None = None) -> int:
    """How many processes to use: `workers` if given, else the CPUs this process may run on."""
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        return workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_all(
    articles: Sequence[Article],
    rulebook: RuleBook | None = None,
    workers: int | None = None,
    *,
    min_articles: int = MIN_ARTICLES,
) -> list[Extraction]:
    """`[extract(article, rulebook) for article in articles]`, in worker processes when that pays.

    workers=None uses every available CPU, workers=1 extracts here; with fewer than `min_articles`
    articles everything is extracted here as well.
    """
    # Imported here: kg.extract imports this module to re-export extract_all.
    from kg.extract import extract

    articles = list(articles)
    rulebook = rulebook or load_rulebook()
    count = min(worker_count(workers), len(articles))
    if count <= 1 or len(articles) < min_articles:
        return [extract(article, rulebook) for article in articles]
    size = max(1, min(_MAX_CHUNK, -(-len(articles) // (count * _CHUNKS_PER_WORKER))))
    starts = range(0, len(articles), size)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    executor = ProcessPoolExecutor(count, context, initializer=_start_worker, initargs=(rulebook, articles))
    try:
        results: list[Extraction] = []
        for start, payload in zip(starts, executor.map(_extract_run, starts, [size] * len(starts)), strict=True):
            found: list[_Found] = pickle.loads(payload)
            results.extend(
                Extraction(article, mentions, assertions)
                for article, (mentions, assertions) in zip(articles[start : start + size], found, strict=True)
            )
        return results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _start_worker(rulebook: RuleBook, articles: Sequence[Article]) -> None:
    global _worker_state
    _worker_state = (rulebook, articles)


def _extract_run(start: int, size: int) -> bytes:
    """Extract articles[start : start + size] in a worker; their mentions and assertions, pickled.

    The articles themselves stay out of the answer: the caller has them already.
    """
    from kg.extract import extract

    assert _worker_state is not None, "worker started without its rule book"
    rulebook, articles = _worker_state
    found = [
        (extraction.mentions, extraction.assertions)
        for extraction in (extract(article, rulebook) for article in articles[start : start + size])
    ]
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(found)
    return buffer.getvalue()
