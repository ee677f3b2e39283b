"""The HTML page: pyvis assembles the vis-network data, our template makes it one offline file.

pyvis' own template links Bootstrap and other scripts from CDNs even with cdn_resources="in_line",
so the page is rendered from kg/viz/graph.html.j2 instead, with vis-network's script and style
(shipped inside the pyvis package) inlined. Every text that comes from an article travels as
JSON in a <script type="application/json"> block, with <, > and & escaped, and the page's own
script (graph.js) only ever puts it into the document as text (textContent), never as HTML.
"""

from __future__ import annotations

import json
import textwrap
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kg import __version__
from kg.network import KINDS, NODE_STYLES
from kg.viz.layout import PHYSICS_LIMIT, physics_options, positions

LABEL_WIDTH = 22  # characters per line of a node's label, wrapped at spaces
MAX_EVIDENCE = 5  # evidence records per node or edge carried into the page
UI_TEXT = {
    "vi": {
        "title": "Đồ thị tri thức Bưu điện Việt Nam",
        "search": "Tìm theo tên…",
        "all_provinces": "Mọi tỉnh, thành phố",
        "kinds": "Loại nút",
        "facts": "Thông tin",
        "links": "Liên kết",
        "evidence": "Bằng chứng",
        "more": "bằng chứng khác",
        "hint": "Chọn một nút hoặc một cạnh để xem thông tin và câu trích từ bài báo.",
        "shown": "nút đang hiện",
        "rule": "quy tắc",
        "sentence": "câu",
        "provinces": "Tỉnh, thành phố",
        "physics": "Bố cục động",
    },
    "en": {
        "title": "Vietnam Post knowledge graph",
        "search": "Search by name…",
        "all_provinces": "All provinces",
        "kinds": "Kinds",
        "facts": "Facts",
        "links": "Links",
        "evidence": "Evidence",
        "more": "more evidence",
        "hint": "Select a node or an edge to see its facts and the sentence quoted from the article.",
        "shown": "nodes shown",
        "rule": "rule",
        "sentence": "sentence",
        "provinces": "Provinces",
        "physics": "Live layout",
    },
}
KIND_NAMES = {
    "vi": {"unit": "đơn vị bưu điện", "organization": "tổ chức", "person": "người", "award": "khen thưởng",
           "partnership": "hợp tác", "figure": "số liệu", "document": "văn bản", "event": "sự kiện",
           "service": "dịch vụ", "place": "địa bàn", "article": "bài báo"},
    "en": {kind: kind for kind in KINDS},
}
_SHAPE_SYMBOLS = {"dot": "●", "square": "■", "diamond": "◆", "star": "★", "triangle": "▲", "triangleDown": "▼",
                  "hexagon": "⬢"}


