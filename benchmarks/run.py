"""The scale benchmark: every stage, the extraction quality, the two SPARQL stores and the HTML graph.

    python benchmarks/run.py                      # N = 5 (the seed corpus), 1,000 and 10,000 articles
    python benchmarks/run.py --sizes 5,200 --repeat 3 --out /tmp/performance.md

For each size N it builds the corpus (the seed corpus for N = 5, otherwise the synthetic corpus of
benchmarks/generate_corpus.py with its gold) and measures, each in a child process of its own so that
the peak resident memory belongs to one job and one job's garbage does not slow the next:

- build: wall time and articles/s of each stage that kg.build reports, peak RSS, triples and quads
  (OWL reasoning off: HermiT is not part of the pipeline's scale; the SHACL checks up to --check-up-to);
- quality: precision, recall and F1 of the extraction on the gold (kg.evaluate, not retyped here);
- stores: load time of the dumps into rdflib's Memory store and into Oxigraph, and the median time of
  each competency question (queries/manifest.yaml: every question with the parameters it is asked with)
  on both, parsing included, after one warm-up run;
- the HTML graph: pages of 200 and 2,000 nodes cut from the largest build, their layout time and size,
  and the time headless chromium takes to render them until they settle and answer a search.

It also times the seed build as a user runs it (`vnpost-kg build --no-reason --no-viz`, interpreter start
and imports included). It prints the tables and writes them as Markdown (--out, default
docs/performance.md) with the machine and the date, and a table of the targets of the scale issue, each
met, NOT MET (with what the measurement says about why) or not measured (and why not).
Exit code 0 when every measurement ran (met or not), 1 when one failed (its cell says why).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
SEED_GOLD = ROOT / "tests" / "gold" / "seed"
QUERIES = ROOT / "queries"
SEED_SIZE = 5
WORKER = "_worker"
DEFAULT_OUT = ROOT / "docs" / "performance.md"
README = ROOT / "README.md"
# The README's summary of the results: the block between these lines is the targets table of DEFAULT_OUT.
README_START, README_END = "<!-- performance:targets -->", "<!-- /performance:targets -->"

DUMPS = ("vnpost-kg.nq", "vnpost-kg.nt")  # the quads that query and serve load; the triples for other stores
NQUADS, ONTOLOGY = "vnpost-kg.nq", "ontology.ttl"
STAGE_NAMES = {"check": "checks", "outputs": "dumps"}  # kg.build's stage names -> the columns

# The stores compared: rdflib's Memory store (a Dataset whose default graph is the union of the named
# graphs), and Oxigraph as `query` and `serve` load it for a query that names no graph, as none of the
# competency questions does (kg.serve.store.load_union_store: the union of the graphs alone): the one
# the targets judge.
BASELINE, SERVED = "rdflib", "oxigraph"
STORES = {BASELINE: "rdflib Memory", SERVED: "Oxigraph (query, serve)"}

# The targets of the scale issue.
TARGET_SIZE = 10_000
TARGET_PAGE_NODES = 2_000
SEED_BUILD_SECONDS = 3.0
EXTRACTION_RATE = 200.0
PEAK_RSS_BYTES = 2 * 1024**3
QUERY_SECONDS = 0.100
STORE_RATIO = 10.0
PAGE_SECONDS = 5.0


# --- the command line -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[SEED_SIZE, 1_000, TARGET_SIZE],
                        help="corpus sizes, comma-separated; 5 is the seed corpus, others are synthetic "
                             "(default 5,1000,10000)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic corpora (default 7)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="the Markdown file to write (default docs/performance.md)")
    parser.add_argument("--work", type=Path, default=None,
                        help="scratch folder for corpora and builds, kept (default: a temporary one, removed)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timed runs of each query, median taken (default 5; the seed build and the "
                             "browser take min(3, this))")
    parser.add_argument("--check-up-to", type=int, default=1_000,
                        help="run the SHACL checks stage only up to this many articles (default 1000)")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="a query run longer than this many seconds is stopped and shown as such; no further "
                             "timed run starts once a query has taken this long in all (default 60)")
    parser.add_argument("--graph-nodes", type=_sizes, default=[200, TARGET_PAGE_NODES],
                        help="node counts of the HTML graph pages (default 200,2000)")
    parser.add_argument("--graph-from", type=int, default=1_000,
                        help="the corpus size whose build the pages are cut from (default 1000; when it is not "
                             "among --sizes, the largest size that built)")
    parser.add_argument("--no-browser", action="store_true",
                        help="draw the graph pages but do not render them in chromium")
    parser.add_argument("--sync-readme", action="store_true",
                        help="only copy the targets table of --out into README.md (a run writing the default "
                             "--out does this itself)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole numbers separated by commas") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give at least one number, each 1 or more")
    return sorted(set(sizes))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [WORKER]:
        return run_worker(argv[1], Path(argv[2]), Path(argv[3]))
    args = parse_args(argv)
    if args.sync_readme:
        sync_readme(args.out, README)
        progress(f"copied the targets of {args.out} into {README}")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="vnpost-bench."))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = measure(args, work, " ".join(["python benchmarks/run.py", *argv]))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    tables = make_tables(results)
    print(render_text(tables, results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_markdown(tables, results), encoding="utf-8")
    progress(f"wrote {args.out}")
    if args.out.resolve() == DEFAULT_OUT:
        sync_readme(args.out, README)
        progress(f"copied its targets into {README}")
    return 1 if results.failures else 0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running the measurements ---------------------------------------------------------------------


@dataclass
class Results:
    """Everything measured, as plain data, for the tables."""

    command: str
    started: dt.datetime
    machine: dict[str, str]
    check_up_to: int
    sizes: list[int]
    seed_build: dict | None = None
    builds: dict[int, dict] = field(default_factory=dict)
    quality: dict[int, dict] = field(default_factory=dict)
    stores: dict[int, dict[str, dict]] = field(default_factory=dict)
    pages: dict | None = None
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


class ChildFailed(RuntimeError):
    """A measurement's child process exited with an error; the message is the end of its stderr."""


