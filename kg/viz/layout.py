"""Node positions computed before the page opens, so that it settles at once.

In the browser, vis-network's physics needs ~18 s to settle 500 nodes from random positions (and
~13 s for 200 iterations on 2,000 nodes). Positions computed here, seeded so that the same graph
always gets the same picture, start small graphs close to rest, where a short, capped physics run
only tidies up, and let large graphs be drawn with physics off.

Small graphs use networkx' spring layout. Its cost grows with the square of the node count
(22 s for 2,000 nodes here), so larger graphs use the grid variant of the same Fruchterman-Reingold
model: nodes repel only within twice the ideal edge length, found with a k-d tree, which makes an
iteration close to linear in the number of nodes (about 1 s for 2,000 nodes).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

PHYSICS_LIMIT = 400  # above this many nodes the page is drawn with physics off
SPRING_LIMIT = 400  # above this many nodes the cut-off layout replaces networkx' spring layout
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
    if count <= SPRING_LIMIT:
        # k: the ideal distance between nodes, a little larger than networkx' default so labels breathe
        layout = nx.spring_layout(simple, k=1.6 / math.sqrt(count), iterations=60, seed=_SEED)
        scale = 90.0 * math.sqrt(count)
    else:
        order = list(simple.nodes)
        index = {node: number for number, node in enumerate(order)}
        edges = np.array([(index[a], index[b]) for a, b in simple.edges], dtype=np.int64).reshape(-1, 2)
        at = cutoff_layout(count, edges)
        layout = dict(zip(order, at - at.mean(axis=0), strict=True))
        scale = 140.0
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in layout.items()}


def cutoff_layout(count: int, edges: np.ndarray, iterations: int = 80, gravity: float = 0.02) -> np.ndarray:
    """Fruchterman-Reingold with repulsion cut off at twice the ideal edge length (1.0).

    Attraction d²/k along edges, repulsion k²/d between nodes closer than 2k, a weak pull to the
    centre that keeps components together, and a temperature that caps each move and cools linearly.
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(_SEED)
    side = math.sqrt(count)
    at = rng.random((count, 2)) * side
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        move = np.zeros((count, 2))
        pairs = cKDTree(at).query_pairs(r=2.0, output_type="ndarray")
        if len(pairs):
            delta = at[pairs[:, 0]] - at[pairs[:, 1]]
            push = delta / np.maximum((delta**2).sum(axis=1), 1e-4)[:, None]
            _accumulate(move, pairs[:, 0], pairs[:, 1], push)
        if len(edges):
            delta = at[edges[:, 0]] - at[edges[:, 1]]
            pull = delta * np.sqrt((delta**2).sum(axis=1))[:, None]
            _accumulate(move, edges[:, 1], edges[:, 0], pull)
        move -= (at - at.mean(axis=0)) * gravity
        length = np.maximum(np.sqrt((move**2).sum(axis=1)), 1e-9)
        at += move * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return at


def _accumulate(move: np.ndarray, towards: np.ndarray, away: np.ndarray, force: np.ndarray) -> None:
    """Add `force` to the nodes `towards` and subtract it from the nodes `away` (vectorized)."""
    count = len(move)
    for axis in range(2):
        move[:, axis] += np.bincount(towards, force[:, axis], count) - np.bincount(away, force[:, axis], count)


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
