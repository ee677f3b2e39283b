"""Property tests of the dump writers: any text the articles hold survives every format.

The build writes its terms itself (kg.quads) and converts the N-Triples into Turtle, TriG and JSON-LD
(kg.outputs): whatever a stranger's article says — quotes, backslashes, control characters, odd
Unicode — each dump must parse back into the same graph.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.assemble import PREFIXES
from kg.outputs import _convert, write_jsonld
from kg.quads import QuadSet, integer, iri, literal, nquad_lines, ntriple_lines

BASE = "https://w3id.org/vnpost-kg/"
PREFIX_MAP = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

# Any character a Python string can hold but the lone surrogates, which no UTF-8 file can.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


@st.composite
def quad_sets(draw) -> QuadSet:
    """A few named graphs of triples with IRIs under the base and literals of every kind."""
    dataset = QuadSet()
    for graph_slug in draw(st.lists(SLUG, min_size=1, max_size=3, unique=True)):
        graph = dataset.graph(iri(f"{BASE}graph/article/{graph_slug}"))
        for _ in range(draw(st.integers(1, 6))):
            subject = iri(f"{BASE}id/org/{draw(SLUG)}")
            predicate = iri(f"{BASE}ontology#{draw(st.sampled_from(['quote', 'label', 'value', 'linkedTo']))}")
            kind = draw(st.sampled_from(["plain", "vi", "integer", "decimal", "iri"]))
            if kind == "plain":
                obj = literal(draw(TEXT))
            elif kind == "vi":
                obj = literal(draw(TEXT), lang="vi")
            elif kind == "integer":
                obj = integer(draw(st.integers(-(10**15), 10**15)))
            elif kind == "decimal":
                obj = literal(f"{draw(st.integers(0, 10**12))}.{draw(st.integers(0, 99))}",
                              datatype="http://www.w3.org/2001/XMLSchema#decimal")
            else:
                obj = iri(f"{BASE}id/place/{draw(SLUG)}")
            graph.add((subject, predicate, obj))
    return dataset


def _write(path: Path, lines) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)


@settings(max_examples=60)
@given(quad_sets())
def test_every_dump_format_parses_back_into_the_same_graph(dataset):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        asserted = dataset.asserted()
        _write(folder / "d.nt", ntriple_lines(asserted))
        _write(folder / "d.nq", nquad_lines(dataset.quads()))
        _convert(folder / "d.nt", folder / "d.ttl", "ttl", PREFIX_MAP)
        _convert(folder / "d.nq", folder / "d.trig", "trig", PREFIX_MAP)
        write_jsonld(folder / "d.nt", folder / "d.jsonld", PREFIX_MAP)

        reference = Graph().parse(folder / "d.nt", format="nt")
        assert len(reference) == len(asserted)
        for name, fmt in (("d.ttl", "turtle"), ("d.jsonld", "json-ld")):
            assert isomorphic(Graph().parse(folder / name, format=fmt), reference), name
        quads = {}
        for name, fmt in (("d.nq", "nquads"), ("d.trig", "trig")):
            parsed = Dataset()
            parsed.parse(folder / name, format=fmt)
            quads[name] = set(parsed.quads((None, None, None, None)))
        assert quads["d.trig"] == quads["d.nq"] and len(quads["d.nq"]) == len(dataset)


@settings(max_examples=200)
@given(TEXT, st.sampled_from([None, "vi", "en"]))
def test_a_literal_term_means_the_text_it_was_made_of(text, lang):
    """kg.quads.literal escapes by hand for speed; rdflib's parser reads back exactly the text."""
    parsed = Graph().parse(data=f"<http://example.org/s> <http://example.org/p> {literal(text, lang=lang)} .\n",
                           format="nt")
    (obj,) = parsed.objects()
    assert str(obj) == text and obj.language == lang
