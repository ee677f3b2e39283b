"""Outputs: the Linked Data dumps and their dataset description (VoID + DCAT).

Files written into one folder:
  vnpost-kg.ttl     every triple of every graph (Turtle)
  vnpost-kg.nt      the same triples, N-Triples, one per line, sorted
  vnpost-kg.nq      the quads: one named graph per article, plus entities, provenance and inferred, sorted
  vnpost-kg.jsonld  the same triples as JSON-LD with its @context inline (nothing to fetch)
  ontology.ttl      the ontology and its SKOS taxonomies (also ontology.rdf, RDF/XML for Protégé and
                    owlready2, and ontology.html, its documentation made by pyLODE)
  void.ttl          what the dataset is: triple count, classes, dumps, license, source articles
Line-based dumps are sorted and nothing carries a build time, so a rebuild is byte-identical.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import shutil
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg import __version__
from kg.assemble import PREFIXES, normalize_base
from kg.errors import UserInputError
from kg.rdfxml import to_rdfxml
from kg.vocabulary import ONTOLOGY_FILES, ontology_path

NQUADS_DUMP = "vnpost-kg.nq"
DUMPS = {
    "vnpost-kg.ttl": ("turtle", "text/turtle"),
    "vnpost-kg.nt": ("nt", "application/n-triples"),
    NQUADS_DUMP: ("nquads", "application/n-quads"),
    "vnpost-kg.jsonld": ("json-ld", "application/ld+json"),
}
ONTOLOGY_DUMP = "ontology.ttl"
ONTOLOGY_RDFXML = "ontology.rdf"
ONTOLOGY_HTML = "ontology.html"
INFERRED_GRAPH_SUFFIX = "graph/inferred"
# Where the ontology goes beside the data, in a store or a queryable dataset (never in the dumps).
ONTOLOGY_GRAPH = "https://w3id.org/vnpost-kg/graph/ontology"
VOID_FILE = "void.ttl"
DATA_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def built_files(dist_dir: Path) -> tuple[Path, Path]:
    """The N-Quads dump and the ontology of a built output folder, or a clear error if there is none."""
    dist_dir = Path(dist_dir)
    files = (dist_dir / NQUADS_DUMP, dist_dir / ONTOLOGY_DUMP)
    for path in files:
        if not path.is_file():
            raise UserInputError(f"{path} not found: build the graph first (vnpost-kg build --out {dist_dir})")
    return files


def load_ontology() -> Graph:
    """The ontology and taxonomies as one graph."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_path(name), format="turtle")
    return graph


def union_graph(dataset: Dataset, include_inferred: bool = False) -> Graph:
    """All triples of the named graphs in one graph, added in sorted order.

    The inferred graph is left out unless asked for: the single-graph dumps hold what the
    articles say, and inferences travel only in the N-Quads, in their own named graph.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    triples = {
        (s, p, o)
        for s, p, o, g in dataset.quads((None, None, None, None))
        if include_inferred or not str(g).endswith(INFERRED_GRAPH_SUFFIX)
    }
    for triple in sorted(triples):
        graph.add(triple)
    return graph


def write_outputs(
    dataset: Dataset, ontology: Graph, folder: Path, base: str, previous: Path | None = None
) -> dict[str, int]:
    """Write every dump, the ontology (Turtle, RDF/XML, HTML) and the dataset description into
    `folder`; return file sizes. The ontology's HTML is taken from `previous` (the output being
    replaced) when the ontology has not changed, since generating it is the slowest output."""
    union = union_graph(dataset)
    _write_text(folder / "vnpost-kg.ttl", union.serialize(format="turtle"))
    _write_text(folder / "vnpost-kg.nt", _sorted_lines(union.serialize(format="nt")))
    _write_text(folder / NQUADS_DUMP, _sorted_lines(dataset.serialize(format="nquads")))
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    jsonld = union.serialize(format="json-ld", context=context, indent=1, sort_keys=True)
    _write_text(folder / "vnpost-kg.jsonld", canonical_json(jsonld) + "\n")
    ontology = canonical_graph(ontology)
    _write_text(folder / ONTOLOGY_DUMP, ontology.serialize(format="turtle"))
    _write_text(folder / ONTOLOGY_RDFXML, to_rdfxml(ontology))
    write_ontology_html(folder / ONTOLOGY_DUMP, folder / ONTOLOGY_HTML, previous)
    sizes = {name: (folder / name).stat().st_size for name in [*DUMPS, ONTOLOGY_DUMP, ONTOLOGY_RDFXML, ONTOLOGY_HTML]}
    void = describe(dataset, union, sizes, base)
    _write_text(folder / VOID_FILE, void.serialize(format="turtle"))
    sizes[VOID_FILE] = (folder / VOID_FILE).stat().st_size
    return sizes


def write_ontology_html(ontology_ttl: Path, target: Path, previous: Path | None) -> None:
    """The ontology's documentation page, made offline by pyLODE (reused if the ontology is unchanged)."""
    if previous is not None:
        old_ttl, old_html = previous / ONTOLOGY_DUMP, previous / ONTOLOGY_HTML
        if old_html.is_file() and old_ttl.is_file() and old_ttl.read_bytes() == ontology_ttl.read_bytes():
            shutil.copyfile(old_html, target)
            return
    with _quiet_logging():  # pyLODE configures the root logger at DEBUG when imported
        from pylode import OntPub

        logging.getLogger().setLevel(logging.WARNING)
        graph = canonical_graph(Graph().parse(ontology_ttl, format="turtle"))
        html = OntPub(ontology=graph).make_html()
    _write_text(target, _JSONLD_SCRIPT.sub(lambda m: m.group(1) + canonical_json(m.group(2)) + m.group(3), html))