def measure(args: argparse.Namespace, work: Path, command: str) -> Results:
    """Run every measurement in turn (never two at once: there are only two cores)."""
    started = time.perf_counter()
    results = Results(command=command, started=dt.datetime.now(dt.UTC),
                      machine=machine(), check_up_to=args.check_up_to, sizes=args.sizes)
    repeat_few = min(3, args.repeat)
    if SEED_SIZE in args.sizes:
        results.seed_build = attempt(results, "seed build (CLI)", lambda: time_seed_build(work, repeat_few))
    for size in args.sizes:
        measure_size(args, work, size, results)
    source = page_source(args, results)
    if source is not None:
        job = {"dist": str(work / f"n{source}" / "dist"), "nodes": args.graph_nodes, "size": source,
               "pages": str(work / "pages"), "repeat": repeat_few, "browser": not args.no_browser}
        results.pages = attempt(results, "HTML graph", lambda: child("graph", job, work))
    results.seconds = time.perf_counter() - started
    return results


def page_source(args: argparse.Namespace, results: Results) -> int | None:
    """The build to cut graph pages from: --graph-from if it built, else the largest that did. Reading
    a build into a network goes through rdflib, so the 10,000-article build would cost minutes and
    gigabytes for pages of no more nodes."""
    built = [size for size in args.sizes if "error" not in results.builds.get(size, {"error": "not run"})]
    if args.graph_from in built:
        return args.graph_from
    return max(built) if built else None


def measure_size(args: argparse.Namespace, work: Path, size: int, results: Results) -> None:
    """Build, score and query one corpus size."""
    corpus, gold = prepare_corpus(size, args.seed, work / f"n{size}")
    dist = work / f"n{size}" / "dist"
    check = size <= args.check_up_to
    results.builds[size] = attempt(results, f"N={size} build", lambda: child(
        "build", {"corpus": str(corpus), "out": str(dist), "check": check}, work))
    results.quality[size] = attempt(results, f"N={size} evaluation", lambda: child(
        "evaluate", {"corpus": str(corpus), "gold": str(gold)}, work))
    if "error" in results.builds[size]:
        return
    job = {"dist": str(dist), "repeat": args.repeat, "limit": args.query_timeout, "params": None}
    measured: dict[str, dict] = {}
    for store in (SERVED, BASELINE):  # the first chooses the parameters, the others reuse them
        measured[store] = attempt(results, f"N={size} {STORES[store]}", lambda: child(
            "stores", {**job, "store": store}, work))  # noqa: B023 (called at once)
        if job["params"] is None and measured[store].get("queries"):
            job["params"] = [case["params"] for case in measured[store]["queries"]]
    results.stores[size] = measured


def attempt(results: Results, what: str, run) -> dict:
    """Run one measurement; a failure becomes {"error": why} in its cells instead of ending the run."""
    progress(f"{what} …")
    started = time.perf_counter()
    try:
        measured = run()
    except (ChildFailed, OSError, subprocess.SubprocessError) as problem:
        results.failures.append(f"{what}: {problem}")
        progress(f"{what} FAILED: {problem}")
        return {"error": str(problem)}
    progress(f"{what} done in {time.perf_counter() - started:.1f} s")
    return measured


