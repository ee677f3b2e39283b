"""The `vnpost-kg` command line: parses arguments, calls the library, turns errors into messages.

Exit codes: 0 success; 1 the data does not conform to the shapes; 2 bad input (user error);
3 an unexpected internal error (one line, `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from kg import __version__
from kg.errors import KgError

ISSUES_URL = "the project's issue tracker (see README.md)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnpost-kg",
        description="Build and query the Vietnam Post knowledge graph from Vietnamese news articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the graph from a corpus folder into an output folder")
    add_build_arguments(build)

    validate = commands.add_parser("validate", help="check a built graph: SHACL shapes and OWL consistency")
    validate.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    validate.add_argument("--no-reason", action="store_true", help="skip OWL reasoning (HermiT)")
    validate.add_argument("--warnings", action="store_true", help="also list warnings (facts whose year is unknown…)")

    evaluate = commands.add_parser("evaluate", help="score extraction against a gold standard (P/R/F1 by kind)")
    evaluate.add_argument(
        "--corpus", type=Path, default=Path("corpus"), help="folder of .txt articles (default: corpus)"
    )
    evaluate.add_argument(
        "--gold", type=Path, default=Path("tests/gold/seed"), help="folder of gold files (default: tests/gold/seed)"
    )
    evaluate.add_argument("--rules", type=Path, default=None, help="folder of rule files (default: the package's)")
    evaluate.add_argument(
        "--format", choices=("table", "markdown"), default="table", help="output format (default: table)"
    )
    evaluate.add_argument("--details", action="store_true", help="list every missed fact and false positive")

    query = commands.add_parser("query", help="run a SPARQL query file over a built graph")
    query.add_argument("query_file", metavar="FILE.rq", type=Path, nargs="?", help="the SPARQL query to run")
    query.add_argument("--list", action="store_true", help="list the questions of the query library and exit")
    query.add_argument(
        "--queries", type=Path, default=Path("queries"), help="folder of the query library (default: queries)"
    )
    query.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    query.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    query.add_argument(
        "--store",
        choices=("oxigraph", "rdflib"),
        default="oxigraph",
        help="embedded store that loads the built files: oxigraph (fast) or rdflib (default: oxigraph)",
    )
    query.add_argument("--endpoint", metavar="URL", help="run on this SPARQL endpoint instead of the built files")
    query.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for the answer (default: 30)"
    )
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE (an IRI if it starts with http(s):// or is in <>, else a literal)",
    )
    publish = commands.add_parser("publish", help="load a built graph into a store (SPARQL Graph Store Protocol)")
    publish.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    publish.add_argument("--gsp", metavar="URL", required=True, help="the store's Graph Store Protocol URL")
    publish.add_argument("--user", help="user name for the store")
    publish.add_argument("--password", help="password for the store")
    publish.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme")
    publish.add_argument("--timeout", type=float, default=60.0, help="seconds to wait per graph (default: 60)")

    viz = commands.add_parser("viz", help="draw a built graph as an interactive HTML page that works offline")
    viz.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    viz.add_argument("--out", type=Path, default=None, help="HTML file to write (default: DIST/graph.html)")
    viz.add_argument("--province", metavar="NAME", help="only what belongs to this province, and its neighbours")
    viz.add_argument(
        "--kinds", metavar="KIND,…", help="kinds of node to draw (default: all but article): "
        "unit, organization, person, award, partnership, figure, document, event, service, place, article"
    )
    viz.add_argument("--focus", metavar="IRI", help="only the neighbourhood of this resource")
    viz.add_argument("--depth", type=int, default=1, help="hops around --focus or the --query answer (default: 1)")
    viz.add_argument("--query", type=Path, metavar="FILE.rq", help="draw the answer to a SELECT or CONSTRUCT query")
    viz.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME in --query (as for query)"
    )
    viz.add_argument("--max-nodes", type=int, default=2500, help="refuse to draw more nodes than this (default: 2500)")
    viz.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of labels (default: vi)")

    stats = commands.add_parser("stats", help="network statistics of a built graph (networkx)")
    stats.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    stats.add_argument("--top", type=int, default=10, help="rows in the top-entity tables (default: 10)")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    serve = commands.add_parser("serve", help="serve a built graph as Linked Data with a SPARQL endpoint")
    serve.add_argument("--dist", type=Path, default=Path("dist"), help="built output folder (default: dist)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--base", default=None, help="public base IRI of the data (default: https://w3id.org/vnpost-kg/)"
    )
    serve.add_argument("--query-timeout", type=float, default=10.0, help="seconds a SPARQL query may run (default: 10)")
    serve.add_argument("--result-limit", type=int, default=10000, help="most result rows returned (default: 10000)")
    return parser


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `build`, shared with build_graph.py."""
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of .txt articles (default: corpus)")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    parser.add_argument(
        "--base-iri", default=None, help="base IRI of minted resources (default: https://w3id.org/vnpost-kg/)"
    )
    parser.add_argument("--rules", type=Path, default=None, help="folder of rule files (default: the package's)")
    parser.add_argument("--no-check", action="store_true", help="skip all checks (SHACL shapes and OWL reasoning)")
    parser.add_argument("--no-reason", action="store_true", help="skip OWL reasoning (HermiT); keep the SHACL check")
    parser.add_argument("--no-viz", action="store_true", help="do not draw the HTML graph (OUT/graph.html)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but warnings and errors")
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings (a skipped article…) as errors: exit 2, write nothing"
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "evaluate":
            return run_evaluate(args)
        if args.command == "validate":
            return run_validate(args)
        if args.command == "publish":
            return run_publish(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "viz":
            return run_viz(args)
        if args.command == "stats":
            return run_stats(args)
        return run_query_command(args)
    except KgError as error:
        # one line, whatever a library put in the message (YAML and rdflib errors span several)
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as interrupt:
        from kg.build import InterruptedAfterReplacing

        if isinstance(interrupt, InterruptedAfterReplacing):
            print("interrupted: the new output was already in place, and is complete", file=sys.stderr)
        else:
            print("interrupted: nothing was changed in the output folder", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(error).__name__}: {error}. Please report it to {ISSUES_URL} "
            "(run again with --debug for the traceback)",
            file=sys.stderr,
        )
        return 3


