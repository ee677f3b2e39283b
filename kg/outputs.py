"""Outputs: the Linked Data dumps and their dataset description (VoID + DCAT).

Files written into one folder:
  vnpost-kg.ttl     every triple of every graph (Turtle)
  vnpost-kg.nt      the same triples, N-Triples, one per line, sorted
  vnpost-kg.nq      the quads: one named graph per article, plus entities, provenance and inferred,
                    graph by graph, sorted
  vnpost-kg.trig    the same quads as TriG, for people and stores that prefer it
  vnpost-kg.jsonld  the same triples as JSON-LD with its @context inline (nothing to fetch), one
                    node object per line
  ontology.ttl      the ontology and its SKOS taxonomies (also ontology.rdf, RDF/XML for Protégé and
                    owlready2, and ontology.html, its documentation made by pyLODE)
  void.ttl          what the dataset is: triple count, classes, dumps, license, source articles
Every dump is written from sorted triples and nothing carries a build time, so a rebuild is
byte-identical. The data dumps are streamed (pyoxigraph's Turtle and TriG writers, our own
JSON-LD writer), never held as one rdflib graph: a 10,000-article build has four million quads.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import re
import shutil
import tempfile
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg import __version__
from kg.assemble import PREFIXES, normalize_base
from kg.errors import UserInputError
from kg.quads import RDF_TYPE, QuadSet, Triple, nquad_lines, ntriple_lines
from kg.rdfxml import to_rdfxml
from kg.vocabulary import ONTOLOGY_FILES, ontology_path

NQUADS_DUMP = "vnpost-kg.nq"
NTRIPLES_DUMP = "vnpost-kg.nt"
DUMPS = {
    "vnpost-kg.ttl": ("turtle", "text/turtle"),
    NTRIPLES_DUMP: ("nt", "application/n-triples"),
    NQUADS_DUMP: ("nquads", "application/n-quads"),
    "vnpost-kg.trig": ("trig", "application/trig"),
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


def write_outputs(dataset: QuadSet, folder: Path, base: str, asserted: list[Triple] | None = None) -> dict[str, int]:
    """Write every dump, the ontology (Turtle, RDF/XML, HTML) and the dataset description into
    `folder`; return file sizes. `asserted` is `dataset.asserted()` if the caller has it already.

    The N-Triples and N-Quads come straight from the sorted triples; the Turtle, TriG and JSON-LD
    are converted from them in a second process while this one writes the rest (two cores).
    """
    asserted = dataset.asserted() if asserted is None else asserted
    _write_lines(folder / NTRIPLES_DUMP, ntriple_lines(asserted))
    _write_lines(folder / NQUADS_DUMP, nquad_lines(dataset.quads()))
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    jobs = [
        (_convert, folder / NTRIPLES_DUMP, folder / "vnpost-kg.ttl", "ttl", prefixes),
        (_convert, folder / NQUADS_DUMP, folder / "vnpost-kg.trig", "trig", prefixes),
        (write_jsonld, folder / NTRIPLES_DUMP, folder / "vnpost-kg.jsonld", prefixes),
        (write_ontology_files, folder),
    ]
    _run_in_parallel(jobs, parallel=len(asserted) >= _PARALLEL_FROM)
    sizes = {name: (folder / name).stat().st_size for name in [*DUMPS, ONTOLOGY_DUMP, ONTOLOGY_RDFXML, ONTOLOGY_HTML]}
    void = describe(dataset, asserted, sizes, base)
    _write_text(folder / VOID_FILE, void.serialize(format="turtle"))
    sizes[VOID_FILE] = (folder / VOID_FILE).stat().st_size
    return sizes


# Below this many triples a second process costs more than it saves.
_PARALLEL_FROM = 50_000


def _run_in_parallel(jobs: list[tuple], parallel: bool) -> None:
    """Run (function, *arguments) jobs, the first ones in a forked worker, the rest here.

    Fork shares the parent's memory copy-on-write, so the worker costs no re-import. An error in
    the worker is raised here, as if the job had run in this process.
    """
    if not parallel or (os.cpu_count() or 1) < 2:
        for function, *arguments in jobs:
            function(*arguments)
        return
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pending = [pool.submit(*job) for job in jobs[:2]]
        for function, *arguments in jobs[2:]:
            function(*arguments)
        for future in pending:
            future.result()


def _convert(source: Path, target: Path, extension: str, prefixes: dict[str, str]) -> None:
    """Re-serialize a dump we just wrote, streaming, keeping its order (so subjects stay grouped)."""
    source_format = pyoxigraph.RdfFormat.from_extension(source.suffix[1:])
    rdf_format = pyoxigraph.RdfFormat.from_extension(extension)
    with target.open("wb") as out:
        pyoxigraph.serialize(pyoxigraph.parse(path=source, format=source_format), out, rdf_format, prefixes=prefixes)


def write_jsonld(ntriples: Path, target: Path, prefixes: dict[str, str]) -> None:
    """JSON-LD of a sorted N-Triples dump: the context inline, then one node object per subject.

    Keys and types are compacted with the prefixes; literals keep their lexical form and
    datatype ({"@value": "0.9", "@type": "xsd:decimal"}), so no number changes on the way.
    """
    namespaces = sorted(((namespace, prefix) for prefix, namespace in prefixes.items()), reverse=True)

    @functools.cache
    def compact(value: str) -> str:
        for namespace, prefix in namespaces:
            if value.startswith(namespace) and _LOCAL_NAME.fullmatch(value[len(namespace):]):
                return f"{prefix}:{value[len(namespace):]}"
        return value

    def json_value(node) -> dict:
        if isinstance(node, pyoxigraph.NamedNode):
            return {"@id": node.value}
        if node.language:
            return {"@value": node.value, "@language": node.language}
        if node.datatype.value == _XSD_STRING:
            return {"@value": node.value}
        return {"@value": node.value, "@type": compact(node.datatype.value)}

    triples = pyoxigraph.parse(path=ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    with target.open("w", encoding="utf-8", newline="\n") as out:
        context = json.dumps(dict(sorted(prefixes.items())), ensure_ascii=False)
        out.write('{\n "@context": ' + context + ',\n "@graph": [')
        separator = "\n  "
        for subject, group in itertools.groupby(triples, key=lambda triple: triple.subject):
            node: dict = {"@id": subject.value}
            for triple in group:
                if triple.predicate.value == _RDF_TYPE_IRI and isinstance(triple.object, pyoxigraph.NamedNode):
                    node.setdefault("@type", []).append(compact(triple.object.value))
                else:
                    node.setdefault(compact(triple.predicate.value), []).append(json_value(triple.object))
            out.write(separator + json.dumps(node, ensure_ascii=False, sort_keys=True))
            separator = ",\n  "
        out.write("\n ]\n}\n")


_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_RDF_TYPE_IRI = RDF_TYPE[1:-1]
_XSD_STRING = str(XSD.string)


def write_ontology_files(folder: Path) -> None:
    """ontology.ttl, ontology.rdf and ontology.html of the installed ontology, into `folder`.

    They depend only on the ontology's source files, and making them costs about two seconds
    (pyLODE most of it), so they are made once per ontology version and kept in a cache folder
    (VNPOST_KG_CACHE, else $XDG_CACHE_HOME/vnpost-kg or ~/.cache/vnpost-kg). Without a writable
    cache they are simply made every time.
    """
    names = (ONTOLOGY_DUMP, ONTOLOGY_RDFXML, ONTOLOGY_HTML)
    cached = _ontology_cache_dir()
    if all((cached / name).is_file() for name in names):
        for name in names:
            shutil.copyfile(cached / name, folder / name)
        return
    ontology = canonical_graph(load_ontology())
    _write_text(folder / ONTOLOGY_DUMP, ontology.serialize(format="turtle"))
    _write_text(folder / ONTOLOGY_RDFXML, to_rdfxml(ontology))
    _write_text(folder / ONTOLOGY_HTML, ontology_html(ontology))
    _fill_cache(cached, [folder / name for name in names])


def ontology_html(ontology: Graph) -> str:
    """The ontology's documentation page, made offline by pyLODE."""
    with _quiet_logging():  # pyLODE configures the root logger at DEBUG when imported
        from pylode import OntPub

        logging.getLogger().setLevel(logging.WARNING)
        html = OntPub(ontology=ontology).make_html()
    return _JSONLD_SCRIPT.sub(lambda m: m.group(1) + canonical_json(m.group(2)) + m.group(3), html)


