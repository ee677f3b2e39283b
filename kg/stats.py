"""Network statistics of a built graph: what it holds, its hubs, its pieces, and where it is thin.

`compute_stats` measures the network of `kg.network` and returns plain, JSON-ready data;
`format_stats` prints it as small text tables or as JSON. Every ranking breaks ties by label, then
IRI, and betweenness on a large graph samples with a fixed seed, so the same build gives the same
output.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import networkx as nx
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from kg.assemble import SCHEMA, VNPO
from kg.errors import UserInputError
from kg.text import fold_ascii

PARTNERSHIP = str(VNPO.Partnership)
PARTNER = str(VNPO.partner)
# Above this many nodes, betweenness is estimated from a sample of source nodes (exact is O(n·m)).
EXACT_BETWEENNESS_MAX = 1000
BETWEENNESS_SAMPLE = 500
BETWEENNESS_SEED = 42
LARGEST_COMPONENTS = 5
_PREFIXES = (("vnpo", VNPO), ("org", ORG), ("schema", SCHEMA), ("prov", PROV), ("dcterms", DCTERMS),
             ("skos", SKOS), ("foaf", FOAF), ("rdfs", RDFS), ("rdf", RDF), ("owl", OWL))


def compute_stats(network: nx.MultiDiGraph, top: int = 10) -> dict:
    """All the tables of `vnpost-kg stats` as one dict of plain values (lists sorted, ready for JSON)."""
    if top < 0:
        raise UserInputError(f"--top must be 0 or more, not {top}")
    # Rankings are of entities and facts: articles would rank by how much was read in them.
    entities = network.subgraph(node for node, kind in network.nodes(data="kind") if kind != "article")
    simple = nx.Graph(entities.to_undirected(as_view=True))
    return {
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "nodes_by_class": nodes_by_class(network),
        "edges_by_relation": edges_by_relation(network),
        "top_degree": top_by_degree(network, simple, top),
        "betweenness": top_by_betweenness(network, simple, top),
        "components": components(network),
        "shared_partners": shared_partners(network),
        "units_without_evidence": units_without_evidence(network),
    }


# --- what the network holds ----------------------------------------------------------------------
def nodes_by_class(network: nx.MultiDiGraph) -> list[dict]:
    """How many nodes of each class: the shape of the graph at a glance."""
    counts = Counter((data["class_label"], data["kind"], data["cls"]) for _, data in network.nodes(data=True))
    rows = [{"class": label, "kind": kind, "iri": cls, "count": count} for (label, kind, cls), count in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], *_by_name(row["class"]), row["iri"]))


def edges_by_relation(network: nx.MultiDiGraph) -> list[dict]:
    """How many edges of each relation (a membership counts under its role's label)."""
    counts = Counter((data["label"], data["predicate"]) for _, _, data in network.edges(data=True))
    rows = [{"relation": label, "predicate": predicate, "count": count}
            for (label, predicate), count in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], *_by_name(row["relation"]), row["predicate"]))


# --- hubs ----------------------------------------------------------------------------------------
def top_by_degree(network: nx.MultiDiGraph, simple: nx.Graph, top: int) -> list[dict]:
    """The best-connected nodes, counting distinct neighbours (parallel edges and direction ignored)."""
    return _ranked(network, dict(simple.degree()), "degree", top)


def top_by_betweenness(network: nx.MultiDiGraph, simple: nx.Graph, top: int) -> dict:
    """The nodes that most often lie on shortest paths: the bridges between parts of the graph.

    Exact up to EXACT_BETWEENNESS_MAX nodes; above, sampled from BETWEENNESS_SAMPLE sources with a
    fixed seed, and marked approximate.
    """
    size = simple.number_of_nodes()
    sample = min(BETWEENNESS_SAMPLE, size) if size > EXACT_BETWEENNESS_MAX else None
    scores = nx.betweenness_centrality(simple, k=sample, normalized=True, seed=BETWEENNESS_SEED if sample else None)
    rounded = {node: round(score, 6) for node, score in scores.items()}
    return {
        "approximate": sample is not None,
        "sample": sample,
        "seed": BETWEENNESS_SEED if sample else None,
        "top": _ranked(network, rounded, "betweenness", top),
    }


