"""What a mention refers to inside its article: the article's province, anaphors, ambiguous names."""

from __future__ import annotations

from collections import Counter

from kg.extract.gazetteer import Gazetteer
from kg.model import Extraction, Mention
from kg.text import match_key

# How much each kind of mention says about which province an article is about.
_PROVINCE_WEIGHTS = {"provincial-post": 2.0, "peoples-committee": 1.0, "trade-union": 1.0, "province": 1.0}
_TITLE_BONUS = 3.0
# The last lines of a page (byline, source) name the article's province when the body does not.
_BYLINE_WEIGHT = 0.5


def article_province(extraction: Extraction, gazetteer: Gazetteer) -> str | None:
    """The province whose provincial post the article is about, from what it names most.

    A sidecar may say it; otherwise provincial posts count most (and most in the title), then
    People's Committees, unions and province names, then district names (split between the
    provinces that have a district of that name).
    """
    article = extraction.article
    if article.province_hint:
        code = gazetteer.province_by_key.get(match_key(article.province_hint))
        if code:
            return code
    title_sentence = article.sentences[0].index if article.sentences else -1
    scores: Counter[str] = Counter()
    for mention in extraction.mentions:
        weight = _PROVINCE_WEIGHTS.get(mention.kind)
        code = (mention.ref or "").split(":", 1)[-1]
        if weight and code in gazetteer.provinces:
            bonus = _TITLE_BONUS if mention.evidence.sentence_index == title_sentence else 0.0
            scores[code] += weight + bonus
        elif mention.candidates or mention.kind in {"district", "district-post", "commune-point"}:
            refs = mention.candidates or ((mention.ref,) if mention.ref else ())
            codes = [gazetteer.province_of(ref) for ref in refs]
            for code in codes:
                if code:
                    scores[code] += 1.0 / len(codes)
    if not scores:
        return _province_from_byline(article.text, gazetteer)
    best = max(scores.values())
    winners = sorted(code for code, score in scores.items() if score == best)
    return winners[0] if len(winners) == 1 else None


def _province_from_byline(text: str, gazetteer: Gazetteer) -> str | None:
    """A province named in the last lines of the page (a source line such as "Nguồn: Báo Quảng Trị")."""
    tail = match_key(" ".join(text.strip().splitlines()[-3:]))
    found = {code for key, code in gazetteer.province_by_key.items() if len(key) > 3 and key in tail}
    return found.pop() if len(found) == 1 else None


def bind(mention: Mention, province: str | None, gazetteer: Gazetteer, article_id: str) -> list[str]:
    """The entity keys a mention refers to in its article (none if it cannot be told)."""
    if mention.kind in {"year", "date", "event", "document"}:  # documents are made by their citations
        return []
    if mention.ref is not None and mention.ref.startswith("group:"):
        # "các tập thể, cá nhân" are the article's own honourees: one group per article
        return [f"group:{article_id}"]
    if mention.ref is not None:
        return [mention.ref]
    if mention.anaphor == "all-district-posts":
        return _all_district_posts(mention, province, gazetteer)
    if mention.anaphor is not None:
        return [f"{mention.anaphor}:{province}"] if province else []
    inside = [ref for ref in mention.candidates if gazetteer.province_of(ref) == province]
    return inside if len(inside) == 1 else []


def _all_district_posts(mention: Mention, province: str | None, gazetteer: Gazetteer) -> list[str]:
    """"Bưu điện 10 huyện, thị xã, thành phố": every district post, when the count is the province's."""
    codes = sorted(code for code, d in gazetteer.districts.items() if d.province_code == province)
    if not codes or mention.value != len(codes):
        return []
    return [f"district-post:{code}" for code in codes]
