"""kg.network: RDF -> the network the HTML graph draws and `stats` measures."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.network import MEMBERSHIP_EDGE, SOURCE_EDGE, to_network
from kg.outputs import load_ontology

DATA = """
@prefix vnpo: <https://w3id.org/vnpost-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix unit: <https://w3id.org/vnpost-kg/id/org/> .
@prefix place: <https://w3id.org/vnpost-kg/id/place/> .
@prefix awardtype: <https://w3id.org/vnpost-kg/id/award-type/> .
@prefix conferral: <https://w3id.org/vnpost-kg/id/conferral/> .
@prefix person: <https://w3id.org/vnpost-kg/id/person/> .
@prefix role: <https://w3id.org/vnpost-kg/id/role/> .
@prefix membership: <https://w3id.org/vnpost-kg/id/membership/> .
@prefix article: <https://w3id.org/vnpost-kg/id/article/> .
@prefix evidence: <https://w3id.org/vnpost-kg/id/evidence/> .
@prefix rule: <https://w3id.org/vnpost-kg/id/rule/> .

unit:vnpost a vnpo:Corporation ; rdfs:label "Tổng công ty Bưu điện Việt Nam"@vi .
unit:post-ht a vnpo:ProvincialPost ; rdfs:label "Bưu điện tỉnh Hà Tĩnh"@vi , "Ha Tinh Provincial Post"@en ;
    org:subOrganizationOf unit:vnpost ; vnpo:locatedIn place:ht .
evidence:m1 vnpo:mentions unit:post-ht .
place:ht a vnpo:Province ; rdfs:label "Hà Tĩnh"@vi ; vnpo:officialCode "42" .
unit:ministry a vnpo:GovernmentBody ; rdfs:label "Bộ Thông tin và Truyền thông"@vi .
awardtype:flag a vnpo:AwardType , skos:Concept ; skos:prefLabel "Cờ thi đua"@vi .
awardtype:unused a vnpo:AwardType , skos:Concept ; skos:prefLabel "Huân chương"@vi .
awardtype:flag skos:broader awardtype:unused .
conferral:c1 a vnpo:AwardConferral ; vnpo:recipient unit:post-ht ; vnpo:awardType awardtype:flag ;
    vnpo:conferredBy unit:ministry ; vnpo:awardYear "2020"^^xsd:gYear ; prov:wasDerivedFrom evidence:e1 .
person:p a foaf:Person ; rdfs:label "Nguyễn Văn A"@vi .
role:director a skos:Concept ; skos:prefLabel "Giám đốc"@vi .
membership:m a org:Membership ; org:member person:p ; org:organization unit:post-ht ;
    org:role role:director ; prov:wasDerivedFrom evidence:e2 .
article:a1 a schema:NewsArticle ; rdfs:label "Bưu điện Hà Tĩnh nhận cờ"@vi ; dcterms:date "2021-01-12"^^xsd:date .
evidence:e1 a vnpo:Evidence ; vnpo:fromArticle article:a1 ; vnpo:quote "Bưu điện tỉnh Hà Tĩnh nhận Cờ thi đua." ;
    vnpo:matchedText "nhận Cờ thi đua" ; vnpo:startOffset 100 ; vnpo:endOffset 115 ; vnpo:sentenceIndex 3 ;
    vnpo:byRule rule:award-receives .
evidence:e2 a vnpo:Evidence ; vnpo:fromArticle article:a1 ; vnpo:quote "Giám đốc Nguyễn Văn A phát biểu." ;
    vnpo:matchedText "Giám đốc Nguyễn Văn A" ; vnpo:startOffset 200 ; vnpo:endOffset 221 ; vnpo:sentenceIndex 5 .
evidence:m1 a vnpo:Evidence ; vnpo:fromArticle article:a1 ; vnpo:quote "Bưu điện tỉnh Hà Tĩnh." ;
    vnpo:matchedText "Bưu điện tỉnh Hà Tĩnh" ; vnpo:startOffset 0 ; vnpo:endOffset 21 ; vnpo:sentenceIndex 0 .