def _ranked(network: nx.MultiDiGraph, scores: dict[str, float], name: str, top: int) -> list[dict]:
    """The `top` nodes with a positive score, highest first, ties by label then IRI."""
    nodes = network.nodes
    order = sorted((node for node, score in scores.items() if score > 0),
                   key=lambda node: (-scores[node], *_by_name(nodes[node]["label"]), node))
    return [{"label": nodes[node]["label"], "iri": node, "kind": nodes[node]["kind"], name: scores[node]}
            for node in order[:top]]


# --- pieces --------------------------------------------------------------------------------------
def components(network: nx.MultiDiGraph) -> dict:
    """Weakly connected components: one big piece is healthy, many small ones mean unlinked extractions."""
    sizes = sorted((len(part) for part in nx.weakly_connected_components(network)), reverse=True)
    return {"count": len(sizes), "largest": sizes[:LARGEST_COMPONENTS], "singletons": sizes.count(1)}


# --- partners across provinces -------------------------------------------------------------------
def shared_partners(network: nx.MultiDiGraph) -> list[dict]:
    """Partners (not postal units) that work with postal units of two or more provinces.

    A partner's provinces are those of the unit partners of every partnership it takes part in.
    """
    names = network.graph.get("provinces", {})
    provinces: dict[str, set[str]] = defaultdict(set)
    units: dict[str, set[str]] = defaultdict(set)
    partnerships: Counter[str] = Counter()
    for partnership in _partnerships(network):
        partners = _partners(network, partnership)
        unit_partners = {node for node in partners if network.nodes[node]["kind"] == "unit"}
        reach = {province for unit in unit_partners for province in network.nodes[unit]["provinces"]}
        for partner in partners - unit_partners:
            provinces[partner] |= reach
            units[partner] |= unit_partners
            partnerships[partner] += 1
    rows = []
    for partner, found in provinces.items():
        if len(found) < 2:
            continue
        node = network.nodes[partner]
        rows.append({
            "label": node["label"],
            "iri": partner,
            "kind": node["kind"],
            "provinces": _names(names.get(province, _short(province)) for province in found),
            "units": _names(network.nodes[unit]["label"] for unit in units[partner]),
            "partnerships": partnerships[partner],
        })
    return sorted(rows, key=lambda row: (-len(row["provinces"]), *_by_name(row["label"]), row["iri"]))


def _partnerships(network: nx.MultiDiGraph) -> list[str]:
    return sorted(node for node, cls in network.nodes(data="cls") if cls == PARTNERSHIP)


def _partners(network: nx.MultiDiGraph, partnership: str) -> set[str]:
    return {target for _, target, predicate in network.out_edges(partnership, data="predicate") if predicate == PARTNER}


# --- where the graph is thin ---------------------------------------------------------------------
def units_without_evidence(network: nx.MultiDiGraph) -> list[dict]:
    """Postal units that no evidence-bearing fact touches: known only from mentions or the gazetteer.

    A unit is supported when it is itself a fact, an edge at it has evidence (offers a service,
    holds a post) or a neighbour is a fact (an award conferral, an observation, a partnership).
    """
    rows = []
    names = network.graph.get("provinces", {})
    for node, data in network.nodes(data=True):
        if data["kind"] != "unit" or data["fact"] or _supported(network, node):
            continue
        rows.append({
            "label": data["label"],
            "iri": node,
            "class": data["class_label"],
            "provinces": _names(names.get(province, _short(province)) for province in data["provinces"]),
            "mentions": len(data["evidence"]),
        })
    return sorted(rows, key=lambda row: (*_by_name(row["label"]), row["iri"]))


