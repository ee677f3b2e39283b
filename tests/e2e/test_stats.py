"""`vnpost-kg stats` on the seed build: every table printed, and JSON whose counts agree with the network."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.network import load_network
from tests.e2e.test_cli import assert_clean_error, run

HEADINGS = ("Nodes by class", "Edges by relation", "Top entities by degree", "Top entities by betweenness",
            "Connected components", "Partners shared by several provinces", "Units without any evidence-bearing fact")


@pytest.fixture(scope="module")
def network(seed_build) -> nx.MultiDiGraph:
    return load_network(seed_build.out_dir)


@pytest.fixture(scope="module")
def stats_json(seed_build) -> dict:
    result = run("stats", "--dist", str(seed_build.out_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_text_prints_every_table(seed_build, network):
    result = run("stats", "--dist", str(seed_build.out_dir))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"Network: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges\n")
    for heading in HEADINGS:
        assert heading in text, heading
    assert "(exact)" in text  # the seed graph is small enough for exact betweenness


def test_json_counts_agree_with_the_network(stats_json, network):
    assert stats_json["nodes"] == network.number_of_nodes()
    assert stats_json["edges"] == network.number_of_edges()
    assert sum(row["count"] for row in stats_json["nodes_by_class"]) == network.number_of_nodes()
    assert sum(row["count"] for row in stats_json["edges_by_relation"]) == network.number_of_edges()
    classes = {row["iri"] for row in stats_json["nodes_by_class"]}
    assert classes == {cls for _, cls in network.nodes(data="cls")}
    components = list(nx.weakly_connected_components(network))
    assert stats_json["components"]["count"] == len(components)
    assert stats_json["components"]["largest"][0] == max(map(len, components))
    assert stats_json["components"]["singletons"] == sum(len(part) == 1 for part in components)


def test_json_rankings_agree_with_the_network(stats_json, network):
    entities = network.subgraph(n for n, kind in network.nodes(data="kind") if kind != "article")
    simple = nx.Graph(entities.to_undirected())
    top = stats_json["top_degree"]
    assert all(row["kind"] != "article" for row in top + stats_json["betweenness"]["top"])
    assert len(top) == 10  # the default --top
    assert top[0]["degree"] == max(degree for _, degree in simple.degree())
    assert all(row["degree"] == simple.degree(row["iri"]) for row in top)
    assert stats_json["betweenness"]["approximate"] is False
    assert stats_json["betweenness"]["top"][0]["iri"] == max(
        nx.betweenness_centrality(simple).items(), key=lambda item: item[1])[0]


def test_json_lists_only_unsupported_units_and_non_unit_partners(stats_json, network):
    listed = {row["iri"] for row in stats_json["units_without_evidence"]}
    units = {node for node, kind in network.nodes(data="kind") if kind == "unit"}
    assert listed and listed < units
    undirected = network.to_undirected(as_view=True)
    for unit in units:
        next_to_a_fact = any(network.nodes[neighbour]["fact"] for neighbour in undirected.neighbors(unit))
        if next_to_a_fact:
            assert unit not in listed, unit
    assert all(network.nodes[row["iri"]]["kind"] != "unit" for row in stats_json["shared_partners"])
    assert all(len(row["provinces"]) >= 2 for row in stats_json["shared_partners"])


def test_top_limits_the_rankings(seed_build):
    result = run("stats", "--dist", str(seed_build.out_dir), "--format", "json", "--top", "3")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert len(stats["top_degree"]) == 3 and len(stats["betweenness"]["top"]) == 3


def test_stats_without_a_build_is_one_clear_error(tmp_path):
    assert_clean_error(run("stats", "--dist", str(tmp_path / "none")), 2, "build the graph first")


def test_negative_top_is_one_clear_error(seed_build):
    assert_clean_error(run("stats", "--dist", str(seed_build.out_dir), "--top", "-1"), 2, "--top")
