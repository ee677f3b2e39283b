"""Assemble stage: the only place that creates RDF terms.

Resolved entities and facts become quads (kg.quads: N-Triples term strings, grouped by graph):
  <base>graph/article/<id>   what each article states: its facts (award conferrals, memberships)
                             and the type and label of every entity it names
  <base>graph/entities       the canonical description of every entity (types, labels, structure)
  <base>graph/provenance     articles, evidence spans, rules, and the links from facts and
                             entity mentions to their evidence (PROV-O)
Everything gets an IRI (no blank nodes), and the same input always gives the same quads.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Article, Entity, Evidence, Fact, ResolvedCorpus
from kg.quads import QuadSet, Triple, integer, iri, literal
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


@functools.cache
def term(node: URIRef) -> str:
    """The N-Triples text of a vocabulary IRI (VNPO.value -> "<…ontology#value>")."""
    return iri(str(node))


class _Minter:
    """IRIs for everything in a build, under one configurable base, each string made once."""

    def __init__(self, base: str, resolved: ResolvedCorpus) -> None:
        self.base = normalize_base(base)
        self.entities = resolved.entities
        self._entity_terms: dict[str, str] = {}
        self.slug = functools.cache(slugify)  # article and rule ids recur in every evidence IRI

    def resource(self, path: str) -> str:
        return iri(f"{self.base}id/{path}")

    def graph(self, name: str) -> str:
        return iri(f"{self.base}graph/{name}")

    def article(self, article_id: str) -> str:
        return self.resource("article/" + self.slug(article_id))

    def article_graph(self, article_id: str) -> str:
        return self.graph("article/" + self.slug(article_id))

    def entity(self, key: str) -> str:
        found = self._entity_terms.get(key)
        if found is None:
            kind, _, ident = key.partition(":")
            found = iri(concept_iri(kind, ident)) if kind in CONCEPT_KINDS else self.resource(self.entities[key].slug)
            self._entity_terms[key] = found
        return found

    def evidence(self, evidence: Evidence) -> str:
        rule = self.slug(evidence.rule_id)
        return self.resource(
            f"evidence/{self.slug(evidence.article_id)}/{evidence.start}-{evidence.end}-{rule}"
        )

    def rule(self, rule_id: str) -> str:
        return self.resource("rule/" + self.slug(rule_id))


def assemble(resolved: ResolvedCorpus, base: str = DEFAULT_BASE) -> QuadSet:
    """Build the dataset: one named graph per article, plus entities and provenance graphs."""
    mint = _Minter(base, resolved)
    dataset = QuadSet()
    entities = dataset.graph(mint.graph("entities"))
    provenance = dataset.graph(mint.graph("provenance"))
    article_graphs = {a.id: dataset.graph(mint.article_graph(a.id)) for a in resolved.articles}
    texts = {a.id: a for a in resolved.articles}
    evidence_terms: dict[Evidence, str] = {}

    def evidence_term(evidence: Evidence) -> str:
        if evidence not in evidence_terms:
            evidence_terms[evidence] = mint.evidence(evidence)
        return evidence_terms[evidence]

    for article in resolved.articles:
        _add_article(provenance, mint, article, resolved)
    for rule_id, description in sorted(resolved.rules.items()):
        _add_rule(provenance, mint, rule_id, description)
    mentions, derived_from = term(VNPO.mentions), term(PROV.wasDerivedFrom)
    for key, entity in resolved.entities.items():
        _add_entity(entities, mint, key, entity)
        node = mint.entity(key)
        for evidence in entity.mentions:
            provenance.add((evidence_term(evidence), mentions, node))
        described = (
            (node, term(RDF.type), term(ENTITY_CLASSES[entity.kind])),
            (node, term(RDFS.label), literal(entity.label_vi, lang="vi")),
        )
        for article_id in {evidence.article_id for evidence in entity.mentions}:
            article_graphs[article_id].update(described)
    for fact in resolved.facts:
        node = mint.resource(fact.slug)
        for article_id in {e.article_id for e in fact.evidence}:
            _add_fact(article_graphs[article_id], mint, node, fact)
        if fact.kind in BINARY_FACTS:
            _add_statement(provenance, mint, node, fact)
        for evidence in fact.evidence:
            provenance.add((node, derived_from, evidence_term(evidence)))
    for evidence, node in evidence_terms.items():
        _add_evidence(provenance, mint, node, evidence, texts[evidence.article_id])
    return dataset


def _add_article(graph: set[Triple], mint: _Minter, article: Article, resolved: ResolvedCorpus) -> None:
    node = mint.article(article.id)
    context = resolved.contexts[article.id]
    facts = [
        (RDF.type, term(SCHEMA.NewsArticle)),
        (DCTERMS.identifier, literal(article.id)),
        (VNPO.sourceFile, literal(article.source_file)),
    ]
    if article.title:
        facts += [(DCTERMS.title, literal(article.title, lang="vi")), (RDFS.label, literal(article.title, lang="vi"))]
    if article.date:
        facts.append((DCTERMS.date, literal(article.date.isoformat(), datatype=str(XSD.date))))
    if article.url:
        facts.append((SCHEMA.url, literal(article.url, datatype=str(XSD.anyURI))))
    if context.publisher:
        facts.append((DCTERMS.publisher, mint.entity(context.publisher)))
    if context.author:
        facts.append((SCHEMA.author, mint.entity(context.author)))
    if context.province:
        facts.append((SCHEMA.about, mint.entity(f"provincial-post:{context.province}")))
    facts.append((SCHEMA.articleBody, literal(article.text, lang="vi")))
    graph.update((node, term(predicate), value) for predicate, value in facts)


def _add_rule(graph: set[Triple], mint: _Minter, rule_id: str, description: str) -> None:
    node = mint.rule(rule_id)
    graph.add((node, term(RDF.type), term(VNPO.ExtractionRule)))
    graph.add((node, term(RDFS.label), literal(rule_id)))
    graph.add((node, term(RDFS.comment), literal(description, lang="en")))


def _add_entity(graph: set[Triple], mint: _Minter, key: str, entity: Entity) -> None:
    node = mint.entity(key)
    graph.add((node, term(RDF.type), term(ENTITY_CLASSES[entity.kind])))
    graph.add((node, term(RDFS.label), literal(entity.label_vi, lang="vi")))
    if entity.label_en:
        graph.add((node, term(RDFS.label), literal(entity.label_en, lang="en")))
    for alt in entity.alt_labels:
        graph.add((node, term(SKOS.altLabel), literal(alt, lang="vi")))
    for relation, other in entity.links:
        graph.add((node, term(ENTITY_LINKS[relation]), mint.entity(other)))
    for attribute, value in entity.attributes:
        predicate, datatype = ENTITY_ATTRIBUTES[attribute]
        graph.add((node, term(predicate), literal(str(value), datatype=str(datatype) if datatype else None)))


def _add_fact(graph: set[Triple], mint: _Minter, node: str, fact: Fact) -> None:
    """The fact's own triples, in the graph of an article that states it."""
    if fact.kind in BINARY_FACTS:
        subject, predicate, obj = BINARY_FACTS[fact.kind]
        graph.add((mint.entity(str(fact.args[subject])), term(predicate), mint.entity(str(fact.args[obj]))))
        return
    cls, arguments = NARY_FACTS[fact.kind]
    graph.add((node, term(RDF.type), term(cls)))
    for name, predicate in arguments.items():
        values = fact.args.get(name)
        for value in values if isinstance(values, set) else [values]:
            if isinstance(value, str):
                graph.add((node, term(predicate), mint.entity(value)))
    for predicate, value in _literals(fact):
        graph.add((node, term(predicate), value))