def run_build(args: argparse.Namespace) -> int:
    from kg.assemble import DEFAULT_BASE
    from kg.build import build

    report = build(
        args.corpus,
        args.out,
        base=args.base_iri or DEFAULT_BASE,
        validate=not args.no_check,
        rules_dir=args.rules,
        reason=not args.no_reason,
        draw=not args.no_viz,
        strict=args.strict,
    )
    for skipped in report.skipped:
        print(f"warning: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    for note in report.notes:
        print(f"warning: {note}", file=sys.stderr)
    if not args.quiet:
        print(_summary(report))
    if report.check is not None:
        return _print_check(report.check, verbose=False)
    return 0


def _print_check(report, verbose: bool) -> int:
    """Violations always, warnings when asked; exit code 1 when anything violates."""
    shown = report.findings if verbose else report.violations
    for finding in shown:
        print(
            f"{finding.severity}: [{finding.check}] {finding.focus or '-'} | {finding.path or '-'} | {finding.message}",
            file=sys.stderr if finding.severity == "violation" else sys.stdout,
        )
    return 0 if report.conforms else 1


def _summary(report) -> str:
    facts = ", ".join(f"{count} {kind}" for kind, count in sorted(report.facts.items())) or "none"
    entities = ", ".join(f"{count} {kind}" for kind, count in sorted(report.entities.items())) or "none"
    if report.check is None:
        check = "skipped"
    else:
        check = "conforms" if report.check.conforms else f"{len(report.check.violations)} violation(s)"
        check += f", {len(report.check.warnings)} warning(s)"
        check += ", OWL consistent (HermiT)" if report.check.reasoned and report.check.conforms else ""
        check += "" if report.check.reasoned else ", reasoning skipped"
    return "\n".join(
        [
            f"articles: {report.articles} read, {len(report.skipped)} skipped",
            f"entities: {entities}",
            f"facts:    {facts}",
            f"triples:  {report.triples} ({report.quads} quads in named graphs)",
            f"checks:   {check}",
            f"output:   {report.out_dir}/ ({', '.join(sorted(report.files))})",
            f"time:     {report.seconds:.2f} s",
        ]
    )


def run_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_dist

    report = validate_dist(args.dist, reason=not args.no_reason)
    status = _print_check(report, verbose=args.warnings)
    verdict = "conforms" if report.conforms else "does NOT conform"
    reasoning = "shapes and OWL consistency" if report.reasoned else "shapes (reasoning skipped)"
    print(
        f"{args.dist}: {verdict} ({reasoning}): {len(report.violations)} violation(s), "
        f"{len(report.warnings)} warning(s)"
    )
    return status


def run_evaluate(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_markdown, format_report

    evaluation = evaluate(args.corpus, args.gold, rules_dir=args.rules)
    if args.format == "markdown":
        sys.stdout.write(format_markdown(evaluation))
    else:
        sys.stdout.write(format_report(evaluation, details=args.details))
    return 0


def run_query_command(args: argparse.Namespace) -> int:
    from kg.errors import UserInputError
    from kg.query import answer_within, library, load_store, read_query

    if args.list:
        for name, question in library(args.queries):
            print(f"{name:<36} {question}")
        return 0
    if args.query_file is None:
        raise UserInputError("give a query file (FILE.rq), or --list to see the query library")
    params = _parameters(args.param)
    query_text = read_query(args.query_file)
    if args.endpoint:
        from kg.endpoint import run_remote_query
        from kg.query import format_sparql_json

        answer = run_remote_query(args.endpoint, query_text, params, timeout=args.timeout)
        sys.stdout.write(answer if isinstance(answer, str) else format_sparql_json(answer, args.format))
        return 0
    store = load_store(args.dist, args.store, query_text)
    sys.stdout.write(answer_within(store, query_text, params, args.format, args.timeout))
    return 0


def _parameters(items: list[str]) -> dict[str, str]:
    from kg.errors import UserInputError

    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UserInputError(f"--param {item!r}: expected NAME=VALUE")
        params[name.lstrip("?$")] = value
    return params


def run_viz(args: argparse.Namespace) -> int:
    from kg.viz import Selection, draw

    selection = Selection(
        kinds=tuple(kind.strip() for kind in args.kinds.split(",") if kind.strip()) if args.kinds else None,
        province=args.province,
        focus=args.focus,
        depth=args.depth,
        query=args.query,
        params=_parameters(args.param),
        max_nodes=args.max_nodes,
    )
    out = args.out or args.dist / "graph.html"
    drawn = draw(args.dist, out, selection, lang=args.lang)
    print(f"wrote {out}: {drawn.nodes} nodes, {drawn.edges} edges ({drawn.layout})")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from kg.network import load_network
    from kg.stats import compute_stats, format_stats

    sys.stdout.write(format_stats(compute_stats(load_network(args.dist), top=args.top), args.format))
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from kg.publish import publish

    report = publish(args.dist, args.gsp, args.user, args.password, args.auth, timeout=args.timeout)
    print(f"published {report.graphs} graphs ({report.triples} triples) to {report.url}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from kg.assemble import DEFAULT_BASE
    from kg.serve import serve

    print(f"serving {args.dist} at http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    serve(
        args.dist,
        host=args.host,
        port=args.port,
        public_base=args.base or DEFAULT_BASE,
        query_timeout=args.query_timeout,
        result_limit=args.result_limit,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
