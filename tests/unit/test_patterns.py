"""Name alternations: the factored regex matches exactly what the plain `name|name|…` one matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kg.extract.gazetteer import load_gazetteer
from kg.extract.patterns import alternation, bounded, name_pattern
from kg.read import read_corpus
from tests.conftest import SEED_CORPUS

FLAGS = [pytest.param(0, id="case-sensitive"), pytest.param(re.IGNORECASE, id="ignorecase")]


def plain_alternation(names) -> str:
    """The alternation written out name by name, longest first: what `alternation` must equal."""
    unique = sorted(set(names), key=lambda name: (-len(name), name))
    return "(?:" + "|".join(name_pattern(name) for name in unique) + ")"


def matches(pattern: str, text: str, flags: int) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(found.span(), found.groupdict()) for found in re.finditer(pattern, text, flags)]


def assert_same_matches(names, text: str, flags: int) -> None:
    for template in ("{}", "(?P<name>{})(?:\\s+(?P<more>[a-zđ]+))?", "x?{}(?:y|\\s*-\\s*{})?"):
        factored = bounded(template.format(alternation(names), alternation(names)))
        plain = bounded(template.format(plain_alternation(names), plain_alternation(names)))
        assert matches(factored, text, flags) == matches(plain, text, flags), (template, names, text)


def test_name_pattern_allows_any_space_and_any_dash() -> None:
    pattern = re.compile(name_pattern("Bà Rịa - Vũng Tàu"))
    assert pattern.fullmatch("Bà  Rịa–Vũng\nTàu")
    assert pattern.fullmatch("Bà Rịa — Vũng Tàu")
    assert not pattern.fullmatch("Bà RịaVũng Tàu")


def test_alternation_shares_the_beginnings_of_names() -> None:
    pattern = alternation(["Nam Định", "Nam Giang", "Nam", "Hà Nam"])
    assert pattern.count("Nam") == 2
    assert re.fullmatch(pattern, "Nam  Định")


def test_alternation_prefers_the_longest_name() -> None:
    pattern = re.compile(bounded(f"(?P<name>{alternation(['Nam', 'Nam Định', 'Nam Định Mới'])})"))
    assert pattern.search("tỉnh Nam Định Mới có").group("name") == "Nam Định Mới"
    assert pattern.search("tỉnh Nam Định có").group("name") == "Nam Định"


# Names made of a few short words, so that they often share beginnings and differ only in case,
# spaces or dashes; and names of any few letters.
_WORDS = ["a", "A", "ba", "Ba", "b", "bà", "B", "-", "–", "đa", "Đ", "a-b", "bx", "."]
names_lists = st.lists(
    st.one_of(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join),
        st.text(alphabet="aAàbBđĐ- –.", min_size=1, max_size=5),
    ),
    min_size=1,
    max_size=10,
)
glues = st.lists(st.sampled_from([" ", "  ", "-", " – ", "x", ", ", "b", "À", "."]), max_size=10)


@pytest.mark.parametrize("flags", FLAGS)
@given(names=names_lists, glue=glues)
@example(names=["bxxxx", "Ba b", "ba"], glue=[])  # "ba" must not win over "Ba b" when case is ignored
@example(names=["a - b", "a-b", "a -b x", "a"], glue=[])
def test_factored_and_plain_alternations_match_alike(flags: int, names: list[str], glue: list[str]) -> None:
    text = "".join(name + separator for name, separator in zip(names * 2, glue, strict=False)) + " ".join(names)
    assert_same_matches(names, text, flags)


@pytest.mark.parametrize("flags", FLAGS)
def test_gazetteer_alternations_match_the_seed_corpus_alike(flags: int) -> None:
    gazetteer = load_gazetteer()
    texts = [article.search_text for article in read_corpus(SEED_CORPUS)[0]]
    name_lists = [gazetteer.province_names, gazetteer.district_names, gazetteer.surnames, list(gazetteer.service_names)]
    for names in name_lists:
        factored = re.compile(bounded(alternation(names)), flags)
        plain = re.compile(bounded(plain_alternation(names)), flags)
        for text in texts:
            assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]
