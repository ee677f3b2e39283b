"""Node positions computed before the page opens, so that it settles at once.

In the browser, vis-network's physics needs ~18 s to settle 500 nodes from random positions. A
spring layout computed here (seeded: the same graph always gets the same picture) starts small
graphs close to rest, where a short, capped physics run only tidies up, and lets large graphs
be drawn with physics off.
"""

from __future__ import annotations

import math

import networkx as nx

PHYSICS_LIMIT = 400  # above this many nodes the page is drawn with physics off
STABILIZATION_ITERATIONS = 150
_SEED = 20240101


def positions(network: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Pixel coordinates for every node, deterministic for a given graph."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(network.nodes))
    simple.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in network.edges() if a != b))
    count = simple.number_of_nodes()
    if count == 0:
        return {}
    if count == 1:
        return {next(iter(simple.nodes)): (0.0, 0.0)}
    # k: the ideal distance between nodes, a little larger than networkx' default so labels breathe
    layout = nx.spring_layout(simple, k=1.6 / math.sqrt(count), iterations=60, seed=_SEED)
    scale = 90.0 * math.sqrt(count)
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in layout.items()}


def physics_options(node_count: int) -> dict:
    """vis-network physics: a short, capped stabilization for small graphs, none for large ones."""
    if node_count > PHYSICS_LIMIT:
        return {"enabled": False}
    return {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "springConstant": 0.03,
                      "avoidOverlap": 0.2, "damping": 0.4},
        "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 25,
                          "fit": True},
        "minVelocity": 1.0,
    }