def _ontology_cache_dir() -> Path:
    """The cache folder of this version of the ontology files, named by their content."""
    root = os.environ.get("VNPOST_KG_CACHE")
    if not root:
        root = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnpost-kg")
    digest = hashlib.sha256(__version__.encode())
    for name in ONTOLOGY_FILES:
        digest.update(ontology_path(name).read_bytes())
    return Path(root) / f"ontology-{digest.hexdigest()[:16]}"


def _fill_cache(cached: Path, files: list[Path]) -> None:
    """Copy the files into the cache folder, all or none (a half-filled cache would be reused)."""
    staging = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ontology.", dir=cached.parent))
        for path in files:
            shutil.copyfile(path, staging / path.name)
        staging.rename(cached)
    except OSError:  # no cache (read-only home, or another build filled it first): nothing lost
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


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


def _write_lines(path: Path, lines) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)


def describe(dataset: QuadSet, asserted: list[Triple], sizes: dict[str, int], base: str) -> Graph:
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
    void.add((node, VOID.triples, Literal(len(asserted))))
    void.add((node, VOID.entities, Literal(len({s for s, _, _ in asserted}))))
    members: dict[str, set[str]] = {}
    for s, p, o in asserted:
        if p == RDF_TYPE and o.startswith("<"):
            members.setdefault(o, set()).add(s)
    void.add((node, VOID.classes, Literal(len(members))))
    names = Graph()
    for prefix, namespace in PREFIXES.items():
        names.bind(prefix, namespace)
    for cls in sorted(members):
        qname = names.namespace_manager.normalizeUri(URIRef(cls[1:-1])).replace(":", "-")
        partition = URIRef(f"{base}dataset/class/{qname}")
        void.add((node, VOID.classPartition, partition))
        void.add((partition, VOID["class"], URIRef(cls[1:-1])))
        void.add((partition, VOID.entities, Literal(len(members[cls]))))
    graphs = [name for name, triples in dataset.graphs.items() if triples]
    void.add((node, schema.numberOfItems, Literal(len(graphs))))
    for article in sorted(members.get(f"<{schema.NewsArticle}>", ())):
        void.add((node, DCTERMS.source, URIRef(article[1:-1])))
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
