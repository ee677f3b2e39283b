"""Outputs: the Linked Data dumps and their dataset description (VoID + DCAT).

Files written into one folder:
  vnpost-kg.ttl     every triple of every graph (Turtle)
  vnpost-kg.nt      the same triples, N-Triples, one per line, sorted
  vnpost-kg.nq      the quads: one named graph per article, plus entities and provenance, sorted
  vnpost-kg.jsonld  the same triples as JSON-LD with its @context inline (nothing to fetch)
  ontology.ttl      the ontology and its SKOS taxonomies
  void.ttl          what the dataset is: triple count, classes, dumps, license, source articles
Line-based dumps are sorted and nothing carries a build time, so a rebuild is byte-identical.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg import __version__
from kg.assemble import PREFIXES
from kg.vocabulary import ONTOLOGY_FILES, ontology_path

DUMPS = {
    "vnpost-kg.ttl": ("turtle", "text/turtle"),
    "vnpost-kg.nt": ("nt", "application/n-triples"),
    "vnpost-kg.nq": ("nquads", "application/n-quads"),
    "vnpost-kg.jsonld": ("json-ld", "application/ld+json"),
}
ONTOLOGY_DUMP = "ontology.ttl"
VOID_FILE = "void.ttl"
DATA_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def load_ontology() -> Graph:
    """The ontology and taxonomies as one graph."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_path(name), format="turtle")
    return graph


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all named graphs in one graph, added in sorted order."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in sorted({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}):
        graph.add(triple)
    return graph


def write_outputs(dataset: Dataset, ontology: Graph, folder: Path, base: str) -> dict[str, int]:
    """Write every dump and the dataset description into `folder`; return file sizes."""
    union = union_graph(dataset)
    _write_text(folder / "vnpost-kg.ttl", union.serialize(format="turtle"))
    _write_text(folder / "vnpost-kg.nt", _sorted_lines(union.serialize(format="nt")))
    _write_text(folder / "vnpost-kg.nq", _sorted_lines(dataset.serialize(format="nquads")))
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    jsonld = union.serialize(format="json-ld", context=context, indent=1, sort_keys=True)
    _write_text(folder / "vnpost-kg.jsonld", json.dumps(json.loads(jsonld), indent=1, sort_keys=True) + "\n")
    _write_text(folder / ONTOLOGY_DUMP, ontology.serialize(format="turtle"))
    sizes = {name: (folder / name).stat().st_size for name in [*DUMPS, ONTOLOGY_DUMP]}
    void = describe(dataset, union, sizes, base)
    _write_text(folder / VOID_FILE, void.serialize(format="turtle"))
    sizes[VOID_FILE] = (folder / VOID_FILE).stat().st_size
    return sizes


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def describe(dataset: Dataset, union: Graph, sizes: dict[str, int], base: str) -> Graph:
    """VoID and DCAT description of the dataset and its dump files."""
    if not base.endswith(("/", "#")):
        base += "/"
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
    for name, (_, media_type) in [*DUMPS.items(), (ONTOLOGY_DUMP, ("turtle", "text/turtle"))]:
        dump = URIRef(f"{base}dump/{name}")
        void.add((node, VOID.dataDump, dump))
        void.add((node, DCAT.distribution, dump))
        void.add((dump, RDF.type, DCAT.Distribution))
        void.add((dump, DCAT.downloadURL, dump))
        void.add((dump, DCAT.mediaType, Literal(media_type)))
        void.add((dump, DCAT.byteSize, Literal(sizes[name], datatype=XSD.nonNegativeInteger)))
        void.add((dump, DCTERMS.title, Literal(name)))
    return void
