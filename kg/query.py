"""SPARQL over a built output folder (the embedded rdflib store).

The dataset is loaded from the N-Quads dump with the ontology beside it, and queried with the
default graph as the union of all named graphs. Parameters are bound with `initBindings`,
never pasted into the query text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from kg.errors import UserInputError
from kg.outputs import ONTOLOGY_GRAPH, built_files

FORMATS = ("table", "csv", "json")


def load_dataset(dist_dir: Path) -> Dataset:
    """The built dataset plus the ontology, queryable as one union graph."""
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


def run_query(dataset: Dataset, query_text: str, params: dict[str, str] | None = None) -> Result:
    """Parse, bind the parameters and run a SPARQL query; syntax errors become UserInputError."""
    try:
        prepared = prepareQuery(query_text)
    except ParseException as problem:
        raise UserInputError(
            f"SPARQL syntax error at line {problem.lineno}, column {problem.col}: {problem.msg}"
        ) from None
    except Exception as problem:  # rdflib raises plain Exceptions for unknown prefixes
        raise UserInputError(f"SPARQL query cannot be prepared: {problem}") from None
    bindings = {name: parameter_term(value) for name, value in (params or {}).items()}
    return dataset.query(prepared, initBindings=bindings)


def parameter_term(value: str) -> URIRef | Literal:
    """A parameter value: <iri> or http(s):// text is an IRI, anything else a plain literal."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    return Literal(value)


def format_result(result: Result, output_format: str) -> str:
    """An embedded result as a text table, CSV or SPARQL 1.1 JSON results (Turtle for graphs)."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph.serialize(format="turtle")
    return format_sparql_json(json.loads(result.serialize(format="json")), output_format)


def format_sparql_json(payload: dict, output_format: str) -> str:
    """SPARQL 1.1 JSON results (from rdflib or from an endpoint) as a table, CSV or JSON."""
    if output_format == "json":
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if "boolean" in payload:
        return ("true" if payload["boolean"] else "false") + "\n"
    header = list(payload["head"]["vars"])
    rows = [[binding.get(v, {}).get("value", "") for v in header] for binding in payload["results"]["bindings"]]
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    return _table(header, rows)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
