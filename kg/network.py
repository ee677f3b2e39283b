"""The knowledge graph as a network of things: what the HTML graph draws and `stats` measures.

Nodes are the resources a reader cares about: units, organizations, people, award conferrals,
partnerships, figures, documents, events, services, award types, places and (optionally) articles.
Everything else becomes an attribute of the node or edge it describes: literals ("facts"),
evidence records (the article sentence that supports a node or an edge), rules, and the concepts
that only qualify a fact (roles, indicators, units of measure, qualifiers, document kinds).
A membership (person, role, organization) is drawn as one edge labelled with the role.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS

from kg.assemble import SCHEMA, VNPO


@dataclass(frozen=True)
class NodeStyle:
    """How one class is drawn, and which kind (filter group) it belongs to."""

    cls: URIRef
    kind: str
    colour: str
    shape: str
    size: int


# Most specific first: a node takes the style of the first class it has.
NODE_STYLES = (
    NodeStyle(VNPO.Corporation, "unit", "#b71c1c", "star", 34),
    NodeStyle(VNPO.ProvincialPost, "unit", "#e53935", "dot", 22),
    NodeStyle(VNPO.DistrictPost, "unit", "#fb8c00", "dot", 16),
    NodeStyle(VNPO.CommunePostPoint, "unit", "#fbc02d", "dot", 12),
    NodeStyle(VNPO.PostOffice, "unit", "#ffb74d", "dot", 12),
    NodeStyle(VNPO.PostalUnit, "unit", "#ef9a9a", "dot", 14),
    NodeStyle(VNPO.GovernmentBody, "organization", "#1565c0", "square", 16),
    NodeStyle(VNPO.TradeUnion, "organization", "#5e35b1", "square", 14),
    NodeStyle(VNPO.MassOrganization, "organization", "#8e24aa", "square", 14),
    NodeStyle(VNPO.Company, "organization", "#00838f", "square", 14),
    NodeStyle(VNPO.Publisher, "organization", "#78909c", "square", 10),
    NodeStyle(VNPO.RecipientGroup, "organization", "#90a4ae", "square", 10),
    NodeStyle(ORG.FormalOrganization, "organization", "#42a5f5", "square", 14),
    NodeStyle(FOAF.Person, "person", "#2e7d32", "triangle", 14),
    NodeStyle(VNPO.AwardConferral, "award", "#f9a825", "diamond", 11),
    NodeStyle(VNPO.AwardType, "award", "#ff6f00", "star", 18),
    NodeStyle(VNPO.Partnership, "partnership", "#00897b", "hexagon", 11),
    NodeStyle(VNPO.Observation, "figure", "#6d4c41", "triangleDown", 10),
    NodeStyle(VNPO.LegalDocument, "document", "#546e7a", "square", 12),
    NodeStyle(VNPO.Conference, "event", "#ad1457", "diamond", 13),
    NodeStyle(VNPO.Ceremony, "event", "#d81b60", "diamond", 13),
    NodeStyle(VNPO.Event, "event", "#ec407a", "diamond", 13),
    NodeStyle(ORG.ChangeEvent, "event", "#f06292", "diamond", 12),
    NodeStyle(VNPO.Service, "service", "#7cb342", "hexagon", 14),
    NodeStyle(VNPO.Province, "place", "#9e9d24", "dot", 12),
    NodeStyle(VNPO.District, "place", "#c0ca33", "dot", 9),
    NodeStyle(VNPO.Commune, "place", "#d4e157", "dot", 7),
    NodeStyle(SCHEMA.NewsArticle, "article", "#37474f", "square", 10),
)
KINDS = ("unit", "organization", "person", "award", "partnership", "figure", "document", "event", "service",
         "place", "article")
DEFAULT_KINDS = tuple(kind for kind in KINDS if kind != "article")

# Predicates that never become edges: typing, bookkeeping, or handled specially.
_NOT_EDGES = {RDF.type, PROV.wasDerivedFrom, VNPO.mentions, RDF.subject, RDF.predicate, RDF.object,
              SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept, SKOS.broader, SKOS.narrower, SKOS.related}
# Concepts drawn as nodes only when some fact uses them.
_CONCEPT_CLASSES = {VNPO.AwardType, VNPO.Service}
# Literal properties left out of a node's facts: too long, or already its label.
_NOT_FACTS = {RDFS.label, DCTERMS.title, SCHEMA.articleBody, RDFS.comment}
# Labels of the reused vocabularies' terms (the ontology labels only its own).
_EXTERNAL_LABELS = {
    ORG.subOrganizationOf: ("trực thuộc", "part of"),
    ORG.linkedTo: ("liên kết với", "linked to"),
    ORG.resultingOrganization: ("tổ chức hình thành", "resulting organization"),
    SCHEMA.containedInPlace: ("thuộc", "contained in"),
    SCHEMA.about: ("viết về", "about"),
    SCHEMA.author: ("tác giả", "author"),
    DCTERMS.publisher: ("cơ quan báo", "publisher"),
    DCTERMS.date: ("ngày", "date"),
    DCTERMS.identifier: ("mã", "identifier"),
    SKOS.altLabel: ("tên khác", "also called"),
    SKOS.broader: ("thuộc loại", "broader"),
    PROV.wasDerivedFrom: ("nguồn", "source"),
    FOAF.Person: ("người", "person"),
    ORG.FormalOrganization: ("tổ chức", "organization"),
    ORG.ChangeEvent: ("thay đổi tổ chức", "organizational change"),
    ORG.Membership: ("chức vụ", "post held"),
    SCHEMA.NewsArticle: ("bài báo", "news article"),
}
# Kinds that take no province from their neighbours: the corporation would take every province.
_NOT_PROPAGATED = {"unit", "place", "service"}
SOURCE_EDGE = str(PROV.wasDerivedFrom)
MEMBERSHIP_EDGE = str(ORG.Membership)


def load_network(dist_dir: Path, lang: str = "vi", dataset=None) -> nx.MultiDiGraph:
    """The network of a built output folder (its N-Quads dump without inferences, and its ontology).

    `dataset`: the same build already loaded by kg.query.load_dataset, to spare parsing it twice
    (its ontology graph is left out of the network)."""
    from rdflib import Dataset

    from kg.outputs import INFERRED_GRAPH_SUFFIX, ONTOLOGY_GRAPH, built_files, load_ontology

    if dataset is None:
        dump, _ = built_files(dist_dir)
        dataset = Dataset()
        dataset.parse(dump, format="nquads")
    data = Graph()
    for subject, predicate, obj, graph in dataset.quads((None, None, None, None)):
        name = str(graph)
        if name != ONTOLOGY_GRAPH and not name.endswith(INFERRED_GRAPH_SUFFIX):
            data.add((subject, predicate, obj))
    return to_network(data, load_ontology(), lang)


def to_network(data: Graph, ontology: Graph, lang: str = "vi") -> nx.MultiDiGraph:
    """Turn the asserted triples into a directed multigraph of resources.

    Node attributes: iri, kind, cls (class IRI), class_label, label, colour, shape, size, facts
    [(property, value)], evidence [record], fact (True for n-ary facts, which carry their own
    evidence), provinces (province IRIs the node belongs to). Edge attributes: predicate, label,
    evidence. Graph attributes: provinces {IRI: label}, lang.
    """
    builder = _NetworkBuilder(data, ontology, lang)
    return builder.build()


class _NetworkBuilder:
    def __init__(self, data: Graph, ontology: Graph, lang: str) -> None:
        self.data, self.ontology, self.lang = data, ontology, lang
        self.network = nx.MultiDiGraph(lang=lang)
        self.styles: dict[URIRef, NodeStyle] = {}
        self.evidence_cache: dict[URIRef, dict] = {}

    def build(self) -> nx.MultiDiGraph:
        self._add_nodes()
        self._add_edges()
        self._add_memberships()
        self._add_statement_evidence()
        self._add_sources()
        self._drop_unused_concepts()
        self._tag_provinces()
        return self.network

    # --- nodes -----------------------------------------------------------------------------
    def _add_nodes(self) -> None:
        by_class = {style.cls: style for style in NODE_STYLES}
        rank = {style.cls: index for index, style in enumerate(NODE_STYLES)}
        classes = defaultdict(list)
        for subject, cls in self.data.subject_objects(RDF.type):
            if isinstance(subject, URIRef) and cls in by_class:
                classes[subject].append(cls)
        # Concepts the data uses (award types, services) are typed in the taxonomies, not in the data.
        used = set(self.data.objects())
        for subject, cls in self.ontology.subject_objects(RDF.type):
            if cls in by_class and subject in used and cls not in classes[subject]:
                classes[subject].append(cls)
        for subject in sorted(classes):
            style = by_class[min(classes[subject], key=rank.__getitem__)]
            self.styles[subject] = style
            evidence = [self._evidence(e) for e in sorted(self.data.objects(subject, PROV.wasDerivedFrom))]
            mentions = [self._evidence(e) for e in sorted(self.data.subjects(VNPO.mentions, subject))]
            self.network.add_node(
                str(subject),
                iri=str(subject),
                kind=style.kind,
                cls=str(style.cls),
                class_label=self.label(style.cls, self.ontology),
                label=self.node_label(subject, style),
                colour=style.colour,
                shape=style.shape,
                size=style.size,
                facts=self._facts(subject),
                evidence=_ordered(evidence) + _ordered(mentions),
                fact=bool(evidence),
                provinces=(),
            )

    def node_label(self, node: URIRef, style: NodeStyle) -> str:
        """A short name: the resource's label, or one composed from an n-ary fact's parts."""
        own = self._literal_label(node, self.data) or self._literal_label(node, self.ontology)
        if own:
            return own
        if style.cls == VNPO.AwardConferral:
            return _join(self._object_label(node, VNPO.awardType), self._value(node, VNPO.awardYear))
        if style.cls == VNPO.Observation:
            indicator = self._object_label(node, VNPO.indicator) or self._object_label(node, VNPO.observedService)
            amount = _compact_number(self._value(node, VNPO.value))
            measure = self._object_label(node, VNPO.unitOfMeasure)
            return _join(indicator, self._value(node, VNPO.periodLabel)) + (f": {amount} {measure}".rstrip()
                                                                            if amount else "")
        if style.cls == VNPO.Partnership:
            return _join(self.label(VNPO.Partnership, self.ontology), self._object_label(node, VNPO.partnershipService))
        if style.cls == ORG.ChangeEvent:
            return _join(self._object_label(node, VNPO.changeKind), self._value(node, VNPO.changeDate))
        if style.cls in {VNPO.Event, VNPO.Conference, VNPO.Ceremony}:
            return _join(self.label(style.cls, self.ontology), self._value(node, VNPO.eventDate))
        return _local_name(node)

    def _facts(self, node: URIRef) -> list[tuple[str, str]]:
        facts = []
        for predicate, value in self.data.predicate_objects(node):
            if predicate in _NOT_FACTS or predicate in _NOT_EDGES:
                continue
            if isinstance(value, Literal):
                if predicate == SKOS.altLabel and value.language not in {None, "vi", self.lang}:
                    continue
                facts.append((self.predicate_label(predicate), _literal_text(value)))
            elif isinstance(value, URIRef) and self._is_qualifier(value):
                facts.append((self.predicate_label(predicate), self.label(value, self.data)))
        return sorted(set(facts))

    def _is_qualifier(self, value: URIRef) -> bool:
        """A concept that is not drawn as a node (role, indicator, unit of measure...); concepts are
        typed in the taxonomies rather than in the data."""
        graphs = (self.data, self.ontology)
        if not any((value, RDF.type, SKOS.Concept) in graph for graph in graphs):
            return False
        return not any((value, RDF.type, style.cls) in graph for graph in graphs for style in NODE_STYLES)

    # --- edges -----------------------------------------------------------------------------
    def _add_edges(self) -> None:
        nodes = self.network
        for subject, predicate, obj in sorted(self.data.triples((None, None, None))):
            if predicate in _NOT_EDGES or not isinstance(obj, URIRef):
                continue
            if str(subject) in nodes and str(obj) in nodes and subject != obj:
                nodes.add_edge(str(subject), str(obj), key=str(predicate), predicate=str(predicate),
                               label=self.predicate_label(predicate), evidence=[])

    def _add_memberships(self) -> None:
        """person -[role]-> organization, with the membership's evidence on the edge."""
        for membership in sorted(self.data.subjects(RDF.type, ORG.Membership)):
            member = self.data.value(membership, ORG.member)
            organization = self.data.value(membership, ORG.organization)
            if str(member) not in self.network or str(organization) not in self.network:
                continue
            role = self.data.value(membership, ORG.role)
            evidence = [self._evidence(e) for e in sorted(self.data.objects(membership, PROV.wasDerivedFrom))]
            key = f"{MEMBERSHIP_EDGE}#{role}"
            self.network.add_edge(str(member), str(organization), key=key, predicate=MEMBERSHIP_EDGE,
                                  label=self.label(role, self.data) if role else self.label(ORG.Membership,
                                                                                             self.ontology),
                                  evidence=_ordered(evidence), iri=str(membership))

    def _add_statement_evidence(self) -> None:
        """Binary facts (offers service, cites document) keep their evidence on a reified statement."""
        for statement in sorted(self.data.subjects(RDF.type, RDF.Statement)):
            subject = self.data.value(statement, RDF.subject)
            predicate = self.data.value(statement, RDF.predicate)
            obj = self.data.value(statement, RDF.object)
            if self.network.has_edge(str(subject), str(obj), key=str(predicate)):
                records = [self._evidence(e) for e in sorted(self.data.objects(statement, PROV.wasDerivedFrom))]
                edge = self.network.edges[str(subject), str(obj), str(predicate)]
                edge["evidence"] = _ordered(edge["evidence"] + records)

    def _add_sources(self) -> None:
        """fact -[source]-> article, when articles are drawn: where each fact was read."""
        for node, attributes in list(self.network.nodes(data=True)):
            if not attributes["fact"]:
                continue
            for article in sorted({record["article"] for record in attributes["evidence"]}):
                if article in self.network and not self.network.has_edge(node, article, key=SOURCE_EDGE):
                    self.network.add_edge(node, article, key=SOURCE_EDGE, predicate=SOURCE_EDGE,
                                          label=self.predicate_label(PROV.wasDerivedFrom), evidence=[])

    def _drop_unused_concepts(self) -> None:
        unused = [node for node, attributes in self.network.nodes(data=True)
                  if URIRef(attributes["cls"]) in _CONCEPT_CLASSES and self.network.degree(node) == 0]
        self.network.remove_nodes_from(unused)

    # --- provinces -------------------------------------------------------------------------
    def _tag_provinces(self) -> None:
        """Each node's provinces: a place's own, a located thing's place's, then one hop further
        for things that have none of their own (a person through the unit they lead, a conferral
        through its recipient)."""
        provinces: dict[str, str] = {}
        for province in self.data.subjects(RDF.type, VNPO.Province):
            provinces[str(province)] = self.label(province, self.data)
        self.network.graph["provinces"] = dict(sorted(provinces.items(), key=lambda item: item[1]))

        def province_of_place(place: URIRef) -> set[str]:
            if str(place) in provinces:
                return {str(place)}
            return {str(p) for p in self.data.objects(place, SCHEMA.containedInPlace) if str(p) in provinces}

        own: dict[str, set[str]] = {}
        for node in self.network.nodes:
            iri = URIRef(node)
            found = province_of_place(iri)
            for place in self.data.objects(iri, VNPO.locatedIn):
                found |= province_of_place(place)
            if found:
                own[node] = found
        undirected = self.network.to_undirected(as_view=True)
        for node, attributes in self.network.nodes(data=True):
            found = set(own.get(node, ()))
            if not found and attributes["kind"] not in _NOT_PROPAGATED and attributes["cls"] != str(VNPO.AwardType):
                for neighbour in undirected.neighbors(node):
                    if self.network.nodes[neighbour]["kind"] != "place":
                        found |= own.get(neighbour, set())
            attributes["provinces"] = tuple(sorted(found))

    # --- labels and values -----------------------------------------------------------------
    def label(self, node: URIRef, graph: Graph) -> str:
        if node in _EXTERNAL_LABELS:
            return self.predicate_label(node)
        return self._literal_label(node, graph) or self._literal_label(node, self.ontology) or _local_name(node)

    def predicate_label(self, predicate: URIRef) -> str:
        if predicate in _EXTERNAL_LABELS:
            vietnamese, english = _EXTERNAL_LABELS[predicate]
            return vietnamese if self.lang == "vi" else english
        return self._literal_label(predicate, self.ontology) or _split_camel(_local_name(predicate))

    def _literal_label(self, node: URIRef, graph: Graph) -> str:
        for predicate in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
            labels = [value for value in graph.objects(node, predicate) if isinstance(value, Literal)]
            for wanted in (self.lang, "vi", None):
                matching = sorted(str(value) for value in labels if value.language == wanted)
                if matching:
                    return matching[0]
            if labels:
                return sorted(str(value) for value in labels)[0]
        return ""

    def _object_label(self, node: URIRef, predicate: URIRef) -> str:
        value = self.data.value(node, predicate)
        return self.label(value, self.data) if isinstance(value, URIRef) else ""

    def _value(self, node: URIRef, predicate: URIRef) -> str:
        value = self.data.value(node, predicate)
        return _literal_text(value) if isinstance(value, Literal) else ""

    def _evidence(self, evidence: URIRef) -> dict:
        """One evidence record as plain values: article, title, date, sentence, quote, span, rule."""
        if evidence not in self.evidence_cache:
            data = self.data
            article = data.value(evidence, VNPO.fromArticle)
            rule = data.value(evidence, VNPO.byRule)
            self.evidence_cache[evidence] = {
                "iri": str(evidence),
                "article": str(article) if article else "",
                "title": self.label(article, data) if article else "",
                "date": _literal_text(data.value(article, DCTERMS.date)) if article else "",
                "sentence": int(data.value(evidence, VNPO.sentenceIndex) or 0),
                "quote": str(data.value(evidence, VNPO.quote) or ""),
                "matched": str(data.value(evidence, VNPO.matchedText) or ""),
                "start": int(data.value(evidence, VNPO.startOffset) or 0),
                "end": int(data.value(evidence, VNPO.endOffset) or 0),
                "rule": self.label(rule, data) if rule else "",
            }
        return self.evidence_cache[evidence]


def _ordered(records: list[dict]) -> list[dict]:
    """Evidence in reading order: article, then position; each record once."""
    unique = {record["iri"]: record for record in records}
    return sorted(unique.values(), key=lambda r: (r["article"], r["start"], r["end"], r["iri"]))


def _literal_text(value: Literal | None) -> str:
    if value is None:
        return ""
    if value.datatype is not None and str(value.datatype).endswith(("#decimal", "#double", "#float")):
        return _compact_number(str(value))
    return str(value)


def _compact_number(text: str) -> str:
    """1.32E11 or 132000000000.0 -> '132 tỷ'; 136000000.0 -> '136 triệu'; 7.5 -> '7,5' (Vietnamese style)."""
    if not text:
        return ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    for size, word in ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu")):
        if abs(number) >= size:
            return f"{_plain(number / size)} {word}"
    return _plain(number)


def _plain(number: Decimal) -> str:
    text = format(number.quantize(Decimal("0.01")).normalize(), "f")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
    return grouped + ("," + fraction if fraction else "")


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _local_name(node: URIRef) -> str:
    return re.split(r"[/#]", str(node).rstrip("/#"))[-1]


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