def prepare_corpus(size: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """The seed corpus for N = 5; otherwise a synthetic corpus, generated once per scratch folder."""
    if size == SEED_SIZE:
        folder.mkdir(parents=True, exist_ok=True)
        return SEED_CORPUS, SEED_GOLD
    corpus, gold = folder / "corpus", folder / "gold"
    if len(list(corpus.glob("*.txt"))) != size:
        from generate_corpus import generate

        shutil.rmtree(folder, ignore_errors=True)
        progress(f"N={size}: generating the synthetic corpus (seed {seed}) …")
        generate(size, seed, folder)
    return corpus, gold


def child(job: str, payload: dict, work: Path) -> dict:
    """Run one worker job in a fresh interpreter and return what it measured.

    Its output goes to a log file, not a pipe: chromium's helpers can outlive the job and hold a pipe
    open, which would keep us waiting for them."""
    job_file, result_file, log_file = (work / f"{kind}-{job}.{ext}" for kind, ext in
                                       (("job", "json"), ("result", "json"), ("log", "txt")))
    job_file.write_text(json.dumps(payload), encoding="utf-8")
    result_file.unlink(missing_ok=True)
    with log_file.open("w", encoding="utf-8") as log:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), WORKER, job, str(job_file),
                               str(result_file)], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    if done.returncode != 0 or not result_file.is_file():
        lines = [line for line in log_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        raise ChildFailed(f"{job} worker exited with code {done.returncode}: {(lines or ['no output'])[-1]}")
    return json.loads(result_file.read_text(encoding="utf-8"))


def time_seed_build(work: Path, repeat: int) -> dict:
    """The seed build as a user types it, interpreter start and imports included: read -> dumps with
    the SHACL checks, without OWL reasoning (--no-reason) and without the graph page (--no-viz)."""
    out = work / "seed-cli"
    command = [*cli(), "build", "--corpus", str(SEED_CORPUS), "--out", str(out), "--no-reason", "--no-viz", "--quiet"]
    times, codes = [], set()
    for _ in range(repeat):
        started = time.perf_counter()
        codes.add(subprocess.run(command, cwd=ROOT, capture_output=True).returncode)
        times.append(time.perf_counter() - started)
    imports = [_wall([sys.executable, "-c", "import kg.cli, kg.build"]) for _ in range(repeat)]
    shown = "vnpost-kg build --corpus corpus --out DIR --no-reason --no-viz --quiet"
    return {"seconds": statistics.median(times), "runs": len(times), "command": shown, "exit_codes": sorted(codes),
            "imports": statistics.median(imports)}


def cli() -> list[str]:
    """The vnpost-kg console script beside this interpreter, or `python -m kg` when it is not installed."""
    script = Path(sys.executable).parent / "vnpost-kg"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kg"]


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def machine() -> dict[str, str]:
    """What the numbers were measured on: they mean little without it."""
    import importlib.metadata as metadata

    versions = []
    for package in ("vnpost-kg", "rdflib", "pyoxigraph", "pyshacl", "networkx", "playwright"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    return {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "memory": _memory_total(),
        "OS": _os_name(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "libraries": ", ".join(versions),
        "chromium": _chromium_version(),
        "commit": _commit(),
    }


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor() or "unknown"


def _memory_total() -> str:
    try:
        text = Path("/proc/meminfo").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    found = re.search(r"^MemTotal:\s*(\d+) kB", text, re.MULTILINE)
    return size_text(int(found.group(1)) * 1024) if found else "unknown"


def _os_name() -> str:
    try:
        release = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        release = ""
    found = re.search(r'^PRETTY_NAME="?([^"\n]+)"?$', release, re.MULTILINE)
    distribution = found.group(1) if found else platform.system()
    return f"{distribution}, kernel {platform.release()}"


def _chromium_version() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "not found"
    return done.stdout.strip() or "unknown"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if head and dirty else head or "unknown"


# --- the worker jobs (each runs in a child process) -----------------------------------------------


def run_worker(job: str, job_file: Path, result_file: Path) -> int:
    """One measurement in this fresh process; what it measured goes to result_file as JSON."""
    jobs = {"build": job_build, "evaluate": job_evaluate, "stores": job_stores, "graph": job_graph}
    payload = json.loads(job_file.read_text(encoding="utf-8"))
    measured = jobs[job](payload)
    measured["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    result_file.write_text(json.dumps(measured), encoding="utf-8")
    return 0


def job_build(payload: dict) -> dict:
    """kg.build.build() without OWL reasoning or graph page (timed apart), with or without the checks."""
    from kg.build import build

    report = build(Path(payload["corpus"]), Path(payload["out"]), validate=payload["check"], reason=False,
                   draw=False)
    return {"articles": report.articles, "skipped": len(report.skipped), "stages": report.stage_seconds,
            "seconds": report.seconds, "triples": report.triples, "quads": report.quads,
            "checked": payload["check"], "conforms": None if report.check is None else report.check.conforms,
            "files": report.files}


def job_evaluate(payload: dict) -> dict:
    """The evaluator's own overall score: the table shows what kg.evaluate computes."""
    from kg.evaluate import evaluate

    overall = evaluate(Path(payload["corpus"]), Path(payload["gold"])).overall
    return {"gold": overall.true_positives + overall.false_negatives,
            "found": overall.true_positives + overall.false_positives,
            "correct": overall.true_positives, "precision": overall.precision, "recall": overall.recall,
            "f1": overall.f1}


def job_stores(payload: dict) -> dict:
    """Load times of the dumps into one store, then the median time of each competency question on it."""
    store = RdflibStore() if payload["store"] == BASELINE else OxigraphStore()
    dist = Path(payload["dist"])
    loads = {}
    for dump in sorted(store.dumps, key=lambda name: name == NQUADS):  # the N-Quads last: the queries use them
        started = time.perf_counter()
        store.load(dist, dump)
        loads[dump] = {"seconds": time.perf_counter() - started, "bytes": (dist / dump).stat().st_size}
    cases = query_cases()
    if payload["params"] is not None:  # the parameters the other store chose, so both run the same query
        cases = [QueryCase(case.file, params) for case, params in zip(cases, payload["params"], strict=True)]
    else:
        cases = [QueryCase(case.file, store.present_params(case.params)) for case in cases]
    queries = [time_query(store, case, payload["repeat"], payload["limit"]) for case in cases]
    return {"store": payload["store"], "loads": loads, "queries": queries}


@dataclass(frozen=True)
class QueryCase:
    file: str
    params: dict[str, str]


def query_cases() -> list[QueryCase]:
    """Each competency question with each set of parameters the manifest asks it with."""
    manifest = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"]
    cases: list[QueryCase] = []
    for path in sorted(QUERIES.glob("*.rq")):
        for case in manifest.get(path.name) or [{}]:
            candidate = QueryCase(path.name, dict(case.get("params") or {}))
            if candidate not in cases:
                cases.append(candidate)
    return cases


def time_query(store, case: QueryCase, repeat: int, limit: float) -> dict:
    """One warm-up run, then up to `repeat` timed runs; a run longer than `limit` seconds is stopped,
    so that one pathological plan cannot hold up the benchmark, and no timed run starts once the
    query has taken `limit` seconds in all."""
    measure_runs = _runs_in_process if store.interruptible else _runs_in_fork
    rows, times, stopped = measure_runs(store, case, repeat, limit)
    return {"file": case.file, "params": case.params, "rows": rows,
            "median": statistics.median(times) if times else None, "runs": len(times), "stopped": stopped,
            "limit": limit}


class QueryStopped(BaseException):
    """A query run took longer than the time limit (a BaseException, so that no `except Exception`
    inside the query engine can swallow it)."""


def _runs_in_process(store, case: QueryCase, repeat: int, limit: float) -> tuple[int | None, list[float], bool]:
    """rdflib evaluates in Python, so an alarm signal stops a run between two steps; this way its large
    store is not copied, as a fork would end up doing by touching every object."""
    def stop(signum, frame):
        raise QueryStopped

    rows, times = None, []
    previous = signal.signal(signal.SIGALRM, stop)
    runs = _query_runs(store, case, repeat, limit)
    try:
        while True:
            signal.setitimer(signal.ITIMER_REAL, limit)
            kind, value = next(runs)
            if kind == "rows":
                rows = value
            else:
                times.append(value)
    except StopIteration:
        return rows, times, False
    except QueryStopped:
        return rows, times, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _runs_in_fork(store, case: QueryCase, repeat: int, limit: float) -> tuple[int | None, list[float], bool]:
    """Oxigraph evaluates in Rust, where no signal reaches it: the runs go to a forked copy of this
    process (its store is not Python objects, so the copy stays small), killed when a run is late."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_send_runs, args=(store, case, repeat, limit, sender), daemon=True)
    worker.start()
    sender.close()
    rows, times, stopped = None, [], False
    while True:
        if not receiver.poll(limit):
            stopped = True
            break
        try:
            kind, value = receiver.recv()
        except EOFError:  # the fork ended without saying so: treat like a run that never finished
            stopped = True
            break
        if kind == "done":
            break
        if kind == "rows":
            rows = value
        else:
            times.append(value)
    worker.kill()
    worker.join()
    return rows, times, stopped


def _send_runs(store, case: QueryCase, repeat: int, limit: float, sender) -> None:
    for measured in _query_runs(store, case, repeat, limit):
        sender.send(measured)
    sender.send(("done", None))


def _query_runs(store, case: QueryCase, repeat: int, limit: float):
    """The row count after the warm-up run, then the seconds of each timed run, as each one ends."""
    text = (QUERIES / case.file).read_text(encoding="utf-8")
    spent_from = time.perf_counter()
    yield "rows", store.run(text, case.params)
    for _ in range(repeat):
        if time.perf_counter() - spent_from >= limit:
            break
        started = time.perf_counter()
        store.run(text, case.params)
        yield "run", time.perf_counter() - started


def is_iri(value: str) -> bool:
    """The rule of `vnpost-kg query --param`: <iri> or http(s):// text is an IRI, anything else a literal."""
    return (value.startswith("<") and value.endswith(">")) or value.startswith(("http://", "https://"))


class OxigraphStore:
    """pyoxigraph's in-memory Store, loaded and queried as `vnpost-kg query` and `serve` do for a query that
    names no graph: the triples of the N-Quads and of the ontology in the default graph."""

    def __init__(self) -> None:
        self.store = None
        self.dumps = DUMPS
        self.interruptible = False

    def load(self, dist: Path, dump: str) -> None:
        from pyoxigraph import RdfFormat, Store

        from kg.serve.store import load_union_store

        self.store = None
        if dump == NQUADS:
            self.store = load_union_store(dist)
        else:
            self.store = Store()
            self.store.load(path=str(dist / dump), format=RdfFormat.N_TRIPLES)

    def run(self, text: str, params: dict[str, str]) -> int:
        """Run a query to its last row; the number of rows (distinct triples for a CONSTRUCT).

        Parameters go in as the VALUES block `query --endpoint` sends to a server: pyoxigraph's
        `substitutions` refuses a variable the SELECT does not project."""
        from pyoxigraph import QuerySolutions

        from kg.endpoint import bind_values

        answer = self.store.query(bind_values(text, params))
        if isinstance(answer, QuerySolutions):
            return sum(1 for _ in answer)
        return len({str(triple) for triple in answer})

    def present_params(self, params: dict[str, str]) -> dict[str, str]:
        """The manifest's parameters, with an IRI the graph lacks (a seed fact, in a synthetic build)
        replaced by the first IRI of the graph under the same path, so that the question has an answer."""
        chosen = dict(params)
        for name, value in params.items():
            if is_iri(value) and not self._mentioned(value.strip("<>")):
                chosen[name] = self._first_under(value.strip("<>").rsplit("/", 1)[0] + "/") or value
        return chosen

    def _mentioned(self, iri: str) -> bool:
        from pyoxigraph import NamedNode

        return next(iter(self.store.quads_for_pattern(NamedNode(iri), None, None, None)), None) is not None

    def _first_under(self, prefix: str) -> str | None:
        from kg.endpoint import bind_values

        query = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(?prefix))) }"
        for row in self.store.query(bind_values(query + " ORDER BY ?s LIMIT 1", {"prefix": prefix})):
            return row["s"].value
        return None


class RdflibStore:
    """rdflib's Memory store: a Dataset with the union of the named graphs as its default graph."""

    def __init__(self) -> None:
        self.data = None
        self.dumps = DUMPS
        self.interruptible = True

    def load(self, dist: Path, dump: str) -> None:
        from rdflib import Dataset, Graph, URIRef

        from kg.outputs import ONTOLOGY_GRAPH

        self.data = None  # let the previous store go before the next one fills memory
        if dump == NQUADS:
            self.data = Dataset(default_union=True)
            self.data.parse(dist / dump, format="nquads")
            self.data.graph(URIRef(ONTOLOGY_GRAPH)).parse(dist / ONTOLOGY, format="turtle")
        else:
            self.data = Graph().parse(dist / dump, format="nt")

    def run(self, text: str, params: dict[str, str]) -> int:
        """Run a query to its last row; the number of rows (distinct triples for a CONSTRUCT)."""
        from rdflib import Literal, URIRef

        bindings = {name: URIRef(value.strip("<>")) if is_iri(value) else Literal(value)
                    for name, value in params.items()}
        answer = self.data.query(text, initBindings=bindings)  # as `vnpost-kg query` binds them
        if answer.type in {"CONSTRUCT", "DESCRIBE"}:
            return len(answer.graph)
        return sum(1 for _ in answer)

    def present_params(self, params: dict[str, str]) -> dict[str, str]:
        """The manifest's parameters as they are: rdflib takes the Oxigraph job's choice when there is one."""
        return dict(params)


def job_graph(payload: dict) -> dict:
    """Pages of the requested node counts, cut from one build: layout time, size, and in chromium the
    time until the page has settled and the time it then takes to answer a search."""
    from kg.network import DEFAULT_KINDS, load_network

    network = load_network(Path(payload["dist"]))
    drawable = network.subgraph(n for n, kind in network.nodes(data="kind") if kind in DEFAULT_KINDS)
    folder = Path(payload["pages"])
    folder.mkdir(parents=True, exist_ok=True)
    pages = [draw_page(drawable, count, folder) for count in payload["nodes"]]
    result = {"size": payload["size"], "available": drawable.number_of_nodes(), "pages": pages, "browser": None}
    if payload["browser"]:
        result["browser"] = render_pages(pages, payload["repeat"])
    return result


def draw_page(network, count: int, folder: Path) -> dict:
    """A connected page of `count` nodes (or all there are), written as `vnpost-kg viz` writes one."""
    from kg.viz.layout import PHYSICS_LIMIT
    from kg.viz.page import write_page

    nodes = first_nodes(network, count)
    chosen = network.subgraph(nodes)
    path = folder / f"graph-{count}.html"
    started = time.perf_counter()
    write_page(chosen, path, "vi", f"{len(nodes)} nodes")
    return {"requested": count, "nodes": chosen.number_of_nodes(), "edges": chosen.number_of_edges(),
            "draw": time.perf_counter() - started, "bytes": path.stat().st_size, "path": str(path),
            "physics": chosen.number_of_nodes() <= PHYSICS_LIMIT, "search": network.nodes[nodes[-1]]["label"]}


def first_nodes(network, count: int) -> list[str]:
    """Breadth-first from the best-connected node (neighbours in IRI order), so that a page is one
    neighbourhood, as a user draws it, rather than scattered nodes; the next component when one ends."""
    undirected = network.to_undirected(as_view=True)
    by_degree = sorted(undirected.nodes, key=lambda n: (-undirected.degree(n), n))
    taken: dict[str, None] = {}
    for root in by_degree:
        if len(taken) >= count:
            break
        if root in taken:
            continue
        queue = [root]
        taken[root] = None
        while queue and len(taken) < count:
            node = queue.pop(0)
            for neighbour in sorted(undirected.neighbors(node)):
                if neighbour not in taken and len(taken) < count:
                    taken[neighbour] = None
                    queue.append(neighbour)
    return list(taken)


def render_pages(pages: list[dict], repeat: int) -> dict:
    """Open each page `repeat` times in a fresh browser context; medians of settle and search times."""
    from kg.errors import UserInputError
    from kg.viz.browser import launch_browser

    try:
        with launch_browser() as browser:
            return {"timings": [render_page(browser, page, repeat) for page in pages]}
    except (UserInputError, ImportError) as problem:
        return {"error": str(problem)}


def render_page(browser, page: dict, repeat: int) -> dict:
    settles, searches, errors = [], [], set()
    for _ in range(repeat):
        started = time.perf_counter()
        with browser.open(Path(page["path"])) as session:
            session.wait_until_settled(timeout_ms=120_000)
            settles.append(time.perf_counter() - started)
            searches.append(answer_search(session, page))
            errors.update(session.errors)
    settled, search = statistics.median(settles), statistics.median(searches)
    return {"nodes": page["nodes"], "settled": settled, "search": search, "total": settled + search,
            "runs": repeat, "errors": sorted(errors)}


def answer_search(session, page: dict) -> float:
    """Type a node's name into the search box and wait until the page shows fewer nodes: the page is
    interactive once it answers (the box waits 150 ms after the last keystroke, as for a user)."""
    started = time.perf_counter()
    session.page.fill("#search", page["search"])
    session.page.wait_for_function(f"window.vnpostGraph.visibleNodeIds().length < {page['nodes']}", timeout=60_000)
    return time.perf_counter() - started


# --- tables ---------------------------------------------------------------------------------------


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    right: set[int] = field(default_factory=set)  # columns aligned right (numbers)


def make_tables(results: Results) -> list[Table]:
    return [targets_table(results), build_table(results), quality_table(results), loads_table(results),
            queries_table(results), pages_table(results)]


def build_table(results: Results) -> Table:
    stages = stage_order(results)
    header = ["N", "articles", *[STAGE_NAMES.get(s, s) for s in stages], "total", "peak RSS", "triples", "quads"]
    rows, notes = [], []
    for size in results.sizes:
        build = results.builds.get(size, {})
        if "error" in build:
            rows.append([count_text(size), *["failed"] * (len(header) - 1)])
            notes.append(f"N={count_text(size)}: the build failed: {build['error']}")
            continue
        articles = build["articles"]
        cells = [stage_cell(build["stages"].get(stage), articles) for stage in stages]
        rows.append([count_text(size), count_text(articles), *cells, stage_cell(build["seconds"], articles),
                     size_text(build["peak_rss"]), count_text(build["triples"]), count_text(build["quads"])])
        notes += build_notes(size, build, stages, results)
    notes.append("Each stage: wall seconds (articles per second). kg.build.build() in a child process of its own, "
                 "OWL reasoning (HermiT) off, graph page off (timed below); total excludes interpreter start and "
                 "imports; peak RSS is the child's maximum resident set. `infer` makes the inferred graph "
                 "(superclasses, transitive and inverse links) that the dumps carry.")
    return Table("Build stages", header, rows, notes, right=set(range(1, len(header))))


def stage_order(results: Results) -> list[str]:
    """kg.build's stage names in the order it reports them, across sizes (a stage not run is a gap)."""
    order: list[str] = []
    for build in results.builds.values():
        for stage in build.get("stages", {}):
            if stage not in order:
                order.append(stage)
    if "check" not in order:
        order.insert(order.index("outputs") if "outputs" in order else len(order), "check")
    return order


def stage_cell(seconds: float | None, articles: int) -> str:
    if seconds is None:
        return "not run"
    rate = articles / seconds if seconds > 0 else float("inf")
    return f"{seconds_text(seconds)} ({rate:,.0f}/s)"


def build_notes(size: int, build: dict, stages: list[str], results: Results) -> list[str]:
    notes = []
    missing = [stage for stage in stages if stage not in build["stages"]]
    if "check" in missing:
        checked = [s for s in results.sizes if results.builds.get(s, {}).get("checked")]
        known = results.builds[max(checked)]["stages"].get("check") if checked else None
        measured = f"; it took {seconds_text(known)} at N={count_text(max(checked))}" if known else ""
        notes.append(f"N={count_text(size)}: checks not run: above --check-up-to {results.check_up_to} "
                     f"(pySHACL validates the whole rdflib graph in one piece{measured}).")
    for stage in (s for s in missing if s != "check"):
        notes.append(f"N={count_text(size)}: stage {stage} was not reported by this build.")
    if build.get("conforms") is False:
        notes.append(f"N={count_text(size)}: the checks found violations (the timing stands; the data needs a look).")
    if build.get("skipped"):
        notes.append(f"N={count_text(size)}: {build['skipped']} article(s) skipped by the reader.")
    return notes


def quality_table(results: Results) -> Table:
    header = ["N", "gold facts", "found", "correct", "precision", "recall", "F1"]
    rows = []
    for size in results.sizes:
        score = results.quality.get(size, {})
        if "error" in score:
            rows.append([count_text(size), *["failed"] * 6])
            continue
        rows.append([count_text(size), count_text(score["gold"]), count_text(score["found"]),
                     count_text(score["correct"]), f"{score['precision']:.3f}", f"{score['recall']:.3f}",
                     f"{score['f1']:.3f}"])
    notes = ["kg.evaluate.evaluate() against the gold: for N = 5 the hand-written tests/gold/seed, otherwise the "
             "gold that benchmarks/generate_corpus.py writes with each synthetic article."]
    return Table("Extraction quality", header, rows, notes, right=set(range(1, 7)))


def loads_table(results: Results) -> Table:
    header = ["N", "dump", "size", *[STORES[store] for store in STORES], f"ratio {BASELINE}/{SERVED}"]
    rows = []
    for size, stores in results.stores.items():
        for dump in DUMPS:
            loads = {store: stores.get(store, {}).get("loads", {}).get(dump) for store in STORES}
            known = next((load for load in loads.values() if load), None)
            rows.append([count_text(size), dump, size_text(known["bytes"]) if known else "—",
                         *[seconds_text(load["seconds"]) if load else failed(stores.get(store, {}))
                           for store, load in loads.items()],
                         ratio_text(loads[BASELINE], loads[SERVED], "seconds")])
    notes = ["One load each into a fresh in-memory store. vnpost-kg.nq goes in with ontology.ttl: into rdflib as a "
             "Dataset whose default graph is the union, with the ontology in its own named graph; into Oxigraph as "
             "`query` and `serve` load them for a query that names no graph (every distinct triple in the default "
             "graph, kg.serve.store.load_union_store). vnpost-kg.nt (every asserted triple) into a default graph."]
    return Table("Loading the dumps", header, rows, notes, right=set(range(2, len(header))))


def queries_table(results: Results) -> Table:
    header = ["N", "query", "parameters", "rows", STORES[BASELINE], STORES[SERVED], "ratio", "runs"]
    rows, notes = [], []
    for size, stores in results.stores.items():
        by_store = {store: stores.get(store, {}).get("queries", []) for store in STORES}
        cases = max(by_store.values(), key=len)
        for index, case in enumerate(cases):
            slow, served = (queries[index] if index < len(queries) else None for queries in by_store.values())
            rows.append([count_text(size), case["file"].removesuffix(".rq"), params_text(case["params"]),
                         rows_text([slow, served]),
                         *[query_time_text(q) if q else failed(stores.get(store, {})) for store, q in
                           ((BASELINE, slow), (SERVED, served))],
                         query_ratio_text(slow, served),
                         "/".join(str(q["runs"] if q else 0) for q in (slow, served))])
            if "≠" in rows[-1][3]:
                notes.append(f"N={count_text(size)} {query_name(case)}: the stores disagree on the number of rows "
                             f"({rows[-1][3]}, in column order): one of them answers wrongly.")
        if not cases:
            rows.append([count_text(size), "all", "", "", *["failed"] * 3, ""])
    notes.append("Median wall time of the timed runs (runs: per store, in column order) after one warm-up run, "
                 "parsing the query text included, every row read. The questions as queries/manifest.yaml asks "
                 "them; an IRI parameter the graph lacks (a seed fact in a synthetic build) is replaced by the "
                 "graph's first IRI under the same path. Parameters are bound with initBindings in rdflib (as "
                 "`query` does) and as a VALUES block in Oxigraph (as `query --endpoint` does). ratio = rdflib time "
                 "/ Oxigraph time. A run longer than --query-timeout is stopped: its time is shown as a lower "
                 "bound, and a ratio with it as a bound.")
    return Table("Competency queries", header, rows, notes, right={3, 4, 5, 6, 7})


def pages_table(results: Results) -> Table:
    header = ["nodes", "edges", "layout", "page size", "draw", "settled", "first search", "settled + search"]
    pages = results.pages or {}
    if "error" in pages or not pages:
        reason = pages.get("error", "no build to draw from")
        return Table("HTML graph", header, [], [f"Not measured: {reason}."])
    browser = pages.get("browser")
    timings = {t["nodes"]: t for t in (browser or {}).get("timings", [])}
    rows, notes = [], []
    for page in pages["pages"]:
        timing = timings.get(page["nodes"])
        layout = "short physics" if page["physics"] else "physics off"
        cells = ([seconds_text(timing[k]) for k in ("settled", "search", "total")] if timing
                 else ["not run"] * 3)
        rows.append([count_text(page["nodes"]), count_text(page["edges"]), layout, size_text(page["bytes"]),
                     seconds_text(page["draw"]), *cells])
        if page["nodes"] < page["requested"]:
            notes.append(f"{count_text(page['requested'])} nodes asked for; the N={count_text(pages['size'])} graph "
                         f"has {count_text(pages['available'])} drawable nodes.")
        if timing and timing["errors"]:
            notes.append(f"{page['nodes']} nodes: the page reported errors: {'; '.join(timing['errors'])}")
    if browser is None:
        notes.append("Not rendered: --no-browser.")
    elif "error" in browser:
        notes.append(f"Not rendered: {browser['error']}.")
    notes.append(f"Pages cut from the N={count_text(pages['size'])} build, breadth-first from its best-connected "
                 "node; draw = layout and page writing (kg.viz.page); settled = headless chromium from opening the "
                 "file until the page reports its layout at rest; first search = typing a node's name until fewer "
                 "nodes are shown (includes the box's 150 ms pause). Medians of "
                 f"{next(iter(timings.values()))['runs'] if timings else 0} run(s), each in a fresh browser context.")
    return Table("HTML graph", header, rows, notes, right={0, 1, 3, 4, 5, 6, 7})


# --- the targets ----------------------------------------------------------------------------------


def targets_table(results: Results) -> Table:
    header = ["target", "goal", "measured", "at", "result", "why / detail"]
    rows = [seed_target(results), extraction_target(results), memory_target(results), query_target(results),
            ratio_target(results), page_target(results)]
    notes = [f"The scale targets are judged at N = {count_text(TARGET_SIZE)}; at a smaller largest size the value is "
             "shown but not judged."]
    return Table("Targets", header, rows, notes)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def seed_target(results: Results) -> list[str]:
    name, goal = "seed build, read → dumps, no OWL reasoning, incl. start", f"≤ {SEED_BUILD_SECONDS:g} s"
    seed = results.seed_build
    if not seed:
        return [name, goal, "—", "—", "not measured", f"N={SEED_SIZE} (the seed corpus) not in --sizes"]
    if "error" in seed:
        return [name, goal, "—", "seed corpus", "not measured", seed["error"]]
    stages = results.builds.get(SEED_SIZE, {}).get("stages", {})
    biggest = sorted(stages.items(), key=lambda item: -item[1])[:3]
    detail = (f"median of {seed['runs']} `{seed['command']}`; interpreter start and imports "
              f"{seconds_text(seed['imports'])}; largest stages: "
              + ", ".join(f"{STAGE_NAMES.get(s, s)} {seconds_text(t)}" for s, t in biggest))
    if seed["exit_codes"] != [0]:
        detail += f"; exit codes {seed['exit_codes']}"
    return [name, goal, seconds_text(seed["seconds"]), "seed corpus", verdict(seed["seconds"] <= SEED_BUILD_SECONDS),
            detail]


def judged_size(results: Results, have) -> int | None:
    """The largest size for which `have(size)` holds (the target's own size when it was run)."""
    sizes = [size for size in results.sizes if have(size)]
    return max(sizes) if sizes else None


def judge(size: int | None, ok: bool) -> str:
    if size is None:
        return "not measured"
    return verdict(ok) if size == TARGET_SIZE else f"not judged (N={count_text(size)})"


def extraction_target(results: Results) -> list[str]:
    name, goal = f"extraction at {count_text(TARGET_SIZE)} articles", f"≥ {EXTRACTION_RATE:g} articles/s"
    size = judged_size(results, lambda s: "extract" in results.builds.get(s, {}).get("stages", {}))
    if size is None:
        return [name, goal, "—", "—", "not measured", "no build reported an extract stage"]
    build = results.builds[size]
    rate = build["articles"] / build["stages"]["extract"]
    detail = f"{seconds_text(build['stages']['extract'])} for {count_text(build['articles'])} articles"
    if rate < EXTRACTION_RATE:
        detail += f"; {1000 / rate:.1f} ms per article, {1000 / EXTRACTION_RATE:.1f} ms allowed"
    return [name, goal, f"{rate:,.0f} articles/s", f"N={count_text(size)}", judge(size, rate >= EXTRACTION_RATE),
            detail]


def memory_target(results: Results) -> list[str]:
    name, goal = f"peak RSS of the build at {count_text(TARGET_SIZE)}", f"≤ {size_text(PEAK_RSS_BYTES)}"
    size = judged_size(results, lambda s: "peak_rss" in results.builds.get(s, {}))
    if size is None:
        return [name, goal, "—", "—", "not measured", "no build finished"]
    build = results.builds[size]
    detail = f"{count_text(build['quads'])} quads"
    if not build["checked"]:
        detail += "; without the checks stage"
    return [name, goal, size_text(build["peak_rss"]), f"N={count_text(size)}",
            judge(size, build["peak_rss"] <= PEAK_RSS_BYTES), detail]


def query_target(results: Results) -> list[str]:
    name = "every competency query on Oxigraph as `query` and `serve` load it"
    goal = f"≤ {seconds_text(QUERY_SECONDS)} median"
    size = judged_size(results, lambda s: bool(store_queries(results, s, SERVED)))
    if size is None:
        return [name, goal, "—", "—", "not measured", "no Oxigraph measurement finished"]
    queries = store_queries(results, size, SERVED)
    slowest = max(queries, key=query_seconds)
    over = [q for q in queries if query_seconds(q) > QUERY_SECONDS]
    detail = f"slowest {query_name(slowest)}"
    if over:
        detail += "; over the limit: " + ", ".join(f"{query_name(q)} {query_time_text(q)}" for q in over)
    return [name, goal, f"max {query_time_text(slowest)}", f"N={count_text(size)}", judge(size, not over), detail]


def ratio_target(results: Results) -> list[str]:
    name, goal = "that store faster than rdflib Memory, every query", f"≥ {STORE_RATIO:g}×"
    size = judged_size(results, lambda s: all(store_queries(results, s, k) for k in (BASELINE, SERVED)))
    if size is None:
        return [name, goal, "—", "—", "not measured", "no pair of store measurements finished"]
    slow, fast, below = smallest_ratio(store_queries(results, size, BASELINE), store_queries(results, size, SERVED))
    detail = f"smallest for {query_name(fast)}"
    if below:
        detail += f"; below {STORE_RATIO:g}×: " + ", ".join(f"{query_name(f)} {query_ratio_text(s, f)}"
                                                           for s, f in below)
    return [name, goal, f"min {query_ratio_text(slow, fast)}", f"N={count_text(size)}", judge(size, not below),
            detail]


def store_queries(results: Results, size: int, store: str) -> list[dict]:
    return results.stores.get(size, {}).get(store, {}).get("queries", [])


def smallest_ratio(slow_list: list[dict], fast_list: list[dict]) -> tuple[dict, dict, list[tuple[dict, dict]]]:
    """The pair of query timings with the smallest rdflib/Oxigraph ratio, and every pair below the target."""
    ratios = [(query_seconds(slow) / query_seconds(fast), slow, fast)
              for slow, fast in zip(slow_list, fast_list, strict=True)]
    _, slow, fast = min(ratios, key=lambda triple: triple[0])
    return slow, fast, [(s, f) for r, s, f in ratios if r < STORE_RATIO]


def page_target(results: Results) -> list[str]:
    name, goal = f"HTML graph of {count_text(TARGET_PAGE_NODES)} nodes settled and interactive", \
        f"≤ {PAGE_SECONDS:g} s"
    pages = results.pages or {}
    timings = (pages.get("browser") or {}).get("timings", [])
    if not timings:
        why = pages.get("error") or (pages.get("browser") or {}).get("error") or "not rendered (--no-browser)"
        return [name, goal, "—", "—", "not measured", why]
    largest = max(timings, key=lambda t: t["nodes"])
    detail = (f"settled {seconds_text(largest['settled'])} + first search {seconds_text(largest['search'])}, "
              f"page from the N={count_text(pages['size'])} build")
    at = f"{count_text(largest['nodes'])} nodes"
    if largest["nodes"] != TARGET_PAGE_NODES:
        return [name, goal, seconds_text(largest["total"]), at, f"not judged ({at})", detail]
    return [name, goal, seconds_text(largest["total"]), at, verdict(largest["total"] <= PAGE_SECONDS), detail]


def query_name(query: dict) -> str:
    params = params_text(query["params"])
    return query["file"].removesuffix(".rq") + (f" ({params})" if params else "")


# --- text formats ---------------------------------------------------------------------------------


def seconds_text(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:,.2f} s"


def size_text(count: float) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}"
    return f"{count:,.0f} B"


