"""The built dataset as plain quads of N-Triples terms, and the conversions out of it.

rdflib's Memory store costs about 5 KB and 90 µs per quad, which a 10,000-article corpus
(four million quads, most of them evidence) cannot afford. The assemble stage therefore writes
each term once as its N-Triples text ("<iri>", "\\"text\\"@vi", "\\"1\\"^^<…#integer>") and keeps
triples as tuples of those strings, grouped by named graph. The dumps are written from them
directly; rdflib graphs are made only where a library needs one (SHACL, the HTML graph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from rdflib import Graph, Literal, URIRef

Triple = tuple[str, str, str]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
INFERRED_GRAPH_SUFFIX = "graph/inferred"
PROVENANCE_GRAPH_SUFFIX = "graph/provenance"

# Characters an N-Triples string may not hold raw, and the IRI characters it may not hold at all.
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> str:
    """An IRI term. Characters N-Triples forbids in an IRI are percent-encoded, so a strange
    base IRI or slug gives a valid (if ugly) IRI instead of a broken dump."""
    if _NOT_IN_IRI.search(value):
        value = _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return f"<{value}>"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term: plain, language-tagged or typed (datatype given as its full IRI)."""
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape_char, text)
    if lang:
        return f'"{text}"@{lang}'
    if datatype and datatype != XSD + "string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def _escape_char(match: re.Match) -> str:
    char = match.group()
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"


class QuadSet:
    """Named graphs of string triples. Triples are sets, so adding one twice keeps one."""

    def __init__(self) -> None:
        self.graphs: dict[str, set[Triple]] = {}

    def graph(self, name: str) -> set[Triple]:
        """The triples of graph `name` (an IRI term), created empty on first use."""
        return self.graphs.setdefault(name, set())

    def __len__(self) -> int:
        return sum(len(triples) for triples in self.graphs.values())

    def quads(self) -> Iterator[tuple[str, str, str, str]]:
        """Every quad, graph by graph in sorted order and sorted within each graph."""
        for name in sorted(self.graphs):
            for s, p, o in sorted(self.graphs[name]):
                yield s, p, o, name

    def asserted(self) -> list[Triple]:
        """What the articles say, all graphs but the inferred one: distinct and sorted.

        Provenance triples are never repeated in another graph, so only the smaller graphs
        need de-duplicating against each other.
        """
        provenance: set[Triple] = set()
        others: set[Triple] = set()
        for name, triples in self.graphs.items():
            if name.endswith(PROVENANCE_GRAPH_SUFFIX + ">"):
                provenance = triples
            elif not name.endswith(INFERRED_GRAPH_SUFFIX + ">"):
                others |= triples
        return sorted(chain(provenance, others - provenance))


def nquad_lines(quads: Iterable[tuple[str, str, str, str]]) -> Iterator[str]:
    for s, p, o, g in quads:
        yield f"{s} {p} {o} {g} .\n"


def ntriple_lines(triples: Iterable[Triple]) -> Iterator[str]:
    for s, p, o in triples:
        yield f"{s} {p} {o} .\n"


def to_rdflib(triples: Iterable[Triple]) -> Graph:
    """An rdflib graph of string triples, for the libraries that need one (pySHACL, owlready2,
    the HTML graph). Parsed by rdflib itself, so a literal means what rdflib would read."""
    graph = Graph()
    graph.parse(data="".join(ntriple_lines(triples)), format="nt")
    return graph


def term_of(node: URIRef | Literal) -> str:
    """The N-Triples text of an rdflib IRI or literal, as `iri` and `literal` write it."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        return literal(str(node), node.language, str(node.datatype) if node.datatype else None)
    raise TypeError(f"no blank nodes in the dataset: {node!r}")