def _supported(network: nx.MultiDiGraph, node: str) -> bool:
    edges = [*network.in_edges(node, data=True), *network.out_edges(node, data=True)]
    return any(data.get("evidence") or network.nodes[source]["fact"] or network.nodes[target]["fact"]
               for source, target, data in edges)


def _by_name(label: str) -> tuple[str, str]:
    """Sort key for Vietnamese names: alphabetical as a reader expects ("Ân Thi" near "An"), then exact."""
    return fold_ascii(label).casefold(), label


def _names(labels) -> list[str]:
    return sorted(set(labels), key=_by_name)


# --- output --------------------------------------------------------------------------------------
def format_stats(stats: dict, fmt: str = "text") -> str:
    """The statistics as aligned text tables ("text") or as JSON ("json"); always ends with a newline."""
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    if fmt != "text":
        raise UserInputError(f"unknown format {fmt!r}: use text or json")
    return "\n\n".join(_sections(stats)) + "\n"


def _sections(stats: dict) -> list[str]:
    betweenness = stats["betweenness"]
    how = (f"approximate: {betweenness['sample']} sampled sources, seed {betweenness['seed']}"
           if betweenness["approximate"] else "exact")
    parts = stats["components"]
    return [
        f"Network: {stats['nodes']} nodes, {stats['edges']} edges",
        _section("Nodes by class", ("class", "kind", "count"),
                 [(r["class"], r["kind"], r["count"]) for r in stats["nodes_by_class"]]),
        _section("Edges by relation", ("relation", "predicate", "count"),
                 [(r["relation"], _short(r["predicate"]), r["count"]) for r in stats["edges_by_relation"]]),
        _section("Top entities by degree (distinct neighbours, undirected)", ("#", "entity", "kind", "degree", "id"),
                 [(i, r["label"], r["kind"], r["degree"], _short(r["iri"]))
                  for i, r in enumerate(stats["top_degree"], 1)]),
        _section(f"Top entities by betweenness centrality ({how})", ("#", "entity", "kind", "betweenness", "id"),
                 [(i, r["label"], r["kind"], r["betweenness"], _short(r["iri"]))
                  for i, r in enumerate(betweenness["top"], 1)]),
        _section("Connected components (weakly connected)", ("components", "singletons", "largest sizes"),
                 [(parts["count"], parts["singletons"], ", ".join(map(str, parts["largest"])) or "-")]),
        _section("Partners shared by several provinces", ("partner", "kind", "provinces", "partnerships", "through"),
                 [(r["label"], r["kind"], ", ".join(r["provinces"]), r["partnerships"], ", ".join(r["units"]))
                  for r in stats["shared_partners"]]),
        _section("Units without any evidence-bearing fact", ("unit", "class", "province", "mentions", "id"),
                 [(r["label"], r["class"], ", ".join(r["provinces"]) or "-", r["mentions"], _short(r["iri"]))
                  for r in stats["units_without_evidence"]]),
    ]


def _section(title: str, headers: tuple[str, ...], rows: list[tuple]) -> str:
    """A heading over an aligned table (numbers right-aligned), or over "none"."""
    if not rows:
        return f"{title}\nnone"
    cells = [[f"{value:.4f}" if isinstance(value, float) else str(value) for value in row] for row in rows]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]

    def line(values: list[str]) -> str:
        padded = [value.rjust(width) if right else value.ljust(width)
                  for value, width, right in zip(values, widths, numeric, strict=True)]
        return "  ".join(padded).rstrip()

    return "\n".join([title, line(list(headers)), line(["-" * width for width in widths]), *map(line, cells)])


def _short(iri: str) -> str:
    """An IRI as a reader scans it: prefixed for vocabulary terms, the path after /id/ for resources."""
    for prefix, namespace in _PREFIXES:
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    _, marker, tail = iri.partition("/id/")
    return tail if marker and tail else iri
