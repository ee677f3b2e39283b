"""Assemble stage: the only place that creates RDF terms.

Resolved entities and facts become quads in an rdflib Dataset:
  <base>graph/article/<id>   what each article states: its facts (award conferrals, memberships)
                             and the type and label of every entity it names
  <base>graph/entities       the canonical description of every entity (types, labels, structure)
  <base>graph/provenance     articles, evidence spans, rules, and the links from facts and
                             entity mentions to their evidence (PROV-O)
Everything gets an IRI (no blank nodes), and triples are added in sorted order, so the same
input always gives the same dataset.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Article, Entity, Evidence, Fact, ResolvedCorpus
from kg.resolve.entities import CONCEPT_KINDS
from kg.text import match_key, slugify
from kg.vocabulary import ONTOLOGY_NAMESPACE, concept_iri

DEFAULT_BASE = "https://w3id.org/vnpost-kg/"
VNPO = Namespace(ONTOLOGY_NAMESPACE)
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {
    "vnpo": VNPO,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "rdfs": RDFS,
    "xsd": XSD,
}

ENTITY_CLASSES = {
    "corporation": VNPO.Corporation,
    "provincial-post": VNPO.ProvincialPost,
    "district-post": VNPO.DistrictPost,
    "commune-point": VNPO.CommunePostPoint,
    "government-body": VNPO.GovernmentBody,
    "trade-union": VNPO.TradeUnion,
    "mass-organization": VNPO.MassOrganization,
    "company": VNPO.Company,
    "organization": ORG.FormalOrganization,
    "publisher": VNPO.Publisher,
    "person": FOAF.Person,
    "province": VNPO.Province,
    "district": VNPO.District,
    "commune": VNPO.Commune,
    "recipient-group": VNPO.RecipientGroup,
    "document": VNPO.LegalDocument,
}
ENTITY_LINKS = {
    "sub-organization-of": ORG.subOrganizationOf,
    "located-in": VNPO.locatedIn,
    "contained-in": SCHEMA.containedInPlace,
    "linked-to": ORG.linkedTo,
    "issued-by": VNPO.issuedBy,
    "document-kind": VNPO.documentKind,
}
ENTITY_ATTRIBUTES = {
    "official-code": (VNPO.officialCode, None),
    "document-number": (VNPO.documentNumber, None),
    "issued-on": (VNPO.issuedOn, XSD.date),
    "subject": (VNPO.documentSubject, None),
}
# N-ary facts: their class and how each argument that names an entity or concept is linked.
NARY_FACTS = {
    "award-conferral": (
        VNPO.AwardConferral,
        {"recipient": VNPO.recipient, "award": VNPO.awardType, "conferrer": VNPO.conferredBy,
         "presenter": VNPO.presentedBy},
    ),
    "membership": (ORG.Membership, {"person": ORG.member, "role": ORG.role, "org": ORG.organization}),
    "observation": (
        VNPO.Observation,
        {"unit": VNPO.observedUnit, "indicator": VNPO.indicator, "service": VNPO.observedService,
         "measure": VNPO.unitOfMeasure, "qualifier": VNPO.qualifier},
    ),
    "partnership": (VNPO.Partnership, {"unit": VNPO.partner, "partner": VNPO.partner,
                                       "service": VNPO.partnershipService}),
    "event": (VNPO.Event, {"organizer": VNPO.organizer, "participants": VNPO.participant}),
    "history": (ORG.ChangeEvent, {"kind": VNPO.changeKind, "organization": ORG.resultingOrganization}),
}
# Binary facts: one triple in the article's graph, reified in the provenance graph for its evidence.
BINARY_FACTS = {
    "offers-service": ("unit", VNPO.offersService, "service"),
    "citation": ("citer", VNPO.citesDocument, "document"),
    "likely-same": ("person", VNPO.likelySameAs, "other"),
}
EVENT_CLASSES = {"conference": VNPO.Conference, "ceremony": VNPO.Ceremony}
_EVENT_WORDS = {"hội nghị": "conference", "hội thảo": "conference", "tọa đàm": "conference", "lễ": "ceremony"}


def event_kind(name: str) -> str | None:
    """'conference' for "Hội nghị …", 'ceremony' for "Lễ …", from the first words of its name."""
    words = match_key(name).split()
    return _EVENT_WORDS.get(" ".join(words[:2])) or _EVENT_WORDS.get(words[0] if words else "")


def normalize_base(base: str) -> str:
    """A base IRI that resource paths can be appended to: ending in "/" or "#"."""
    return base if base.endswith(("/", "#")) else base + "/"


class _Minter:
    """IRIs for everything in a build, under one configurable base."""

    def __init__(self, base: str, resolved: ResolvedCorpus) -> None:
        self.base = normalize_base(base)
        self.entities = resolved.entities
        self.sentences = {a.id: a.sentences for a in resolved.articles}

    def resource(self, path: str) -> URIRef:
        return URIRef(f"{self.base}id/{path}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def article(self, article_id: str) -> URIRef:
        return self.resource("article/" + slugify(article_id))

    def article_graph(self, article_id: str) -> URIRef:
        return self.graph("article/" + slugify(article_id))

    def entity(self, key: str) -> URIRef:
        kind, _, ident = key.partition(":")
        if kind in CONCEPT_KINDS:
            return URIRef(concept_iri(kind, ident))
        return self.resource(self.entities[key].slug)

    def evidence(self, evidence: Evidence) -> URIRef:
        rule = slugify(evidence.rule_id)
        return self.resource(
            f"evidence/{slugify(evidence.article_id)}/{evidence.start}-{evidence.end}-{rule}"
        )

    def rule(self, rule_id: str) -> URIRef:
        return self.resource("rule/" + slugify(rule_id))


def assemble(resolved: ResolvedCorpus, base: str = DEFAULT_BASE) -> Dataset:
    """Build the dataset: one named graph per article, plus entities and provenance graphs."""
    mint = _Minter(base, resolved)
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    entities = dataset.graph(mint.graph("entities"))
    provenance = dataset.graph(mint.graph("provenance"))
    article_graphs = {a.id: dataset.graph(mint.article_graph(a.id)) for a in resolved.articles}
    texts = {a.id: a for a in resolved.articles}
    evidence_seen: set[Evidence] = set()

    for article in resolved.articles:
        _add_article(provenance, mint, article, resolved)
    for rule_id, description in sorted(resolved.rules.items()):
        _add_rule(provenance, mint, rule_id, description)
    for key, entity in resolved.entities.items():
        _add_entity(entities, mint, key, entity)
        node = mint.entity(key)
        for evidence in sorted(entity.mentions, key=_evidence_order):
            provenance.add((node, VNPO.mention, mint.evidence(evidence)))
            evidence_seen.add(evidence)
        for article_id in sorted({evidence.article_id for evidence in entity.mentions}):
            article_graphs[article_id].add((node, RDF.type, ENTITY_CLASSES[entity.kind]))
            article_graphs[article_id].add((node, RDFS.label, Literal(entity.label_vi, lang="vi")))
    for fact in resolved.facts:
        node = mint.resource(fact.slug)
        for article_id in sorted({e.article_id for e in fact.evidence}):
            _add_fact(article_graphs[article_id], mint, node, fact)
        if fact.kind in BINARY_FACTS:
            _add_statement(provenance, mint, node, fact)
        for evidence in sorted(set(fact.evidence), key=_evidence_order):
            provenance.add((node, PROV.wasDerivedFrom, mint.evidence(evidence)))
            evidence_seen.add(evidence)
    for evidence in sorted(evidence_seen, key=_evidence_order):
        _add_evidence(provenance, mint, evidence, texts[evidence.article_id])
    return dataset


def _evidence_order(evidence: Evidence) -> tuple:
    return (evidence.article_id, evidence.start, evidence.end, evidence.rule_id)


def _add_article(graph: Graph, mint: _Minter, article: Article, resolved: ResolvedCorpus) -> None:
    node = mint.article(article.id)
    context = resolved.contexts[article.id]
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    graph.add((node, VNPO.sourceFile, Literal(article.source_file)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title, lang="vi")))
        graph.add((node, RDFS.label, Literal(article.title, lang="vi")))
    if article.date:
        graph.add((node, DCTERMS.date, Literal(article.date)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if context.publisher:
        graph.add((node, DCTERMS.publisher, mint.entity(context.publisher)))
    if context.author:
        graph.add((node, SCHEMA.author, mint.entity(context.author)))
    if context.province:
        graph.add((node, SCHEMA.about, mint.entity(f"provincial-post:{context.province}")))
    graph.add((node, SCHEMA.articleBody, Literal(article.text, lang="vi")))


def _add_rule(graph: Graph, mint: _Minter, rule_id: str, description: str) -> None:
    node = mint.rule(rule_id)
    graph.add((node, RDF.type, VNPO.ExtractionRule))
    graph.add((node, RDFS.label, Literal(rule_id)))
    graph.add((node, RDFS.comment, Literal(description, lang="en")))


def _add_entity(graph: Graph, mint: _Minter, key: str, entity: Entity) -> None:
    node = mint.entity(key)
    graph.add((node, RDF.type, ENTITY_CLASSES[entity.kind]))
    graph.add((node, RDFS.label, Literal(entity.label_vi, lang="vi")))
    if entity.label_en:
        graph.add((node, RDFS.label, Literal(entity.label_en, lang="en")))
    for alt in sorted(entity.alt_labels):
        graph.add((node, SKOS.altLabel, Literal(alt, lang="vi")))
    for relation, other in sorted(entity.links):
        graph.add((node, ENTITY_LINKS[relation], mint.entity(other)))
    for attribute, value in sorted(entity.attributes):
        predicate, datatype = ENTITY_ATTRIBUTES[attribute]
        graph.add((node, predicate, Literal(value, datatype=datatype)))


def _add_fact(graph: Graph, mint: _Minter, node: URIRef, fact: Fact) -> None:
    """The fact's own triples, in the graph of an article that states it."""
    if fact.kind in BINARY_FACTS:
        subject, predicate, obj = BINARY_FACTS[fact.kind]
        graph.add((mint.entity(str(fact.args[subject])), predicate, mint.entity(str(fact.args[obj]))))
        return
    cls, arguments = NARY_FACTS[fact.kind]
    graph.add((node, RDF.type, cls))
    for name, predicate in arguments.items():
        values = fact.args.get(name)
        for value in sorted(values) if isinstance(values, set) else [values]:
            if isinstance(value, str):
                graph.add((node, predicate, mint.entity(value)))
    for predicate, literal in _literals(fact):
        graph.add((node, predicate, literal))


