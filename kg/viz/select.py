"""Which part of the network to draw: kinds, a province, a resource's neighbourhood, a query's answer.

The same rules serve the command line and the page's own filters: a province shows what belongs
to it and the immediate neighbours of those (its provincial post's flag, the ministry that gave it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Dataset, URIRef

from kg.errors import UserInputError
from kg.network import DEFAULT_KINDS, KINDS, MEMBERSHIP_EDGE
from kg.text import fold_ascii, match_key


@dataclass(frozen=True)
class Selection:
    """What to draw. Empty means the whole graph, without articles."""

    kinds: tuple[str, ...] | None = None
    province: str | None = None
    focus: str | None = None
    depth: int = 1
    query: Path | None = None
    params: dict[str, str] = field(default_factory=dict)
    max_nodes: int = 2500


def select(network: nx.MultiDiGraph, selection: Selection, dataset: Dataset | None = None) -> nx.MultiDiGraph:
    """The subgraph to draw, or a UserInputError that says how to narrow or fix the selection."""
    if selection.depth < 0:
        raise UserInputError(f"--depth {selection.depth}: give 0 or more hops")
    kinds = check_kinds(selection.kinds)
    chosen = network.subgraph(n for n, kind in network.nodes(data="kind") if kind in kinds)
    if selection.province:
        province = find_province(network, selection.province)
        tagged = [n for n, provinces in chosen.nodes(data="provinces") if province in provinces]
        chosen = chosen.subgraph(neighbourhood(chosen, tagged, 1))
    if selection.focus:
        focus = selection.focus.strip("<>")
        if focus not in network:
            raise UserInputError(f"--focus {focus}: no such resource in the graph (give the full IRI of a node)")
        if focus not in chosen:
            raise UserInputError(f"--focus {focus}: its kind ({network.nodes[focus]['kind']}) is filtered out")
        chosen = chosen.subgraph(neighbourhood(chosen, [focus], selection.depth))
    if selection.query is not None:
        if dataset is None:
            raise ValueError("a query selection needs the dataset")
        answer = [n for n in query_answer(network, dataset, selection) if n in chosen]
        chosen = chosen.subgraph(neighbourhood(chosen, answer, selection.depth))
    if chosen.number_of_nodes() > selection.max_nodes:
        raise UserInputError(
            f"{chosen.number_of_nodes()} nodes to draw, more than --max-nodes {selection.max_nodes}: a page that "
            "large is slow to explore. Narrow it with --province, --kinds or --focus, or raise --max-nodes"
        )
    return chosen


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    if not kinds:
        return DEFAULT_KINDS
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise UserInputError(f"unknown kind(s) {', '.join(unknown)}: choose from {', '.join(KINDS)}")
    return tuple(kind for kind in KINDS if kind in set(kinds))


def find_province(network: nx.MultiDiGraph, name: str) -> str:
    """A province's IRI from its name ("Hà Tĩnh", "ha tinh", "Tỉnh Hà Tĩnh") or its IRI."""
    provinces: dict[str, str] = network.graph.get("provinces", {})
    if name in provinces:
        return name
    wanted = _province_key(name)
    for iri, label in provinces.items():
        if _province_key(label) == wanted:
            return iri
    known = ", ".join(sorted(provinces.values())) or "none"
    raise UserInputError(f"--province {name!r}: no such province in the graph (provinces in it: {known})")


def _province_key(name: str) -> str:
    key = fold_ascii(match_key(name))
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def neighbourhood(network: nx.MultiDiGraph, centres: Iterable[str], depth: int) -> set[str]:
    """The centres and everything within `depth` hops of them, edges taken in both directions."""
    undirected = network.to_undirected(as_view=True)
    reached = set(centres)
    frontier = set(reached)
    for _ in range(depth):
        frontier = {m for n in frontier for m in undirected.neighbors(n)} - reached
        reached |= frontier
    return reached


def query_answer(network: nx.MultiDiGraph, dataset: Dataset, selection: Selection) -> list[str]:
    """The nodes a query names: the IRIs a SELECT binds, or the subjects and objects of the triples
    a CONSTRUCT returns. A membership IRI stands for its person and organization."""
    from kg.query import read_query, run_query

    result = run_query(dataset, read_query(selection.query), selection.params)
    if result.type == "SELECT":
        iris = {str(value) for row in result for value in row if isinstance(value, URIRef)}
    elif result.type in {"CONSTRUCT", "DESCRIBE"}:
        iris = {str(term) for triple in result.graph for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
    else:
        raise UserInputError(f"{selection.query}: an ASK query has no answer to draw; use SELECT or CONSTRUCT")
    found = {iri for iri in iris if iri in network}
    for source, target, data in network.edges(data=True):
        if data["predicate"] == MEMBERSHIP_EDGE and data.get("iri") in iris:
            found |= {source, target}
    if not found:
        raise UserInputError(f"{selection.query}: the answer names no resource of the graph; nothing to draw")
    return sorted(found)
