"""The whole pipeline, corpus folder -> output folder: read, extract, resolve, assemble, check, outputs.

Outputs are written into a temporary folder beside the target and moved into place only when
everything succeeded, so a failed or interrupted build leaves the previous output untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.assemble import DEFAULT_BASE, add_inferred, assemble
from kg.check import CheckReport, check, java_available
from kg.check.inference import infer_terms
from kg.errors import UserInputError
from kg.extract import extract_all, load_rulebook
from kg.model import SkippedArticle
from kg.outputs import load_ontology, write_outputs
from kg.quads import RDF_TYPE, Triple, iri, to_rdflib
from kg.read import read_corpus
from kg.resolve import resolve
from kg.text import match_key
from kg.viz import GRAPH_PAGE, Selection, draw_graph


@dataclass
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    out_dir: Path
    articles: int
    skipped: list[SkippedArticle]
    entities: Counter[str]
    facts: Counter[str]
    triples: int
    quads: int
    files: dict[str, int]
    check: CheckReport | None
    seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build(
    corpus_dir: Path,
    out_dir: Path,
    base: str = DEFAULT_BASE,
    validate: bool = True,
    rules_dir: Path | None = None,
    reason: bool = True,
    draw: bool = True,
    graph_node_limit: int = Selection.max_nodes,
    strict: bool = False,
) -> BuildReport:
    """Build the knowledge graph of a corpus folder into `out_dir` (replaced atomically).

    A bad article is skipped and reported; with `strict`, a skipped article or any other warning is
    a UserInputError instead, raised before `out_dir` is touched."""
    started = time.perf_counter()
    timer = _StageTimer()
    out_dir = Path(out_dir)
    _check_output_target(out_dir)
    with timer("read"):
        articles, skipped = read_corpus(Path(corpus_dir))
    if not articles:
        raise UserInputError(f"no article of {corpus_dir} could be read; nothing to build")
    if strict and skipped:
        raise UserInputError(_strict_message([f"skipped {s.path}: {s.reason}" for s in skipped]))
    with timer("extract"):
        rulebook = load_rulebook(Path(rules_dir)) if rules_dir else load_rulebook()
        notes = _unknown_provinces(articles, rulebook.gazetteer)
        if strict and notes:
            raise UserInputError(_strict_message(notes))
        extractions = extract_all(articles, rulebook)
    with timer("resolve"):
        resolved = resolve(extractions, rulebook.gazetteer, rulebook.descriptions())
    with timer("assemble"):
        dataset = assemble(resolved, base)
        ontology = load_ontology()
        asserted = dataset.asserted()
    with timer("infer"):
        add_inferred(dataset, infer_terms(asserted, ontology), base)
    report = None
    if validate and reason and not java_available():
        reason = False
        notes.append("OWL reasoning skipped: Java not found (apt-get install default-jre-headless)")
    as_rdflib = _Converted(asserted)
    if validate:
        with timer("check"):
            report = check(as_rdflib.graph(), ontology, reason=reason)
    # Named first and made inside the try: a Ctrl-C just after the folder appears still removes it.
    staging = out_dir.parent / f".{out_dir.name}.{secrets.token_hex(6)}"
    try:
        staging.mkdir(mode=0o700)
        with timer("outputs"):
            files = write_outputs(dataset, staging, base, asserted)
        if draw:
            with timer("graph page"):
                notes += _draw_page(as_rdflib, ontology, staging / GRAPH_PAGE, files, graph_node_limit)
        if strict and notes:
            raise UserInputError(_strict_message(notes))
        _replace_folder(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    triples = len(asserted)
    return BuildReport(
        out_dir=out_dir,
        articles=len(articles),
        skipped=skipped,
        entities=Counter(entity.kind for entity in resolved.entities.values()),
        facts=Counter(fact.kind for fact in resolved.facts),
        triples=triples,
        quads=len(dataset),
        files=files,
        check=report,
        seconds=time.perf_counter() - started,
        stage_seconds=timer.seconds,
        notes=notes,
    )


class _Converted:
    """The asserted triples as an rdflib graph, made once and only if a check or the page needs it."""

    def __init__(self, asserted: list[Triple]) -> None:
        self.asserted = asserted
        self._graph = None

    def graph(self):
        if self._graph is None:
            self._graph = to_rdflib(self.asserted)
        return self._graph


def _draw_page(data: _Converted, ontology, target: Path, files: dict[str, int], limit: int) -> list[str]:
    """dist/graph.html, unless the graph is too large for one page (then a note says what to do)."""
    advice = "Draw a part of it with vnpost-kg viz"
    drawable = _drawable_resources(data.asserted)
    if drawable > limit:  # no need to load the whole graph into rdflib to know the page is refused
        return [f"{GRAPH_PAGE} not written: at least {drawable} nodes to draw, more than --max-nodes {limit}. {advice}"]
    try:
        drawn = draw_graph(data.graph(), ontology, target, Selection(max_nodes=limit))
    except UserInputError as refusal:
        return [f"{GRAPH_PAGE} not written: {refusal}. {advice}"]
    files[GRAPH_PAGE] = drawn.path.stat().st_size
    return []


def _drawable_resources(asserted: list[Triple]) -> int:
    """How many resources the default page would draw at least: those typed with a drawn class
    (the taxonomy concepts they use come on top)."""
    from kg.network import DEFAULT_KINDS, NODE_STYLES

    classes = {iri(str(style.cls)) for style in NODE_STYLES if style.kind in DEFAULT_KINDS}
    return len({s for s, p, o in asserted if p == RDF_TYPE and o in classes})


def _unknown_provinces(articles, gazetteer) -> list[str]:
    """A warning for each sidecar whose "province" the gazetteer does not know (the article's
    province is then inferred from its text, as without a sidecar)."""
    return [
        f"{article.source_file}: sidecar province {article.province_hint!r} is not a province the gazetteer knows; "
        "the article's province is inferred from its text"
        for article in articles
        if article.province_hint and match_key(article.province_hint) not in gazetteer.province_by_key
    ]


def _strict_message(warnings: list[str]) -> str:
    listed = "; ".join(warnings)
    return f"--strict: {len(warnings)} warning(s), nothing written: {listed}"


def _check_output_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UserInputError(f"output path {out_dir} is a file; give a folder (it is created if missing)")
    parent = out_dir.resolve().parent
    if not parent.is_dir():
        raise UserInputError(f"cannot create output folder {out_dir}: {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserInputError(f"cannot write output folder {out_dir}: {parent} is not writable")


class InterruptedAfterReplacing(KeyboardInterrupt):
    """Ctrl-C came while the new output was being swapped in: the swap was finished first."""


@contextlib.contextmanager
def _interrupts_deferred():
    """Hold Ctrl-C (and SIGTERM) back until the block is done, so that a swap of folders is never
    left half-way. A Ctrl-C that came meanwhile is raised afterwards as InterruptedAfterReplacing, and
    a SIGTERM is sent again. Python runs signal handlers in the main thread only, so elsewhere the
    block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, _frame: came.append(number)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if signal.SIGTERM in came:
            os.kill(os.getpid(), signal.SIGTERM)
        if signal.SIGINT in came:
            raise InterruptedAfterReplacing


def _replace_folder(staging: Path, target: Path) -> None:
    """Swap the finished staging folder in for the target, keeping the old one until it's done."""
    staging.chmod(0o755)
    retired = None
    try:
        with _interrupts_deferred():
            if not target.exists():
                staging.rename(target)
                return
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            retired.rmdir()
            target.rename(retired)
            try:
                staging.rename(target)
            except BaseException:
                retired.rename(target)
                raise
    finally:
        if retired is not None and retired.exists() and target.exists():
            shutil.rmtree(retired, ignore_errors=True)


class _StageTimer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, stage: str) -> _Stage:
        return _Stage(self, stage)


class _Stage:
    def __init__(self, timer: _StageTimer, stage: str) -> None:
        self.timer, self.stage = timer, stage

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timer.seconds[self.stage] = time.perf_counter() - self.started
