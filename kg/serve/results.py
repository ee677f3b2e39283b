"""SPARQL results written in the four standard formats, from rows already cut to the result limit.

Oxigraph's own result writers take the whole iterator, so the capped rows are written here:
SPARQL 1.1 Query Results JSON, XML, CSV and TSV, and Turtle or N-Triples for CONSTRUCT/DESCRIBE.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from kg.serve.describe import PREFIXES
from kg.serve.store import Term

SELECT_MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_MEDIA_TYPES = {"ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Row = Sequence[Term | Triple | None]


def solutions(variables: list[str], rows: list[Row], key: str) -> bytes:
    """SELECT results."""
    if key == "xml":
        return _xml(variables, rows)
    if key == "csv":
        return _delimited(variables, rows, "csv")
    if key == "tsv":
        return _delimited(variables, rows, "tsv")
    bindings = [{name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
                for row in rows]
    return _json({"head": {"vars": variables}, "results": {"bindings": bindings}})


def boolean(answer: bool, key: str) -> bytes:
    """ASK results (CSV and TSV have no standard form: the word true or false, as Oxigraph writes it)."""
    if key == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n"
        ).encode()
    if key in ("csv", "tsv"):
        return b"true\n" if answer else b"false\n"
    return _json({"head": {}, "boolean": answer})


def graph(triples: list[Triple], key: str) -> bytes:
    """CONSTRUCT and DESCRIBE results."""
    if key == "nt":
        return serialize(triples, format=RdfFormat.N_TRIPLES)
    return serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _json_term(term: Term | Triple) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            found["datatype"] = term.datatype.value
        return found
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_term(term: Term | Triple) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{_xml_text(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml_text(text: str) -> str:
    """Escaped, with the characters XML 1.0 cannot hold replaced."""
    return escape(_XML_INVALID.sub("\ufffd", text))


def _xml(variables: list[str], rows: list[Row]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out.extend(f"<variable name={quoteattr(name)}/>" for name in variables)
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        out.extend(
            f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
            for name, term in zip(variables, row, strict=True)
            if term is not None
        )
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _delimited(variables: list[str], rows: list[Row], key: str) -> bytes:
    """CSV (plain values) or TSV (values in N-Triples syntax), as the SPARQL 1.1 CSV/TSV note says."""
    if key == "tsv":
        lines = ["\t".join("?" + name for name in variables)]
        lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_value(term) for term in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _csv_value(term: Term | Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)