_JSONLD_SCRIPT = re.compile(r'(<script[^>]*type="application/ld\+json"[^>]*>)(.*?)(</script>)', re.DOTALL)


def canonical_graph(graph: Graph) -> Graph:
    """The same graph with blank nodes named from their content and triples inserted in order.

    rdflib names blank nodes at random and its serializers follow insertion order, so this is
    what makes the RDF/XML dump and the ontology's HTML page the same bytes in every build.
    """
    canonical = Graph()
    for prefix, namespace in graph.namespaces():
        canonical.bind(prefix, namespace)
    for triple in sorted(to_canonical_graph(graph)):
        canonical.add(triple)
    return canonical


def canonical_json(text: str) -> str:
    """JSON with keys sorted and every array in a fixed order (JSON-LD arrays are unordered sets
    here: the project writes no @list)."""

    def order(value: object) -> object:
        if isinstance(value, dict):
            return {key: order(item) for key, item in value.items()}
        if isinstance(value, list):
            items = [order(item) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return value

    return json.dumps(order(json.loads(text)), indent=1, sort_keys=True, ensure_ascii=False)


@contextlib.contextmanager
def _quiet_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def describe(dataset: Dataset, union: Graph, sizes: dict[str, int], base: str) -> Graph:
    """VoID and DCAT description of the dataset and its dump files."""
    base = normalize_base(base)
    void = Graph()
    void.bind("void", VOID)
    void.bind("dcat", DCAT)
    void.bind("dcterms", DCTERMS)
    schema = Namespace("https://schema.org/")
    node = URIRef(base + "dataset")
    void.add((node, RDF.type, VOID.Dataset))
    void.add((node, RDF.type, DCAT.Dataset))
    void.add((node, DCTERMS.title, Literal("Đồ thị tri thức Bưu điện Việt Nam", lang="vi")))
    void.add((node, DCTERMS.title, Literal("Vietnam Post knowledge graph", lang="en")))
    void.add((node, DCTERMS.description, Literal(
        "Units, people, awards and other facts about Vietnam Post extracted from Vietnamese news "
        "articles, each fact with the article, sentence, character span and rule that support it.",
        lang="en",
    )))
    void.add((node, DCTERMS.license, DATA_LICENSE))
    void.add((node, DCTERMS.hasVersion, Literal(__version__)))
    void.add((node, VOID.uriSpace, Literal(base + "id/")))
    void.add((node, VOID.vocabulary, URIRef("https://w3id.org/vnpost-kg/ontology#")))
    void.add((node, VOID.triples, Literal(len(union))))
    subjects = {s for s in union.subjects() if isinstance(s, URIRef)}
    void.add((node, VOID.entities, Literal(len(subjects))))
    classes = sorted(set(union.objects(None, RDF.type)))
    void.add((node, VOID.classes, Literal(len(classes))))
    for cls in classes:
        qname = union.namespace_manager.normalizeUri(cls).replace(":", "-")
        partition = URIRef(f"{base}dataset/class/{qname}")
        void.add((node, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        void.add((partition, VOID.entities, Literal(len(set(union.subjects(RDF.type, cls))))))
    graphs = sorted(g.identifier for g in dataset.graphs() if len(g) and isinstance(g.identifier, URIRef))
    void.add((node, schema.numberOfItems, Literal(len(graphs))))
    for article in sorted(union.subjects(RDF.type, schema.NewsArticle)):
        void.add((node, DCTERMS.source, article))
    ontologies = [(ONTOLOGY_DUMP, ("turtle", "text/turtle")), (ONTOLOGY_RDFXML, ("xml", "application/rdf+xml"))]
    for name, (_, media_type) in [*DUMPS.items(), *ontologies]:
        dump = URIRef(f"{base}dump/{name}")
        void.add((node, VOID.dataDump, dump))
        void.add((node, DCAT.distribution, dump))
        void.add((dump, RDF.type, DCAT.Distribution))
        void.add((dump, DCAT.downloadURL, dump))
        void.add((dump, DCAT.mediaType, Literal(media_type)))
        void.add((dump, DCAT.byteSize, Literal(sizes[name], datatype=XSD.nonNegativeInteger)))
        void.add((dump, DCTERMS.title, Literal(name)))
    return void