def count_text(number: int) -> str:
    return f"{number:,}"


def ratio_text(slow: dict | None, fast: dict | None, key: str) -> str:
    if not slow or not fast or fast[key] <= 0:
        return "—"
    return times_text(slow[key] / fast[key])


def times_text(ratio: float) -> str:
    """A speed ratio, with two significant digits below 1 (0.04×, not 0.0×)."""
    return f"{ratio:,.1f}×" if ratio >= 1 else f"{ratio:.2g}×"


def rows_text(queries: list[dict | None]) -> str:
    """The row count all stores agree on, or each store's count separated by ≠."""
    counts = [query["rows"] for query in queries if query and query["rows"] is not None]
    if not counts:
        return "?"
    if len(set(counts)) > 1:
        return " ≠ ".join(count_text(count) for count in counts)
    return count_text(counts[0])


def query_seconds(query: dict) -> float:
    """A query's median, or for a stopped one the time limit (a lower bound of its time)."""
    return query["median"] if query["median"] is not None else query["limit"]


def query_time_text(query: dict) -> str:
    if query["median"] is None:
        return f"> {seconds_text(query['limit'])} (stopped)"
    return seconds_text(query["median"])


def query_ratio_text(slow: dict | None, fast: dict | None) -> str:
    """rdflib / Oxigraph; a bound (> or <) when one of them was stopped, nothing when both were."""
    if not slow or not fast or (slow["median"] is None and fast["median"] is None):
        return "—"
    bound = ">" if slow["median"] is None else "<" if fast["median"] is None else ""
    return bound + times_text(query_seconds(slow) / query_seconds(fast))


