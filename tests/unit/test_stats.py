"""Network statistics on small hand-written graphs: each table counts, ranks and filters what it should."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from kg.errors import UserInputError
from kg.network import to_network
from kg.outputs import load_ontology
from kg.stats import EXACT_BETWEENNESS_MAX, compute_stats, format_stats

PREFIXES = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix vnpo: <https://w3id.org/vnpost-kg/ontology#> .
@base <https://w3id.org/vnpost-kg/id/> .
"""
PROVINCES = """
<place/p1> a vnpo:Province ; rdfs:label "Sơn La"@vi .
<place/p2> a vnpo:Province ; rdfs:label "Điện Biên"@vi .
<org/post-1> a vnpo:ProvincialPost ; rdfs:label "Bưu điện tỉnh Sơn La"@vi ; vnpo:locatedIn <place/p1> .
<org/post-2> a vnpo:ProvincialPost ; rdfs:label "Bưu điện tỉnh Điện Biên"@vi ; vnpo:locatedIn <place/p2> .
<org/district-1> a vnpo:DistrictPost ; rdfs:label "Bưu điện huyện Mai Sơn"@vi ; vnpo:locatedIn <place/p1> .
"""
ID = "https://w3id.org/vnpost-kg/id/"
VNPO = "https://w3id.org/vnpost-kg/ontology#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def network_of(turtle: str, ontology: Graph):
    return to_network(Graph().parse(data=PREFIXES + turtle, format="turtle"), ontology)


def stats_of(turtle: str, ontology: Graph, top: int = 10) -> dict:
    return compute_stats(network_of(turtle, ontology), top=top)


# --- counts --------------------------------------------------------------------------------------
def test_nodes_are_counted_by_class_and_edges_by_relation(ontology):
    stats = stats_of(PROVINCES + """
        <org/company> a vnpo:Company ; rdfs:label "Viettel"@vi .
        <partnership/a> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/company> .
        <partnership/b> a vnpo:Partnership ; vnpo:partner <org/post-2>, <org/company> .
    """, ontology)
    by_class = {row["iri"]: (row["kind"], row["count"]) for row in stats["nodes_by_class"]}
    assert by_class[VNPO + "ProvincialPost"] == ("unit", 2)
    assert by_class[VNPO + "Partnership"] == ("partnership", 2)
    assert by_class[VNPO + "Province"] == ("place", 2)
    assert sum(row["count"] for row in stats["nodes_by_class"]) == stats["nodes"] == 8
    by_relation = {row["predicate"]: row["count"] for row in stats["edges_by_relation"]}
    assert by_relation == {VNPO + "partner": 4, VNPO + "locatedIn": 3}
    assert stats["edges"] == 7
    assert [row["count"] for row in stats["edges_by_relation"]] == [4, 3]  # most frequent first


# --- rankings ------------------------------------------------------------------------------------
STAR = PROVINCES + """
    <org/company-a> a vnpo:Company ; rdfs:label "Bình Minh"@vi .
    <org/company-b> a vnpo:Company ; rdfs:label "Ấn Độ"@vi .
    <partnership/1> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/company-a> .
    <partnership/2> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/company-b> .
    <partnership/3> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/post-2> .
"""


def test_degree_counts_distinct_neighbours_and_ranks_ties_by_label(ontology):
    stats = stats_of(STAR, ontology)
    ranking = [(row["iri"].removeprefix(ID), row["degree"]) for row in stats["top_degree"]]
    # post-1: three partnerships and its province; the two provinces: one post each (p1 also the district)
    assert ranking[0] == ("org/post-1", 4)
    degrees = dict(ranking)
    assert degrees["place/p1"] == 2 and degrees["org/company-a"] == 1 and degrees["org/company-b"] == 1
    labels = [row["label"] for row in stats["top_degree"]]
    # equal degree: by label, alphabetical as in Vietnamese ("Ấn" before "Bình"), whatever the IRIs say
    assert labels.index("Ấn Độ") < labels.index("Bình Minh")
    degrees_in_order = [row["degree"] for row in stats["top_degree"]]
    assert degrees_in_order == sorted(degrees_in_order, reverse=True)


def test_parallel_edges_do_not_raise_the_degree(ontology):
    stats = stats_of(PROVINCES + """
        <org/company> a vnpo:Company ; rdfs:label "Viettel"@vi .
        <partnership/a> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/company> ; vnpo:organizer <org/company> .
    """, ontology)
    degrees = {row["iri"].removeprefix(ID): row["degree"] for row in stats["top_degree"]}
    assert degrees["partnership/a"] == 2
    assert stats["edges"] == 6  # both edges to the company are still edges