def _literals(fact: Fact) -> list[tuple[URIRef, str]]:
    """The literal-valued properties of an n-ary fact (years, values, periods, dates, names)."""
    args = fact.args
    found: list[tuple[URIRef, str]] = []
    if fact.kind == "award-conferral" and "year" in args:
        found.append((VNPO.awardYear, literal(str(args["year"]), datatype=str(XSD.gYear))))
    elif fact.kind == "observation":
        found.append((VNPO.value, decimal_term(Decimal(str(args["value"])))))
        if "period" in args:
            found.extend(_period_literals(str(args["period"])))
    elif fact.kind == "event":
        found.append((RDFS.label, literal(str(args["name"]), lang="vi")))
        if kind := event_kind(str(args["name"])):
            found.append((RDF.type, term(EVENT_CLASSES[kind])))
        if "date" in args:
            found.append((VNPO.eventDate, literal(str(args["date"]), datatype=str(XSD.date))))
    elif fact.kind == "partnership" and "year" in args:
        found.append((VNPO.partnershipYear, literal(str(args["year"]), datatype=str(XSD.gYear))))
    elif fact.kind == "history" and "date" in args:
        found.append((VNPO.changeDate, literal(str(args["date"]), datatype=str(XSD.date))))
    return found


def _period_literals(period: str) -> list[tuple[URIRef, str]]:
    """"2020", "2015-Q1", "2022-05", "2018-11-30" also give the year (and quarter or day)."""
    found = [(VNPO.periodLabel, literal(period))]
    year, _, rest = period.partition("-")
    if year.isdigit() and len(year) == 4 and (not rest or rest[:1] in "Q0123456789"):
        found.append((VNPO.periodYear, literal(year, datatype=str(XSD.gYear))))
        if rest.startswith("Q"):
            found.append((VNPO.periodQuarter, integer(int(rest[1:]))))
        elif rest.count("-") == 1:
            found.append((VNPO.periodDate, literal(period, datatype=str(XSD.date))))
    return found


