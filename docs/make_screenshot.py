"""Make docs/images/graph.png, the README's picture of the HTML graph.

    python docs/make_screenshot.py [--dist dist]

Draws the answer to CQ10 (the Ministry's emulation flags) with its neighbourhood, opens it in
headless chromium (Playwright, as the browser test does), selects the 2020 flag of Hà Tĩnh so
that the panel shows its evidence, and saves the window.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.network import load_network
from kg.viz import Selection, draw
from kg.viz.browser import open_graph_page

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "graph.png")
    args = parser.parse_args()
    network = load_network(args.dist)
    flag = next(n for n, label in network.nodes(data="label") if label == "Cờ thi đua · 2020")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "cq10.html"
        draw(args.dist, page, Selection(query=ROOT / "queries" / "cq10_ministry_flags_graph.rq", depth=1,
                                        kinds=("unit", "organization", "award", "place")))
        with open_graph_page(page, width=1280, height=760) as session:
            session.wait_until_settled()
            session.page.evaluate("id => window.vnpostGraph.select(id)", flag)
            session.page.wait_for_timeout(300)
            session.page.screenshot(path=str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