def test_top_limits_the_rankings(ontology):
    stats = stats_of(STAR, ontology, top=2)
    assert len(stats["top_degree"]) == 2
    assert len(stats["betweenness"]["top"]) == 2
    assert stats_of(STAR, ontology, top=0)["top_degree"] == []


def test_betweenness_puts_the_bridge_first_and_leaves_out_leaves(ontology):
    stats = stats_of(STAR, ontology)
    top = stats["betweenness"]["top"]
    assert top[0]["iri"] == ID + "org/post-1"
    assert stats["betweenness"]["approximate"] is False
    ranked = {row["iri"] for row in top}
    assert ID + "org/company-a" not in ranked  # a leaf lies on no shortest path between others
    assert ID + "org/district-1" not in ranked


def test_large_graphs_get_a_deterministic_sampled_betweenness(ontology):
    chain = "\n".join(
        f'<org/d{i}> a vnpo:DistrictPost ; rdfs:label "D{i:04d}"@vi ; org:subOrganizationOf <org/d{i + 1}> .'
        for i in range(EXACT_BETWEENNESS_MAX + 10)
    )
    network = network_of(chain, ontology)
    assert network.number_of_nodes() > EXACT_BETWEENNESS_MAX
    first, second = compute_stats(network, top=5), compute_stats(network, top=5)
    assert first["betweenness"]["approximate"] is True
    assert first["betweenness"]["sample"] < network.number_of_nodes()
    assert first == second
    assert "approximate" in format_stats(first)
    assert "approximate" not in format_stats(stats_of(STAR, ontology)).lower()


# --- components ----------------------------------------------------------------------------------
def test_components_are_counted_with_their_sizes_and_singletons(ontology):
    stats = stats_of(PROVINCES + """
        <org/company> a vnpo:Company ; rdfs:label "Viettel"@vi .
        <org/lonely> a vnpo:GovernmentBody ; rdfs:label "Chính phủ"@vi .
        <org/x> a vnpo:Company ; rdfs:label "X"@vi .
        <org/y> a vnpo:Company ; rdfs:label "Y"@vi .
        <partnership/a> a vnpo:Partnership ; vnpo:partner <org/x>, <org/y> .
    """, ontology)
    # {p1, post-1, district-1}, {p2, post-2}, {partnership, x, y}, {company}, {lonely}
    assert stats["components"] == {"count": 5, "largest": [3, 3, 2, 1, 1], "singletons": 2}


# --- partners across provinces -------------------------------------------------------------------
def test_a_partner_of_posts_in_two_provinces_is_shared_and_one_in_a_single_province_is_not(ontology):
    stats = stats_of(PROVINCES + """
        <org/bank> a vnpo:Company ; rdfs:label "Ngân hàng Chính sách xã hội"@vi .
        <org/power> a vnpo:Company ; rdfs:label "Công ty Điện lực Sơn La"@vi .
        <partnership/bank-1> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/bank> .
        <partnership/bank-2> a vnpo:Partnership ; vnpo:partner <org/post-2>, <org/bank> .
        <partnership/power-1> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/power> .
        <partnership/power-2> a vnpo:Partnership ; vnpo:partner <org/district-1>, <org/power> .
        <partnership/posts> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/post-2> .
    """, ontology)
    shared = stats["shared_partners"]
    assert [row["iri"] for row in shared] == [ID + "org/bank"]  # not the power company, not a post
    assert shared[0]["provinces"] == ["Điện Biên", "Sơn La"]
    assert shared[0]["partnerships"] == 2
    assert shared[0]["units"] == ["Bưu điện tỉnh Điện Biên", "Bưu điện tỉnh Sơn La"]
    text = format_stats(stats)
    assert "Ngân hàng Chính sách xã hội" in text and "Điện Biên, Sơn La" in text


def test_only_partner_edges_count_towards_a_partners_provinces(ontology):
    stats = stats_of(PROVINCES + """
        <org/bank> a vnpo:Company ; rdfs:label "Ngân hàng"@vi .
        <partnership/a> a vnpo:Partnership ; vnpo:partner <org/post-1>, <org/bank> ; vnpo:organizer <org/post-2> .
    """, ontology)
    assert stats["shared_partners"] == []