def _literals(fact: Fact) -> list[tuple[URIRef, Literal]]:
    """The literal-valued properties of an n-ary fact (years, values, periods, dates, names)."""
    args = fact.args
    found: list[tuple[URIRef, Literal]] = []
    if fact.kind == "award-conferral" and "year" in args:
        found.append((VNPO.awardYear, Literal(str(args["year"]), datatype=XSD.gYear)))
    elif fact.kind == "observation":
        found.append((VNPO.value, decimal_literal(Decimal(str(args["value"])))))
        if "period" in args:
            found.extend(_period_literals(str(args["period"])))
    elif fact.kind == "event":
        found.append((RDFS.label, Literal(str(args["name"]), lang="vi")))
        if kind := event_kind(str(args["name"])):
            found.append((RDF.type, EVENT_CLASSES[kind]))
        if "date" in args:
            found.append((VNPO.eventDate, Literal(str(args["date"]), datatype=XSD.date)))
    elif fact.kind == "partnership" and "year" in args:
        found.append((VNPO.partnershipYear, Literal(str(args["year"]), datatype=XSD.gYear)))
    elif fact.kind == "history" and "date" in args:
        found.append((VNPO.changeDate, Literal(str(args["date"]), datatype=XSD.date)))
    return found


def _period_literals(period: str) -> list[tuple[URIRef, Literal]]:
    """"2020", "2015-Q1", "2022-05", "2018-11-30" also give the year (and quarter or day)."""
    found = [(VNPO.periodLabel, Literal(period))]
    year, _, rest = period.partition("-")
    if year.isdigit() and len(year) == 4 and (not rest or rest[:1] in "Q0123456789"):
        found.append((VNPO.periodYear, Literal(year, datatype=XSD.gYear)))
        if rest.startswith("Q"):
            found.append((VNPO.periodQuarter, Literal(int(rest[1:]))))
        elif rest.count("-") == 1:
            found.append((VNPO.periodDate, Literal(period, datatype=XSD.date)))
    return found


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical lexical form ("220000000000.0", "99.7").

    Turtle writes a decimal without a "." as an integer-looking token and rdflib reads it back with
    ".0" added; writing the canonical form ourselves keeps every dump format the same graph.
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _add_statement(graph: Graph, mint: _Minter, node: URIRef, fact: Fact) -> None:
    """The reification of a binary fact, so that its evidence has something to hang off."""
    subject, predicate, obj = BINARY_FACTS[fact.kind]
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, mint.entity(str(fact.args[subject]))))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, mint.entity(str(fact.args[obj]))))


