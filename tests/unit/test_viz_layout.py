"""Precomputed positions: deterministic, finite, and drawing linked nodes nearer than unlinked ones."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from kg.viz.layout import PHYSICS_LIMIT, SPRING_LIMIT, physics_options, positions


def random_network(count: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    network = nx.MultiDiGraph()
    network.add_nodes_from(f"n{i}" for i in range(count))
    for i in range(1, count):
        network.add_edge(f"n{i}", f"n{rng.randrange(i)}")
    return network


@pytest.mark.parametrize("count", [2, 30, SPRING_LIMIT + 100])
def test_positions_are_deterministic_finite_and_distinct(count):
    network = random_network(count, seed=count)
    first, second = positions(network), positions(network)
    assert first == second and set(first) == set(network.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert len(set(first.values())) == count


@pytest.mark.parametrize("count", [60, SPRING_LIMIT + 300])
def test_linked_nodes_are_drawn_nearer_than_random_pairs(count):
    network = random_network(count, seed=7)
    at = positions(network)
    distance = lambda a, b: math.dist(at[a], at[b])  # noqa: E731
    linked = sum(distance(a, b) for a, b in network.edges()) / network.number_of_edges()
    rng = random.Random(3)
    nodes = sorted(network.nodes)
    pairs = [rng.sample(nodes, 2) for _ in range(500)]
    unlinked = sum(distance(a, b) for a, b in pairs) / len(pairs)
    assert linked * 2 < unlinked


def test_large_graphs_have_physics_off_and_small_ones_a_capped_stabilization():
    assert physics_options(PHYSICS_LIMIT + 1) == {"enabled": False}
    small = physics_options(50)
    assert small["enabled"] and small["stabilization"]["iterations"] <= 200
