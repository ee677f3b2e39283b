"""Property tests: reading and extraction take any text a scraped page can hold without crashing.

An article either reads (and then extracts) or is refused with an ArticleError, whose message the
build shows as a warning; nothing else may escape, whatever the text.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract, load_rulebook
from kg.read import ArticleError, article_from_text
from tests.conftest import SEED_CORPUS

RULEBOOK = load_rulebook()
SEED_LINES = [
    line
    for path in sorted(SEED_CORPUS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
ODD_PIECES = ["\n", "\r\n", "\t", " ", "…", "1.2.3 tỷ", "31/2/2020", "-5 tỷ đồng", "hơn 100.000.000.000 tỷ",
              "quý V/2020"]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
# Pieces of real articles, cut and shuffled among noise: text that reaches the rules.
NOISY_ARTICLE = st.lists(
    st.one_of(
        st.sampled_from(SEED_LINES),
        st.sampled_from(SEED_LINES).map(lambda line: line[: len(line) // 2]),
        ANY_TEXT,
        st.sampled_from(ODD_PIECES),
    ),
    max_size=12,
).map("\n".join)


def _read_and_extract(text: str) -> None:
    try:
        article = article_from_text(text, "prop")
    except ArticleError:
        return
    extraction = extract(article, RULEBOOK)
    for mention in extraction.mentions:
        evidence = mention.evidence
        assert 0 <= evidence.start <= evidence.end <= len(article.text)


@settings(max_examples=150)
@given(ANY_TEXT)
def test_any_unicode_text_reads_and_extracts_or_is_refused(text):
    _read_and_extract(text)


@settings(max_examples=100)
@given(NOISY_ARTICLE)
def test_cut_up_articles_with_noise_read_and_extract_or_are_refused(text):
    _read_and_extract(text)


@settings(max_examples=40)
@given(NOISY_ARTICLE)
def test_nfc_and_nfd_text_extract_the_same_facts(text):
    """NFD input reads into the same NFC article, so every mention and assertion is the same."""
    try:
        nfc_article = article_from_text(unicodedata.normalize("NFC", text), "prop")
    except ArticleError:
        return
    nfd_article = article_from_text(unicodedata.normalize("NFD", text), "prop")
    assert nfd_article == nfc_article
    assert extract(nfd_article, RULEBOOK) == extract(nfc_article, RULEBOOK)
