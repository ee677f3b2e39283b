"""SPARQL over a built output folder, in an embedded store: Oxigraph (the default) or rdflib's memory store.

Either store holds the N-Quads dump with the ontology beside it (in its own named graph) and answers
with the default graph as the union of all named graphs. Parameters are bound by the store (Oxigraph's
`substitutions`, rdflib's `initBindings`), never pasted into the query text. Oxigraph's answers cross
one conversion boundary into rdflib terms, so that both stores give an rdflib `Result` and every
output format is written by the same code: the same rows print the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
from pathlib import Path

import pyoxigraph
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.errors import UserInputError
from kg.outputs import ONTOLOGY_GRAPH, built_files

FORMATS = ("table", "csv", "json")
STORES = ("oxigraph", "rdflib")
DEFAULT_STORE = "oxigraph"
QueryStore = Dataset | pyoxigraph.Store

_XSD_STRING = str(XSD.string)
_XSD_DECIMAL = str(XSD.decimal)
_OXIGRAPH_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_MESSAGE_LENGTH = 200  # Oxigraph lists every character class it expected; the start says enough


def load_store(dist_dir: Path, store: str = DEFAULT_STORE, query_text: str | None = None) -> QueryStore:
    """The built dataset plus the ontology in an embedded store, queryable as one union graph.

    "oxigraph": an in-memory Oxigraph store, loaded by Oxigraph's own parser (the `serve` loaders). For
    a query that names no graph (`query_text` given, without GRAPH, FROM or FROM NAMED) it holds only
    the union, which Oxigraph answers several times faster (see kg.serve.store.load_union_store);
    otherwise the named graphs too, with their union copied into the default graph.
    "rdflib": an rdflib Dataset (`load_dataset`), slower to load and to query but plain Python."""
    if store not in STORES:
        raise UserInputError(f"unknown store {store!r}: choose one of {', '.join(STORES)}")
    if store == "rdflib":
        return load_dataset(dist_dir)
    from kg.serve.store import load_store as load_oxigraph
    from kg.serve.store import load_union_store, names_graphs

    built_files(dist_dir)  # both files, or the message that says to build first, as for rdflib
    if query_text is not None and not names_graphs(query_text):
        return load_union_store(dist_dir)
    return load_oxigraph(dist_dir, union_default_graph=True)


def load_dataset(dist_dir: Path) -> Dataset:
    """The built dataset plus the ontology in an rdflib Dataset, queryable as one union graph."""
    dump, ontology = built_files(dist_dir)
    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    dataset.graph(URIRef(ONTOLOGY_GRAPH)).parse(ontology, format="turtle")
    return dataset


def library(folder: Path) -> list[tuple[str, str]]:
    """The .rq files of a folder with their question in English (the header's second line)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserInputError(f"query folder {folder} does not exist")
    found = []
    for path in sorted(folder.glob("*.rq")):
        header = [line[1:].strip() for line in read_query(path).splitlines()[:2] if line.startswith("#")]
        found.append((path.name, header[-1] if header else ""))
    return found


def read_query(path: Path) -> str:
    """The text of a .rq file, or a clear error."""
    path = Path(path)
    if not path.is_file():
        raise UserInputError(f"query file {path} not found")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserInputError(f"query file {path} is not UTF-8 text") from None


def run_query(store: QueryStore, query_text: str, params: dict[str, str] | None = None) -> Result:
    """Run a SPARQL query with its parameters bound, on either store (see `load_store`).

    A syntax error, a parameter that cannot be bound or a query that cannot be evaluated becomes a
    UserInputError. Oxigraph binds only the variables a SELECT query selects (its substitutions follow
    SEP-0007); rdflib binds any variable."""
    bindings = bind_parameters(params or {})
    if isinstance(store, pyoxigraph.Store):
        return _run_oxigraph(store, query_text, bindings)
    try:
        prepared = prepareQuery(query_text)
    except ParseException as problem:
        raise UserInputError(
            f"SPARQL syntax error at line {problem.lineno}, column {problem.col}: {problem.msg}"
        ) from None
    except Exception as problem:  # rdflib raises plain Exceptions for unknown prefixes
        raise UserInputError(f"SPARQL query cannot be prepared: {problem}") from None
    return store.query(prepared, initBindings=bindings)


def answer_within(
    store: QueryStore, query_text: str, params: dict[str, str] | None, output_format: str, timeout: float
) -> str:
    """`format_result(run_query(...))`, given up after `timeout` seconds.

    Oxigraph evaluates in Rust, where no signal reaches it, so the query runs in a forked copy of
    this process (the loaded store is shared copy-on-write) that is killed when it is late. Where
    fork is missing (not on Linux or macOS) the query runs here, without a limit.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return format_result(run_query(store, query_text, params), output_format)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_answer_in_child, args=(store, query_text, params, output_format, sender))
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise UserInputError(
                f"the query did not finish within {timeout:g} s: narrow it (a parameter, a LIMIT) or raise --timeout"
            )
        try:
            kind, value = receiver.recv()
        except EOFError:
            raise UserInputError("the query ended its process without an answer (out of memory?)") from None
    finally:
        worker.kill()
        worker.join()
    if kind == "error":
        raise UserInputError(value)
    if kind == "internal":
        raise RuntimeError(value)
    return value


def _answer_in_child(store, query_text, params, output_format, sender) -> None:
    try:
        sender.send(("ok", format_result(run_query(store, query_text, params), output_format)))
    except UserInputError as problem:
        sender.send(("error", str(problem)))
    except Exception as problem:  # a bug: the parent reports it as an internal error, in one line
        sender.send(("internal", f"{type(problem).__name__}: {problem}"))


def bind_parameters(params: dict[str, str]) -> dict[str, URIRef | Literal]:
    """Each parameter's term (see `parameter_term`), after checking its name and, for an IRI, its syntax
    (with Oxigraph's checks, so that both stores refuse the same parameters)."""
    bindings = {}
    for name, value in params.items():
        try:
            pyoxigraph.Variable(name)
        except ValueError:
            raise UserInputError(f"parameter {name!r} is not a SPARQL variable name (letters, digits, _)") from None
        iri = _parameter_iri(value)
        if iri is not None:
            try:
                pyoxigraph.NamedNode(iri)
            except ValueError as problem:
                raise UserInputError(f"parameter {name}: {iri!r} is not a valid IRI ({problem})") from None
        bindings[name] = parameter_term(value)
    return bindings


def parameter_term(value: str) -> URIRef | Literal:
    """A parameter value: <iri> or http(s):// text is an IRI, anything else a plain literal."""
    iri = _parameter_iri(value)
    return Literal(value) if iri is None else URIRef(iri)


def _parameter_iri(value: str) -> str | None:
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if value.startswith(("http://", "https://")):
        return value
    return None


def format_result(result: Result, output_format: str) -> str:
    """An embedded result as a text table, CSV or SPARQL 1.1 JSON results (Turtle for graphs)."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph.serialize(format="turtle")
    return format_sparql_json(json.loads(result.serialize(format="json")), output_format)


def format_sparql_json(payload: dict, output_format: str) -> str:
    """SPARQL 1.1 JSON results (from a store or from an endpoint) as a table, CSV or JSON.

    JSON is written head first, each row's variables in the head's order, whatever order the
    source wrote them in (rdflib writes the results first and a row's variables as it bound them)."""
    if "boolean" in payload:
        if output_format == "json":
            return _json({"head": payload.get("head", {}), "boolean": payload["boolean"]})
        return ("true" if payload["boolean"] else "false") + "\n"
    header = list(payload["head"]["vars"])
    bindings = payload["results"]["bindings"]
    if output_format == "json":
        rows = [{name: binding[name] for name in header if name in binding} for binding in bindings]
        return _json({"head": payload["head"], "results": {"bindings": rows}})
    rows = [[binding.get(v, {}).get("value", "") for v in header] for binding in bindings]
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    return _table(header, rows)


def _json(payload: dict) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _run_oxigraph(store: pyoxigraph.Store, query_text: str, bindings: dict[str, URIRef | Literal]) -> Result:
    """Run a query on Oxigraph (whose default graph holds the union: see kg.serve.store.load_store)."""
    substitutions = {pyoxigraph.Variable(name): _to_oxigraph(term) for name, term in bindings.items()}
    try:
        answer = store.query(query_text, substitutions=substitutions or None)
        return _to_result(answer)  # evaluation errors may come while the rows are read
    except SyntaxError as problem:
        raise UserInputError(_syntax_error(str(problem))) from None
    except RuntimeError as problem:
        unbound = next((name for name in bindings if f"?{name} in its SELECT projection" in str(problem)), None)
        if unbound is not None:
            raise UserInputError(
                f"parameter {unbound}: the query does not select ?{unbound}, and the oxigraph store binds only "
                f"the variables a SELECT selects: add ?{unbound} to its SELECT clause, or use the rdflib store"
            ) from None
        raise UserInputError(f"SPARQL query cannot be evaluated: {_one_line(str(problem))}") from None
    except (ValueError, OSError) as problem:  # Oxigraph's evaluation errors (SERVICE, …)
        raise UserInputError(f"SPARQL query cannot be evaluated: {_one_line(str(problem))}") from None


def _syntax_error(message: str) -> str:
    """Oxigraph's "error at 4:17: expected …" in the words rdflib's errors use here."""
    position = _OXIGRAPH_POSITION.match(message)
    if position is None:
        return f"SPARQL syntax error: {_one_line(message)}"
    line, column = position.groups()
    detail = message[position.end() :]
    if "Prefix not found" in detail:  # among the tokens Oxigraph expected, buried in character classes
        detail = "a prefix that no PREFIX line declares"
    return f"SPARQL syntax error at line {line}, column {column}: {_one_line(detail)}"


def _one_line(message: str) -> str:
    text = " ".join(message.split())
    return text if len(text) <= _MESSAGE_LENGTH else text[: _MESSAGE_LENGTH - 1] + "…"


def _to_oxigraph(term: URIRef | Literal) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    return pyoxigraph.Literal(str(term))


def _to_result(answer: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples) -> Result:
    """Oxigraph's answer as an rdflib Result: solutions in Oxigraph's order, each row's variables in the
    SELECT's order; a graph as an rdflib Graph (typed CONSTRUCT, as Oxigraph does not tell DESCRIBE apart)."""
    if isinstance(answer, pyoxigraph.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, pyoxigraph.QuerySolutions):
        variables = [Variable(variable.value) for variable in answer.variables]
        result = Result("SELECT")
        result.vars = variables
        result.bindings = [
            {name: _to_rdflib(term) for name, term in zip(variables, solution, strict=True) if term is not None}
            for solution in answer
        ]
        return result
    graph = Graph()
    for triple in answer:
        graph.add((_to_rdflib(triple.subject), _to_rdflib(triple.predicate), _to_rdflib(triple.object)))
    result = Result("CONSTRUCT")
    result.graph = graph
    return result


def _to_rdflib(term: object) -> URIRef | BNode | Literal:
    """One Oxigraph term as rdflib reads it from the dumps; anything else (an RDF-star triple term) is refused.

    A plain literal has no datatype, as rdflib parses it. An xsd:decimal comes back from Oxigraph in its
    XSD 1.1 canonical form ("132000000000"); the dumps write the XSD 1.0 form ("132000000000.0", see
    kg.assemble), which rdflib keeps, so the ".0" is put back."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        if datatype == _XSD_DECIMAL and "." not in term.value:
            return Literal(term.value + ".0", datatype=XSD.decimal)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    raise UserInputError(f"the answer holds {term}, an RDF-star triple term, which the query command cannot write")