def _add_evidence(graph: Graph, mint: _Minter, evidence: Evidence, article: Article) -> None:
    node = mint.evidence(evidence)
    sentence = article.sentences[evidence.sentence_index]
    graph.add((node, RDF.type, VNPO.Evidence))
    graph.add((node, VNPO.fromArticle, mint.article(evidence.article_id)))
    graph.add((node, VNPO.sentenceIndex, Literal(evidence.sentence_index)))
    graph.add((node, VNPO.startOffset, Literal(evidence.start)))
    graph.add((node, VNPO.endOffset, Literal(evidence.end)))
    graph.add((node, VNPO.matchedText, Literal(article.text[evidence.start : evidence.end])))
    graph.add((node, VNPO.quote, Literal(sentence.text)))
    graph.add((node, VNPO.byRule, mint.rule(evidence.rule_id)))
    graph.add((node, VNPO.confidence, decimal_literal(evidence.confidence)))


def add_inferred(dataset: Dataset, inferred: Graph, base: str = DEFAULT_BASE) -> None:
    """Put inferred triples into their own named graph, <base>graph/inferred, in sorted order."""
    base = normalize_base(base)
    graph = dataset.graph(URIRef(f"{base}graph/inferred"))
    for triple in sorted(inferred):
        graph.add(triple)