rule:award-receives a vnpo:ExtractionRule ; rdfs:label "award.receives" .
"""
ID = "https://w3id.org/vnpost-kg/id/"


@pytest.fixture(scope="module")
def network():
    return to_network(Graph().parse(data=DATA, format="turtle"), load_ontology())


def test_nodes_are_resources_never_literals_evidence_or_rules(network):
    assert all(node.startswith(ID) for node in network.nodes)
    kinds = {node.split("/id/")[1].split("/")[0] for node in network.nodes}
    assert "evidence" not in kinds and "rule" not in kinds and "membership" not in kinds
    assert not ({"2020", "Hà Tĩnh"} & set(network.nodes))


def test_a_conferral_is_a_small_node_between_recipient_award_and_conferrer_with_its_year(network):
    conferral = ID + "conferral/c1"
    assert network.nodes[conferral]["label"] == "Cờ thi đua · 2020"
    assert network.nodes[conferral]["fact"] is True
    targets = {target for _, target, predicate in network.out_edges(conferral, data="predicate")
               if predicate != SOURCE_EDGE}
    assert targets == {ID + "org/post-ht", ID + "award-type/flag", ID + "org/ministry"}
    assert [value for _, value in network.nodes[conferral]["facts"]] == ["2020"]


def test_the_evidence_travels_with_the_fact(network):
    record = network.nodes[ID + "conferral/c1"]["evidence"][0]
    assert record["quote"] == "Bưu điện tỉnh Hà Tĩnh nhận Cờ thi đua."
    assert record["matched"] == "nhận Cờ thi đua" and record["rule"] == "award.receives"
    assert record["title"] == "Bưu điện Hà Tĩnh nhận cờ" and record["date"] == "2021-01-12"


def test_a_membership_is_one_edge_labelled_with_the_role_and_keeps_its_evidence(network):
    edges = network.get_edge_data(ID + "person/p", ID + "org/post-ht")
    (edge,) = edges.values()
    assert edge["predicate"] == MEMBERSHIP_EDGE and edge["label"] == "Giám đốc"
    assert edge["evidence"][0]["matched"] == "Giám đốc Nguyễn Văn A"
    assert ID + "role/director" not in network


def test_unused_concepts_are_not_drawn(network):
    assert ID + "award-type/flag" in network and ID + "award-type/unused" not in network


def test_provinces_come_from_places_and_reach_facts_and_people_but_not_the_corporation(network):
    province = ID + "place/ht"
    assert network.graph["provinces"] == {province: "Hà Tĩnh"}
    assert network.nodes[ID + "org/post-ht"]["provinces"] == (province,)
    assert network.nodes[ID + "conferral/c1"]["provinces"] == (province,)
    assert network.nodes[ID + "person/p"]["provinces"] == (province,)
    assert network.nodes[ID + "org/vnpost"]["provinces"] == ()
    assert network.nodes[ID + "award-type/flag"]["provinces"] == ()


def test_articles_are_linked_from_the_facts_read_in_them(network):
    assert network.has_edge(ID + "conferral/c1", ID + "article/a1")
    assert network.nodes[ID + "article/a1"]["kind"] == "article"


def test_labels_follow_the_language():
    english = to_network(Graph().parse(data=DATA, format="turtle"), load_ontology(), lang="en")
    assert english.nodes[ID + "org/post-ht"]["label"] == "Ha Tinh Provincial Post"
    assert english.nodes[ID + "org/ministry"]["label"] == "Bộ Thông tin và Truyền thông"  # no English label: vi


def test_concepts_typed_only_in_the_taxonomies_are_drawn_with_their_labels():
    data = Graph().parse(data="""
        @prefix vnpo: <https://w3id.org/vnpost-kg/ontology#> .
        <https://w3id.org/vnpost-kg/id/conferral/x> a vnpo:AwardConferral ;
            vnpo:awardType <https://w3id.org/vnpost-kg/id/award-type/emulation-flag> .
    """, format="turtle")
    network = to_network(data, load_ontology())
    flag = network.nodes[ID + "award-type/emulation-flag"]
    assert flag["kind"] == "award" and flag["label"] == "Cờ thi đua"
    assert network.nodes[ID + "conferral/x"]["label"] == "Cờ thi đua"


def test_a_figure_shows_its_indicator_and_unit_as_facts_not_as_nodes():
    data = Graph().parse(data="""
        @prefix vnpo: <https://w3id.org/vnpost-kg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/vnpost-kg/id/observation/x> a vnpo:Observation ;
            vnpo:indicator <https://w3id.org/vnpost-kg/id/indicator/revenue> ;
            vnpo:unitOfMeasure <https://w3id.org/vnpost-kg/id/unit/vnd> ;
            vnpo:value "249000000000.0"^^xsd:decimal ; vnpo:periodLabel "2020" .
    """, format="turtle")
    network = to_network(data, load_ontology())
    figure = network.nodes[ID + "observation/x"]
    assert figure["label"] == "doanh thu · 2020: 249 tỷ đồng"
    shown = dict(figure["facts"])
    assert "doanh thu" in shown.values() and "đồng" in shown.values()
    assert ID + "indicator/revenue" not in network
