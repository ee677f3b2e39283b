"""What the server says about one resource: its triples as RDF, and the parts an HTML page shows.

The RDF forms hold the resource's stated triples (every graph but the inferred one) and, so that a
reader need not follow every link, the labels of the resources it points to. The page also gets the
incoming links and, for a fact, the evidence it was derived from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from kg.serve.store import LABEL_PROPERTIES, RDF_TYPE, RDFS_LABEL, SKOS_PREF_LABEL, Graphs, Term

VNPO = "https://w3id.org/vnpost-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
WAS_DERIVED_FROM = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
EVIDENCE_CLASS = NamedNode(VNPO + "Evidence")
ARTICLE_BODY = NamedNode("https://schema.org/articleBody")
INCOMING_SHOWN = 300

PREFIXES = {
    "vnpo": VNPO,
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}


def _vnpo(name: str) -> NamedNode:
    return NamedNode(VNPO + name)


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence: the sentence split around the matched span, and where it came from."""

    node: NamedNode
    before: str
    matched: str
    after: str
    matched_elsewhere: str  # the matched text, when it is not inside the quoted sentence
    article: NamedNode | None
    article_title: str | None
    rule: NamedNode | None
    rule_label: str | None
    confidence: str | None
    sentence_index: str | None


@dataclass
class Description:
    """The parts of a resource page, with every value still a term (escaping is the page's job)."""

    node: NamedNode
    labels: dict[str, str]
    types: list[NamedNode]
    facts: list[tuple[NamedNode, Term, NamedNode | None]]  # property, value, the statement holding its evidence
    incoming: list[tuple[Term, NamedNode]]
    incoming_total: int
    evidence: list[EvidenceView] = field(default_factory=list)


def rdf_triples(graphs: Graphs, node: NamedNode) -> list[Triple]:
    """The resource's stated triples plus the labels of the resources it links to, without duplicates."""
    own = {Triple(quad.subject, quad.predicate, quad.object) for quad in graphs.quads(node)}
    labels = set()
    for triple in own:
        if isinstance(triple.object, NamedNode) and triple.object != node:
            for predicate in (RDFS_LABEL, SKOS_PREF_LABEL):
                labels.update(Triple(q.subject, q.predicate, q.object) for q in graphs.quads(triple.object, predicate))
    return sorted(own | labels, key=lambda t: (t.subject != node, str(t.subject), str(t.predicate), str(t.object)))


def serialize_rdf(triples: list[Triple], key: str) -> bytes:
    """Turtle, N-Triples or JSON-LD of a resource description."""
    return serialize(triples, format=RDF_FORMATS[key], prefixes=PREFIXES if key == "ttl" else None)


def describe(graphs: Graphs, node: NamedNode) -> Description:
    """Everything the HTML page of a resource shows."""
    statements = _statements(graphs, node)
    facts, types = [], []
    for quad in graphs.quads(node):
        if quad.predicate == RDF_TYPE and isinstance(quad.object, NamedNode):
            types.append(quad.object)
        else:
            facts.append((quad.predicate, quad.object, statements.get((quad.predicate, quad.object))))
    incoming = sorted({(quad.subject, quad.predicate) for quad in graphs.quads(obj=node)}, key=_pair_order)
    evidence_nodes = graphs.objects(node, WAS_DERIVED_FROM)
    if EVIDENCE_CLASS in types:
        evidence_nodes.insert(0, node)
    return Description(
        node=node,
        labels=graphs.labels(node),
        types=sorted(set(types), key=str),
        facts=sorted(set(facts), key=lambda fact: (fact[0] not in LABEL_PROPERTIES, str(fact[0]), str(fact[1]))),
        incoming=incoming[:INCOMING_SHOWN],
        incoming_total=len(incoming),
        evidence=sorted(
            (_evidence(graphs, e) for e in evidence_nodes if isinstance(e, NamedNode)),
            key=lambda view: (str(view.article), _as_int(view.sentence_index), str(view.node)),
        ),
    )


def _pair_order(pair: tuple[Term, NamedNode]) -> tuple[str, str]:
    return str(pair[1]), str(pair[0])


def _as_int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


def _statements(graphs: Graphs, node: NamedNode) -> dict[tuple[NamedNode, Term], NamedNode]:
    """The reified statements about the resource, by (property, value): where a binary fact's evidence hangs."""
    found = {}
    for quad in graphs.quads(None, NamedNode(RDF + "subject"), node):
        predicate = graphs.first(quad.subject, NamedNode(RDF + "predicate"))
        value = graphs.first(quad.subject, NamedNode(RDF + "object"))
        if isinstance(quad.subject, NamedNode) and isinstance(predicate, NamedNode) and value is not None:
            found.setdefault((predicate, value), quad.subject)
    return found


def _text(graphs: Graphs, node: Term, name: str) -> str | None:
    value = graphs.first(node, _vnpo(name))
    return value.value if isinstance(value, Literal) else None


def _evidence(graphs: Graphs, node: NamedNode) -> EvidenceView:
    quote = _text(graphs, node, "quote") or ""
    matched = _text(graphs, node, "matchedText") or ""
    article = graphs.first(node, _vnpo("fromArticle"))
    rule = graphs.first(node, _vnpo("byRule"))
    article = article if isinstance(article, NamedNode) else None
    rule = rule if isinstance(rule, NamedNode) else None
    body = graphs.first(article, ARTICLE_BODY) if article else None
    start = _as_int(_text(graphs, node, "startOffset"))
    before, inside, after = highlight(quote, matched, start, body.value if isinstance(body, Literal) else "")
    return EvidenceView(
        node=node,
        before=before,
        matched=inside,
        after=after,
        matched_elsewhere="" if inside or not matched else matched,
        article=article,
        article_title=graphs.label(article) if article else None,
        rule=rule,
        rule_label=graphs.label(rule) if rule else None,
        confidence=_text(graphs, node, "confidence"),
        sentence_index=_text(graphs, node, "sentenceIndex"),
    )


def highlight(quote: str, matched: str, start: int, body: str) -> tuple[str, str, str]:
    """The quote as (before, matched span, after).

    The span is placed by its offset in the article when the sentence can be found there (a phrase
    may occur twice in a sentence), else at its first occurrence; if it is not in the sentence at
    all, the whole quote comes back as `before`.
    """
    if not matched:
        return quote, "", ""
    position = body.find(quote) if quote and start >= 0 else -1
    while position != -1:
        offset = start - position
        if offset >= 0 and quote[offset : offset + len(matched)] == matched:
            return quote[:offset], matched, quote[offset + len(matched) :]
        position = body.find(quote, position + 1)
    offset = quote.find(matched)
    if offset < 0:
        return quote, "", ""
    return quote[:offset], matched, quote[offset + len(matched) :]
