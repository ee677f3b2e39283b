"""The served dataset: a built output folder loaded into an in-memory Oxigraph store.

Both the web process (resource pages) and each SPARQL worker process load the same folder, so this
module stays light: no web framework, and rdflib's SPARQL parser only when `names_graphs` is asked.
Everything here is read-only after loading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg.errors import UserInputError

NQUADS_DUMP = "vnpost-kg.nq"  # the names kg.outputs writes (kept here to spare workers the rdflib import)
ONTOLOGY_TURTLE = "ontology.ttl"
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/vnpost-kg/graph/ontology")
INFERRED_GRAPH_SUFFIX = "graph/inferred"

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF_LABEL = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
DCTERMS_TITLE = NamedNode("http://purl.org/dc/terms/title")
LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF_LABEL, DCTERMS_TITLE)

Term = NamedNode | BlankNode | Literal


def check_dist(dist_dir: Path) -> Path:
    """The output folder, if it holds a built graph; otherwise a message saying what to do."""
    dist_dir = Path(dist_dir)
    if not dist_dir.is_dir():
        raise UserInputError(f"{dist_dir} is not a folder: build the graph first (vnpost-kg build --out {dist_dir})")
    if not (dist_dir / NQUADS_DUMP).is_file():
        raise UserInputError(
            f"{dist_dir / NQUADS_DUMP} not found: build the graph first (vnpost-kg build --out {dist_dir})"
        )
    return dist_dir


def load_store(dist_dir: Path, union_default_graph: bool = False) -> Store:
    """The quads of the N-Quads dump, plus the ontology in its own named graph, in memory.

    With `union_default_graph`, every triple of every named graph is also put in the default graph,
    so that a query over the default graph sees their union (as `vnpost-kg query` promises) with
    Oxigraph's ordinary plans. Its `use_default_graph_as_union` gives the same answers, but on a
    1,000-article build it took over a minute for a question that the copy answers in a tenth of a
    second; the copy costs about as long as loading the dump did, and twice the memory.
    """
    dist_dir = check_dist(dist_dir)
    store = Store()
    sources = [(dist_dir / NQUADS_DUMP, RdfFormat.N_QUADS, None)]
    if (dist_dir / ONTOLOGY_TURTLE).is_file():
        sources.append((dist_dir / ONTOLOGY_TURTLE, RdfFormat.TURTLE, ONTOLOGY_GRAPH))
    for path, rdf_format, graph in sources:
        try:
            store.load(path=str(path), format=rdf_format, to_graph=graph)
        except (SyntaxError, OSError) as problem:
            raise UserInputError(f"{path} cannot be read: {problem}; build the graph again") from None
    if union_default_graph:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def load_union_store(dist_dir: Path) -> Store:
    """Every distinct triple of the N-Quads dump and of the ontology in the default graph, and no
    named graph: the store for the queries that name no graph (no GRAPH, FROM or FROM NAMED).

    Oxigraph finds the triples of a subject through an index that holds every graph's quads, and the
    article graphs repeat the type and label of each entity they name: the corporation's label is
    there once per article. Without the named graphs, the competency questions ran 3 to 30 times
    faster on a 10,000-article build than on the store of `load_store`.
    """
    dist_dir = check_dist(dist_dir)
    store = Store()
    sources = [(dist_dir / NQUADS_DUMP, RdfFormat.N_QUADS), (dist_dir / ONTOLOGY_TURTLE, RdfFormat.TURTLE)]
    for path, rdf_format in sources:
        if not path.is_file():
            continue
        try:
            store.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in parse(path=str(path), format=rdf_format))
        except (SyntaxError, OSError) as problem:
            raise UserInputError(f"{path} cannot be read: {problem}; build the graph again") from None
    return store


def names_graphs(query_text: str) -> bool:
    """Whether a SPARQL query names graphs (GRAPH, FROM, FROM NAMED), so that it needs the named graphs
    of `load_store` rather than the union store. A query that cannot be parsed counts as naming them:
    the store it then goes to reports the syntax error."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(query_text)
    except (ParseException, ValueError, TypeError):
        return True
    return _has_dataset_part(parsed)


def _has_dataset_part(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in {"GraphGraphPattern", "DatasetClause"}:
            return True
        return any(_has_dataset_part(value) for value in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_dataset_part(item) for item in node)
    return False


def path_key(path: str) -> str:
    """How resource paths are compared: percent-decoded once and in Unicode NFC."""
    return unicodedata.normalize("NFC", unquote(path))


class Graphs:
    """Read access to the store as the resource pages need it, leaving out the inferred graph.

    Inferences (superclasses, inverse links) are kept apart from what the articles say, as in the
    single-graph dumps; a page shows what was stated.
    """

    def __init__(self, store: Store, public_base: str) -> None:
        self.store = store
        self.public_base = public_base
        self.resource_base = public_base + "id/"
        self._paths = self._index_paths()

    def _index_paths(self) -> dict[str, str]:
        """Every IRI under <public_base>id/, by its path compared after percent-decoding."""
        found: dict[str, str] = {}
        for quad in self.store.quads_for_pattern(None, None, None, None):
            for term in (quad.subject, quad.object):
                if isinstance(term, NamedNode) and term.value.startswith(self.resource_base):
                    found.setdefault(path_key(term.value[len(self.resource_base) :]), term.value)
        return found

    def resolve(self, path: str) -> NamedNode | None:
        """The resource a request path (already percent-decoded by the server) names, if any."""
        iri = self._paths.get(unicodedata.normalize("NFC", path))
        return NamedNode(iri) if iri else None

    def quads(self, subject: Term | None = None, predicate: NamedNode | None = None,
              obj: Term | None = None) -> Iterator[Quad]:
        """Quads matching a pattern in every graph but the inferred one."""
        for quad in self.store.quads_for_pattern(subject, predicate, obj, None):
            graph = quad.graph_name
            if isinstance(graph, NamedNode) and graph.value.endswith(INFERRED_GRAPH_SUFFIX):
                continue
            yield quad

    def objects(self, subject: Term, predicate: NamedNode) -> list[Term]:
        """The distinct values of one property, in a stable order."""
        return sorted({quad.object for quad in self.quads(subject, predicate)}, key=str)

    def first(self, subject: Term, predicate: NamedNode) -> Term | None:
        values = self.objects(subject, predicate)
        return values[0] if values else None

    def labels(self, node: Term) -> dict[str, str]:
        """The node's labels by language tag ("" for none), the first label property that has one winning."""
        found: dict[str, str] = {}
        for predicate in LABEL_PROPERTIES:
            for value in self.objects(node, predicate):
                if isinstance(value, Literal):
                    found.setdefault(value.language or "", value.value)
        return found

    def label(self, node: Term) -> str | None:
        """One label for display: Vietnamese first, then English, then any."""
        labels = self.labels(node)
        for language in ("vi", "en", ""):
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), None)