def canonical_decimal(value: Decimal) -> str:
    """An xsd:decimal's canonical lexical form ("220000000000.0", "99.7").

    Turtle writes a decimal without a "." as an integer-looking token and rdflib reads it back with
    ".0" added; writing the canonical form ourselves keeps every dump format the same graph.
    """
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def decimal_term(value: Decimal) -> str:
    return literal(canonical_decimal(value), datatype=str(XSD.decimal))


def _add_statement(graph: set[Triple], mint: _Minter, node: str, fact: Fact) -> None:
    """The reification of a binary fact, so that its evidence has something to hang off."""
    subject, predicate, obj = BINARY_FACTS[fact.kind]
    graph.add((node, term(RDF.type), term(RDF.Statement)))
    graph.add((node, term(RDF.subject), mint.entity(str(fact.args[subject]))))
    graph.add((node, term(RDF.predicate), term(predicate)))
    graph.add((node, term(RDF.object), mint.entity(str(fact.args[obj]))))


# The evidence record's predicates, as terms: it is written some 300,000 times for 10,000 articles.
_EVIDENCE = {
    name: iri(ONTOLOGY_NAMESPACE + name)
    for name in ("fromArticle", "sentenceIndex", "startOffset", "endOffset", "matchedText", "quote", "byRule",
                 "confidence")
}
_TYPE, _EVIDENCE_CLASS = iri(str(RDF.type)), iri(ONTOLOGY_NAMESPACE + "Evidence")


def _add_evidence(graph: set[Triple], mint: _Minter, node: str, evidence: Evidence, article: Article) -> None:
    sentence = article.sentences[evidence.sentence_index]
    p = _EVIDENCE
    graph.update([
        (node, _TYPE, _EVIDENCE_CLASS),
        (node, p["fromArticle"], mint.article(evidence.article_id)),
        (node, p["sentenceIndex"], integer(evidence.sentence_index)),
        (node, p["startOffset"], integer(evidence.start)),
        (node, p["endOffset"], integer(evidence.end)),
        (node, p["matchedText"], literal(article.text[evidence.start : evidence.end])),
        (node, p["quote"], literal(sentence.text)),
        (node, p["byRule"], mint.rule(evidence.rule_id)),
        (node, p["confidence"], decimal_term(evidence.confidence)),
    ])


def add_inferred(dataset: QuadSet, inferred: set[Triple], base: str = DEFAULT_BASE) -> None:
    """Put inferred triples into their own named graph, <base>graph/inferred."""
    dataset.graph(iri(f"{normalize_base(base)}graph/inferred")).update(inferred)
