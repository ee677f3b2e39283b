"""The Oxigraph side of kg.query without a build: terms as rdflib reads them, parameters, errors."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, NamedNode, Quad, Store
from pyoxigraph import Literal as OxigraphLiteral
from rdflib import BNode, Literal, URIRef

from kg.errors import UserInputError
from kg.query import bind_parameters, format_result, run_query
from kg.serve.store import names_graphs

EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def store() -> Store:
    store = Store()
    subject = NamedNode(EX + "post")
    for predicate, value in [
        ("label", OxigraphLiteral("Bưu điện tỉnh Hà Tĩnh", language="vi")),
        ("code", OxigraphLiteral("42")),
        ("revenue", OxigraphLiteral("249000000000.0", datatype=NamedNode(XSD + "decimal"))),
        ("share", OxigraphLiteral("99.70", datatype=NamedNode(XSD + "decimal"))),
        ("year", OxigraphLiteral("2020", datatype=NamedNode(XSD + "gYear"))),
        ("partner", BlankNode("b1")),
    ]:
        store.add(Quad(subject, NamedNode(EX + predicate), value))
    return store


def _values(store: Store, query: str, params: dict[str, str] | None = None) -> dict[str, object]:
    result = run_query(store, query, params)
    assert result.type == "SELECT"
    return {str(row.p)[len(EX) :]: row.o for row in result}


def test_terms_come_back_as_rdflib_reads_them_from_the_dumps(store):
    values = _values(store, "SELECT ?p ?o WHERE { ?s ?p ?o }")
    assert values["label"] == Literal("Bưu điện tỉnh Hà Tĩnh", lang="vi")
    assert values["code"] == Literal("42") and values["code"].datatype is None  # plain, as rdflib parses it
    assert values["year"] == Literal("2020", datatype=URIRef(XSD + "gYear"))
    assert isinstance(values["partner"], BNode)


def test_decimals_keep_the_point_of_the_dumps(store):
    """Oxigraph returns "249000000000" and "99.7"; the dumps (XSD 1.0 canonical form) say "249000000000.0"."""
    values = _values(store, "SELECT ?p ?o WHERE { ?s ?p ?o }")
    assert str(values["revenue"]) == "249000000000.0" and values["revenue"].datatype == URIRef(XSD + "decimal")
    assert str(values["share"]) == "99.7"


def test_parameters_are_substituted_not_pasted(store):
    query = "SELECT ?p ?o WHERE { ?s ?p ?o }"
    assert list(_values(store, query, {"o": "42"})) == ["code"]
    assert _values(store, query, {"o": '"} ; DROP ALL ; #'}) == {}
    assert list(_values(store, query, {"p": f"<{EX}year>"})) == ["year"]
    assert len(store) == 6


def test_ask_and_construct(store):
    assert run_query(store, "ASK { ?s ?p 42 }").askAnswer is False
    assert format_result(run_query(store, 'ASK { ?s ?p "42" }'), "csv") == "true\n"
    graph = run_query(store, f"CONSTRUCT {{ ?s <{EX}name> ?o }} WHERE {{ ?s <{EX}label> ?o }}").graph
    assert set(graph) == {(URIRef(EX + "post"), URIRef(EX + "name"), Literal("Bưu điện tỉnh Hà Tĩnh", lang="vi"))}


@pytest.mark.parametrize(
    ("query", "params", "needle"),
    [
        ("SELECT ?x WHERE { ?x ?y }", {}, "SPARQL syntax error at line 1, column"),
        ("SELECT ?x WHERE { ?x nope:p ?y }", {}, "a prefix that no PREFIX line declares"),
        ("SELECT ?s WHERE { ?s ?p ?o }", {"o": "42"}, "the query does not select ?o"),
        ("SELECT ?t WHERE { ?s ?p ?o BIND(TRIPLE(?s, ?p, ?o) AS ?t) }", {}, "RDF-star triple term"),
    ],
)
def test_errors_are_one_line_user_errors(store, query, params, needle):
    with pytest.raises(UserInputError, match=needle.replace("?", r"\?")) as raised:
        run_query(store, query, params)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("params", "needle"),
    [({"unit": "<not an iri>"}, "is not a valid IRI"), ({"a b": "x"}, "is not a SPARQL variable name")],
)
def test_bad_parameters_are_refused_for_every_store(params, needle):
    with pytest.raises(UserInputError, match=needle):
        bind_parameters(params)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", True),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("ASK { FILTER NOT EXISTS { GRAPH <http://example.org/g> { ?s ?p ?o } } }", True),
        ("SELECT * WHERE { ?s <http://example.org/graph/x> 'GRAPH' } # GRAPH in a comment", False),
        ("CONSTRUCT WHERE { ?s ?p ?o }", False),
        ("SELEC broken", True),
    ],
)
def test_names_graphs_tells_which_store_a_query_needs(text, names):
    assert names_graphs(text) is names