def params_text(params: dict[str, str]) -> str:
    """Parameters shortened for a table cell: an IRI by its last path segments."""
    shown = []
    for name, value in params.items():
        if is_iri(value):
            kind, _, slug = value.strip("<>").rpartition("/")
            slug = slug if len(slug) <= 40 else slug[:24] + "…" + slug[-15:]
            value = f"…/{kind.rpartition('/')[2]}/{slug}"
        shown.append(f"{name}={value}")
    return ", ".join(shown)


def failed(measurement: dict) -> str:
    return "failed" if "error" in measurement else "—"


def render_text(tables: list[Table], results: Results) -> str:
    """The tables for a terminal: columns padded, notes below each."""
    out = [f"vnpost-kg benchmark, {results.started:%Y-%m-%d %H:%M} UTC, {results.machine['CPU']}, "
           f"{results.machine['cores']} cores, {results.machine['memory']}; took {seconds_text(results.seconds)}"]
    for table in tables:
        out += ["", table.title, "=" * len(table.title)]
        widths = [max([len(h), *(len(r[i]) for r in table.rows)]) for i, h in enumerate(table.header)]
        for cells in [table.header, ["-" * w for w in widths], *table.rows]:
            padded = [c.rjust(w) if i in table.right else c.ljust(w) for i, (c, w) in
                      enumerate(zip(cells, widths, strict=True))]
            out.append("  ".join(padded).rstrip())
        out += [f"  * {note}" for note in table.notes]
    out += [f"FAILED: {failure}" for failure in results.failures]
    return "\n".join(out)


