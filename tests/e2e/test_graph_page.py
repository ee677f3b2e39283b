"""The HTML graph in a real browser: Debian's chromium, headless, driven by Playwright.

The page is opened from file:// with the network closed to it: it must draw every node, make no
request that is not file:, raise no error, and its search and filters must show what the same
rules compute here in Python. Article text with HTML in it must stay text.
"""

from __future__ import annotations

import shutil

import pytest

from kg.build import build
from kg.network import DEFAULT_KINDS, KINDS, load_network
from kg.text import fold_ascii
from kg.viz import GRAPH_PAGE, draw
from kg.viz.browser import launch_browser
from kg.viz.page import MAX_EVIDENCE
from kg.viz.select import Selection, select
from tests.conftest import SEED_CORPUS

VISIBLE = "window.vnpostGraph.visibleNodeIds()"


@pytest.fixture(scope="module")
def seed_network(seed_build):
    network = load_network(seed_build.out_dir)
    return network.subgraph(n for n, kind in network.nodes(data="kind") if kind in DEFAULT_KINDS)


@pytest.fixture(scope="module")
def chromium():
    with launch_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def seed_page(chromium, seed_build):
    with chromium.open(seed_build.out_dir / GRAPH_PAGE) as session:
        session.wait_until_settled()
        yield session


def visible(session) -> set[str]:
    return set(session.page.evaluate(VISIBLE))


def reset(session) -> None:
    session.page.fill("#search", "")
    session.page.select_option("#province", "")
    session.page.evaluate("() => window.vnpostGraph.setSearch('')")


def test_page_draws_every_node_offline_without_errors(seed_page, seed_network):
    assert visible(seed_page) == set(seed_network.nodes)
    edges = seed_page.page.evaluate("window.vnpostGraph.visibleEdgeIds().length")
    assert edges == seed_network.number_of_edges()
    assert seed_page.errors == []
    assert seed_page.requests and all(url.startswith("file:") for url in seed_page.requests), seed_page.requests


def test_search_shows_the_matches_and_their_neighbours(seed_page, seed_network):
    seed_page.page.fill("#search", "ha tinh")
    seed_page.page.wait_for_function(f"{VISIBLE}.length < {seed_network.number_of_nodes()}")
    matches = {n for n, label in seed_network.nodes(data="label") if "ha tinh" in fold_ascii(label).lower()}
    expected = matches | {m for n in matches for m in seed_network.to_undirected(as_view=True).neighbors(n)}
    assert matches and visible(seed_page) == expected
    assert set(seed_page.page.evaluate("window.vnpostGraph.network.getSelectedNodes()")) <= matches
    reset(seed_page)
    seed_page.page.wait_for_function(f"{VISIBLE}.length === {seed_network.number_of_nodes()}")


def test_province_filter_shows_what_viz_province_draws(seed_page, seed_network):
    province = next(iri for iri, label in seed_network.graph["provinces"].items() if label == "Hà Tĩnh")
    seed_page.page.select_option("#province", province)
    expected = set(select(seed_network, Selection(province="Hà Tĩnh")).nodes)
    assert 0 < len(expected) < seed_network.number_of_nodes()
    assert visible(seed_page) == expected
    reset(seed_page)
    assert visible(seed_page) == set(seed_network.nodes)


def test_kind_checkbox_hides_that_kind(seed_page, seed_network):
    figures = {n for n, kind in seed_network.nodes(data="kind") if kind == "figure"}
    assert figures
    seed_page.page.uncheck('input[data-kind="figure"]')
    assert visible(seed_page) == set(seed_network.nodes) - figures
    seed_page.page.check('input[data-kind="figure"]')
    assert visible(seed_page) == set(seed_network.nodes)


def test_selecting_a_fact_shows_its_evidence_sentence_and_article(seed_page, seed_network):
    conferral = next(n for n, label in seed_network.nodes(data="label") if label == "Cờ thi đua · 2020")
    record = seed_network.nodes[conferral]["evidence"][0]
    seed_page.page.evaluate("id => window.vnpostGraph.select(id)", conferral)
    details = seed_page.page.inner_text("#details")
    assert record["quote"].replace("\xa0", " ") in details.replace("\xa0", " ")
    assert record["title"] in details and record["rule"] in details
    assert seed_page.page.inner_text("#details mark") == record["matched"]


def test_screenshot(seed_page, tmp_path):
    target = tmp_path / "graph.png"
    seed_page.page.screenshot(path=str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 20_000


def test_page_works_under_its_own_content_security_policy(chromium, seed_build):
    with chromium.open(seed_build.out_dir / GRAPH_PAGE, enforce_csp=True) as session:
        session.page.wait_for_selector('body[data-settled="true"]', timeout=30_000)
        assert session.errors == []


PAYLOADS = {
    "script": "<script>window.__xss = 'script'</script>",
    "img": "<img src=x onerror=\"window.__xss = 'img'\">",
    "quotes": "\"'><svg onload=\"window.__xss = 'svg'\">",
    "link": "<a href=\"javascript:window.__xss = 'link'\">xem</a>",
}
HOSTILE_ARTICLE = """Bưu điện tỉnh Hà Tĩnh {script} đón nhận Cờ thi đua

Hà Tĩnh, 12/01/2021

Bưu điện tỉnh Hà Tĩnh {img} nhận Cờ thi đua của Bộ Thông tin và Truyền thông năm 2020.
Bưu điện tỉnh Hà Tĩnh {quotes} cung cấp dịch vụ EMS {link} cho người dân.
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "900_hostile.txt").write_text(HOSTILE_ARTICLE.format(**PAYLOADS), encoding="utf-8")
    out = corpus.parent / "dist"
    build(corpus, out, validate=False)
    draw(out, out / "everything.html", Selection(kinds=KINDS))  # articles too: their titles are node labels
    return out


def test_article_text_with_html_stays_text(chromium, hostile_build):
    network = load_network(hostile_build)
    carriers = sorted(
        n for n, data in network.nodes(data=True)
        if any("onerror" in r["quote"] or "<script>" in r["title"]
                                                 for r in data["evidence"][:MAX_EVIDENCE])
    )
    assert carriers, "the hostile article produced no evidence to show"
    carriers.append(next(n for n, kind in network.nodes(data="kind") if kind == "article" and "900" in n))
    with chromium.open(hostile_build / "everything.html") as session:
        session.wait_until_settled()
        page = session.page
        for node in carriers:
            page.evaluate("id => window.vnpostGraph.select(id)", node)
            details = page.inner_text("#details")
            assert any(payload in details for payload in PAYLOADS.values())
            # the tooltip vis-network shows on hover is this element: text only, no markup from the data
            tooltip = page.evaluate(
                "id => { const t = window.vnpostGraph.nodes.get(id).title;"
                " return [t.textContent, Array.from(t.querySelectorAll('*'), e => e.tagName)]; }", node
            )
            assert set(tooltip[1]) <= {"STRONG", "DIV"}
        texts = [page.evaluate("id => window.vnpostGraph.nodes.get(id).title.textContent", n) for n in carriers]
        assert any("onerror" in text or "<script>" in text for text in texts)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, svg, a[href], #details script').length") == 0
        assert session.errors == []
        assert all(url.startswith("file:") and not url.endswith("/x") for url in session.requests), session.requests