# --- units without evidence ----------------------------------------------------------------------
EVIDENCE = """
<evidence/e1> a vnpo:Evidence ; vnpo:quote "…" ; vnpo:startOffset 0 ; vnpo:endOffset 5 .
<evidence/m1> a vnpo:Evidence ; vnpo:quote "…" ; vnpo:startOffset 10 ; vnpo:endOffset 15 .
<evidence/s1> a vnpo:Evidence ; vnpo:quote "…" ; vnpo:startOffset 20 ; vnpo:endOffset 25 .
"""


def test_units_known_only_from_mentions_are_listed(ontology):
    stats = stats_of(PROVINCES + EVIDENCE + """
        <evidence/m1> vnpo:mentions <org/post-1> .
        <award-type/flag> a vnpo:AwardType ; rdfs:label "Cờ thi đua"@vi .
        <conferral/c1> a vnpo:AwardConferral ; vnpo:recipient <org/post-2> ; vnpo:awardType <award-type/flag> ;
            prov:wasDerivedFrom <evidence/e1> .
        <conferral/c2> a vnpo:AwardConferral ; vnpo:recipient <org/district-1> ; vnpo:awardType <award-type/flag> .
        <org/commune-point> a vnpo:CommunePostPoint ; rdfs:label "Điểm BĐVHX Chiềng Mung"@vi .
        <service/ems> a vnpo:Service ; rdfs:label "EMS"@vi .
        <org/commune-point> vnpo:offersService <service/ems> .
        <statement/s1> a rdf:Statement ; rdf:subject <org/commune-point> ; rdf:predicate vnpo:offersService ;
            rdf:object <service/ems> ; prov:wasDerivedFrom <evidence/s1> .
    """, ontology)
    listed = {row["iri"].removeprefix(ID): row for row in stats["units_without_evidence"]}
    # post-1: a mention only; district-1: the recipient of a conferral that cites no evidence
    assert set(listed) == {"org/post-1", "org/district-1"}
    assert listed["org/post-1"]["mentions"] == 1
    assert listed["org/post-1"]["provinces"] == ["Sơn La"]
    # post-2 is the recipient of a conferral with evidence; the commune point offers a service with evidence


def test_a_unit_whose_only_link_lacks_evidence_is_listed_until_the_link_gets_some(ontology):
    offer = """
        <service/ems> a vnpo:Service ; rdfs:label "EMS"@vi .
        <org/post-1> vnpo:offersService <service/ems> .
    """
    reified = """
        <statement/s1> a rdf:Statement ; rdf:subject <org/post-1> ; rdf:predicate vnpo:offersService ;
            rdf:object <service/ems> ; prov:wasDerivedFrom <evidence/s1> .
    """
    bare = {row["iri"] for row in stats_of(PROVINCES + EVIDENCE + offer, ontology)["units_without_evidence"]}
    backed = {row["iri"] for row in stats_of(PROVINCES + EVIDENCE + offer + reified, ontology)[
        "units_without_evidence"]}
    assert ID + "org/post-1" in bare
    assert ID + "org/post-1" not in backed


# --- output --------------------------------------------------------------------------------------
HEADINGS = ("Nodes by class", "Edges by relation", "Top entities by degree", "Top entities by betweenness",
            "Connected components", "Partners shared by several provinces", "Units without any evidence-bearing fact")


def test_text_has_every_table_and_says_none_when_one_is_empty(ontology):
    text = format_stats(stats_of(STAR, ontology))
    assert text.endswith("\n")
    for heading in HEADINGS:
        assert heading in text
    shared = text.split("Partners shared by several provinces\n", 1)[1]
    assert shared.startswith("none\n")


def test_text_tables_are_aligned(ontology):
    text = format_stats(stats_of(STAR, ontology))
    block = text.split("\n\n")[1].splitlines()  # nodes by class: heading, header, rule, rows
    rule = block[2]
    assert set(rule) <= {"-", " "}
    count_end = len(rule)
    assert all(len(line) == count_end for line in block[3:])  # counts right-aligned to the rule's end


def test_json_holds_the_same_data_and_is_deterministic(ontology):
    stats = stats_of(STAR, ontology)
    text = format_stats(stats, "json")
    assert json.loads(text) == stats
    assert text == format_stats(stats_of(STAR, ontology), "json")
    assert text.endswith("\n")


def test_bad_arguments_are_user_errors(ontology):
    network = network_of(STAR, ontology)
    with pytest.raises(UserInputError, match="--top"):
        compute_stats(network, top=-1)
    with pytest.raises(UserInputError, match="format"):
        format_stats(compute_stats(network), "yaml")