def render_markdown(tables: list[Table], results: Results) -> str:
    """docs/performance.md: how it was made, the machine, then each table with its notes."""
    out = ["# Performance", "",
           f"Generated by `{results.command}` on {results.started:%Y-%m-%d %H:%M} UTC "
           f"(took {seconds_text(results.seconds)}); do not edit by hand, run the script again.", "",
           "## Machine", "", "| item | value |", "| --- | --- |"]
    out += [f"| {key} | {cell(value)} |" for key, value in results.machine.items()]
    for table in tables:
        out += ["", f"## {table.title}", ""]
        out.append("| " + " | ".join(table.header) + " |")
        out.append("| " + " | ".join("---:" if i in table.right else "---" for i in range(len(table.header))) + " |")
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
        if table.notes:
            out.append("")
            out += [f"- {note}" for note in table.notes]
    if results.failures:
        out += ["", "## Failures", ""] + [f"- {cell(failure)}" for failure in results.failures]
    return "\n".join(out) + "\n"


def readme_block(performance: str) -> str:
    """What the README shows of a performance report: when and where it was measured, and the targets."""
    generated = re.search(r"^Generated by `(?P<command>[^`]*)` on (?P<date>[^(]+?) \(", performance, re.MULTILINE)
    section = re.search(r"^## Targets\n(?P<body>.*?)(?=^## |\Z)", performance, re.MULTILINE | re.DOTALL)
    if generated is None or section is None:
        raise ValueError("not a report of benchmarks/run.py: no 'Generated by' line or no Targets section")
    lines = [f"Measured by `{generated['command']}` on {generated['date']}; every table, the machine and the "
             "notes are in [docs/performance.md](docs/performance.md).", "", section["body"].strip()]
    return "\n".join(lines)


def sync_readme(performance_path: Path, readme_path: Path) -> None:
    """Put the targets of a performance report between the README's markers (written in one piece)."""
    readme = readme_path.read_text(encoding="utf-8")
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"{readme_path} has no {README_START} … {README_END} block")
    block = readme_block(performance_path.read_text(encoding="utf-8"))
    updated = readme[: start + len(README_START)] + "\n" + block + "\n" + readme[end:]
    temporary = readme_path.with_name(readme_path.name + ".tmp")
    temporary.write_text(updated, encoding="utf-8")
    temporary.replace(readme_path)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
