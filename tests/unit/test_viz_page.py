"""The page's building blocks: label wrapping, JSON inside <script>, no external resources, no HTML sinks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from kg.network import to_network
from kg.outputs import load_ontology
from kg.viz.page import render_page, script_json, wrap_label
from tests.unit.test_network import DATA

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)


@given(st.lists(words, min_size=1, max_size=12))
def test_labels_wrap_at_spaces_and_never_inside_a_word(parts):
    label = " ".join(parts)
    wrapped = wrap_label(label, width=12)
    assert wrapped.split() == label.split()  # the same words in the same order, none cut
    for line in wrapped.split("\n"):
        assert len(line) <= 12 or " " not in line  # only a single long word may overflow


def test_a_vietnamese_label_wraps_between_words():
    assert wrap_label("Bưu điện tỉnh Hà Tĩnh nhận Cờ thi đua của Bộ", width=22).split("\n") == [
        "Bưu điện tỉnh Hà Tĩnh", "nhận Cờ thi đua của Bộ"]


@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda children: st.lists(children) | st.dictionaries(st.text(), children), max_leaves=20))
def test_script_json_round_trips_and_cannot_close_its_script_element(value):
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


class _Resources(HTMLParser):
    """Every attribute that makes a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href", "srcset", "data", "poster", "action"} and value:
                self.fetched.append((tag, name, value))


def seed_page() -> str:
    return render_page(to_network(Graph().parse(data=DATA, format="turtle"), load_ontology()))


def test_the_page_fetches_nothing():
    html = seed_page()
    parser = _Resources()
    parser.feed(html)
    assert parser.fetched == []
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert "cdn" not in "".join(re.findall(r"<(?:script|link)[^>]*>", html)).lower()


def test_the_page_is_the_same_bytes_every_time():
    assert seed_page() == seed_page()


def test_the_page_script_never_parses_data_as_html():
    script = resources.files("kg.viz").joinpath("graph.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setTimeout(\"", "javascript:"):
        assert sink not in script, sink
