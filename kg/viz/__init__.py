"""The interactive HTML graph: one self-contained page that opens offline in any browser.

kg.network turns the RDF into a network of resources; kg.viz.select picks the part to draw;
kg.viz.layout places the nodes; kg.viz.page renders the page (pyvis + our template and script).
This package is the only one that imports pyvis.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import UserInputError
from kg.viz.layout import PHYSICS_LIMIT
from kg.viz.page import UI_TEXT, write_page
from kg.viz.select import Selection, select

__all__ = ["Drawn", "Selection", "draw", "draw_graph"]
GRAPH_PAGE = "graph.html"


@dataclass(frozen=True)
class Drawn:
    """What was drawn: counts, and how the page lays the nodes out."""

    path: Path
    nodes: int
    edges: int
    layout: str


def draw(dist_dir: Path, out: Path, selection: Selection | None = None, lang: str = "vi") -> Drawn:
    """Draw (part of) a built graph into an HTML page."""
    from kg.network import load_network
    from kg.query import load_dataset

    selection = selection or Selection()
    dataset = load_dataset(dist_dir) if selection.query is not None else None
    network = load_network(dist_dir, lang, dataset)
    return _draw(network, Path(out), selection, lang, dataset)


def draw_graph(data: Graph, ontology: Graph, out: Path, selection: Selection | None = None,
               lang: str = "vi") -> Drawn:
    """Draw asserted triples already in memory (what `build` does for dist/graph.html)."""
    from kg.network import to_network

    return _draw(to_network(data, ontology, lang), Path(out), selection or Selection(), lang, None)


def _draw(network: nx.MultiDiGraph, out: Path, selection: Selection, lang: str, dataset) -> Drawn:
    if out.parent and not out.parent.is_dir():
        raise UserInputError(f"cannot write {out}: folder {out.parent} does not exist")
    if out.is_dir():
        raise UserInputError(f"cannot write {out}: it is a folder; give a file name such as {out / GRAPH_PAGE}")
    chosen = select(network, selection, dataset)
    heading = UI_TEXT[lang]["title"]
    if selection.province:
        heading += f" — {selection.province}"
    try:
        write_page(chosen, out, lang, heading)
    except OSError as problem:
        raise UserInputError(f"cannot write {out}: {problem.strerror}") from None
    count = chosen.number_of_nodes()
    layout = "precomputed layout, physics off" if count > PHYSICS_LIMIT else "precomputed layout, short physics"
    return Drawn(out, count, chosen.number_of_edges(), layout)