def render_page(network: nx.MultiDiGraph, lang: str = "vi", heading: str = "") -> str:
    """The complete HTML page for a network, as text."""
    from pyvis.network import Network

    count = network.number_of_nodes()
    at = positions(network)
    canvas = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(network.nodes):
        data = network.nodes[node]
        x, y = at[node]
        canvas.add_node(node, label=wrap_label(data["label"]), shape=data["shape"], color=data["colour"],
                        size=data["size"], x=x, y=y, kind=data["kind"], cls=data["cls"],
                        provinces=list(data["provinces"]))
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for number, (source, target, _key, data) in enumerate(edges):
        canvas.add_edge(source, target, id=f"e{number}", label=data["label"], arrows="to",
                        evidence=[_evidence(r) for r in data["evidence"][:MAX_EVIDENCE]],
                        evidence_total=len(data["evidence"]))
    canvas.set_options(json.dumps(_options(count)))
    nodes, edge_list, _, _, _, options = canvas.get_network_data()
    payload = {
        "nodes": nodes,
        "edges": edge_list,
        "options": json.loads(options),
        "details": {node: _details(network, node) for node in sorted(network.nodes)},
        "legend": _legend(network, lang),
        "provinces": _provinces(network),
        "text": UI_TEXT[lang],
        "physics": count <= PHYSICS_LIMIT,
    }
    environment = Environment(
        loader=FileSystemLoader(str(resources.files("kg.viz"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    template = environment.get_template("graph.html.j2")
    return template.render(
        lang=lang,
        title=heading or UI_TEXT[lang]["title"],
        text=UI_TEXT[lang],
        version=__version__,
        graph_json=script_json(payload),
        vis_script=_inline_asset("vis-network.min.js"),
        vis_style=_inline_asset("vis-network.css"),
        page_script=_own_asset("graph.js"),
        page_style=_own_asset("graph.css"),
    )


def write_page(network: nx.MultiDiGraph, out: Path, lang: str = "vi", heading: str = "") -> None:
    """Write the page through a temporary file, so an interrupted run never leaves half a page."""
    out = Path(out)
    html = render_page(network, lang, heading)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(html, encoding="utf-8", newline="\n")
    partial.replace(out)


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    """A label on several lines, broken at spaces only (a long word stays whole)."""
    lines = textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if lines else label


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no '</script>', '<!--' or HTML-significant bytes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _options(count: int) -> dict:
    large = count > PHYSICS_LIMIT
    return {
        "physics": physics_options(count),
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "navigationButtons": False},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"font": {"size": 0 if large else 10, "align": "middle", "strokeWidth": 3},
                  "color": {"color": "#9e9e9e", "highlight": "#424242", "hover": "#616161"},
                  "smooth": False, "width": 1, "arrows": {"to": {"scaleFactor": 0.5}}},
        "layout": {"improvedLayout": False},
    }


def _details(network: nx.MultiDiGraph, node: str) -> dict:
    data = network.nodes[node]
    provinces = network.graph.get("provinces", {})
    return {
        "label": data["label"],
        "class": data["class_label"],
        "kind": data["kind"],
        "iri": data["iri"],
        "facts": [list(fact) for fact in data["facts"]],
        "provinces": [provinces.get(p, p) for p in data["provinces"]],
        "evidence": [_evidence(record) for record in data["evidence"][:MAX_EVIDENCE]],
        "evidence_total": len(data["evidence"]),
    }


def _evidence(record: dict) -> dict:
    return {key: record[key] for key in ("title", "date", "sentence", "quote", "matched", "rule", "article")}


def _legend(network: nx.MultiDiGraph, lang: str) -> list[dict]:
    """One group per kind present, with the classes drawn in it (colour, shape, count)."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for _, data in network.nodes(data=True):
        counts[data["cls"]] = counts.get(data["cls"], 0) + 1
        labels[data["cls"]] = data["class_label"]
    groups = []
    for kind in KINDS:
        classes = [
            {"class": labels[str(style.cls)], "colour": style.colour, "symbol": _SHAPE_SYMBOLS[style.shape],
             "count": counts[str(style.cls)]}
            for style in NODE_STYLES if style.kind == kind and str(style.cls) in counts
        ]
        if classes:
            groups.append({"kind": kind, "name": KIND_NAMES[lang][kind], "classes": classes})
    return groups


def _provinces(network: nx.MultiDiGraph) -> list[list[str]]:
    names = network.graph.get("provinces", {})
    present = {p for _, provinces in network.nodes(data="provinces") for p in provinces}
    return sorted(([iri, names.get(iri, iri)] for iri in present), key=lambda pair: (pair[1], pair[0]))


def _inline_asset(name: str) -> str:
    """vis-network's script or style, from the copy pyvis ships (no network at run time)."""
    import pyvis

    text = (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    return _safe_inline(text, name)


def _own_asset(name: str) -> str:
    return _safe_inline(resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8"), name)


def _safe_inline(text: str, name: str) -> str:
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{name} cannot be inlined: it contains a closing script or style tag")
    return text
