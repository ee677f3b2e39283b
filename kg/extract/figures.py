"""Figure matcher: amounts in a sentence -> observations (unit, indicator, period, value, qualifier).

Numbers are parsed by kg.numbers and periods by kg.dates; which indicator an amount measures,
and when, is decided by the rules of kg/data/rules/figures.yaml (see the comments there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.dates import Period, find_dates
from kg.extract.relations import subject_of
from kg.model import Article, Assertion, Evidence, Mention, Sentence
from kg.numbers import AmountMatch, find_amounts
from kg.text import normalize_tones

MEASURES = {
    "VND": "vnd",
    "percent": "percent",
    "VND/person/month": "vnd-per-person-per-month",
    "VND/person/year": "vnd-per-person-per-year",
}
_EXCEEDS_RIGHT_BEFORE = re.compile(r"(?:vượt|tăng|cao\s+hơn)\s*$", re.IGNORECASE)
# Mentions whose digits are never figures.
_OPAQUE_KINDS = {"document", "date", "event"}


@dataclass(frozen=True)
class FigureRule:
    id: str
    indicator: str
    measures: frozenset[str]
    confidence: Decimal
    before: re.Pattern[str] | None = None
    lead: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    service_lead: re.Pattern[str] | None = None
    measure: str | None = None
    plus_100: bool = False
    priority: int = 1


@dataclass(frozen=True)
class FigureBook:
    """The compiled figures.yaml."""

    rules: tuple[FigureRule, ...]
    window_words: int
    targets: re.Pattern[str]
    baseline: re.Pattern[str]
    inherit_lead: re.Pattern[str]
    periods: tuple[tuple[re.Pattern[str], str], ...]


def compile_figure_book(data: dict) -> FigureBook:
    """Compile the figure rules (raises re.error / KeyError on a bad file; the caller names it)."""

    def regex(pattern: str | None) -> re.Pattern[str] | None:
        return re.compile(normalize_tones(pattern), re.IGNORECASE) if pattern else None

    rules = tuple(
        FigureRule(
            id=spec["id"],
            indicator=spec["indicator"],
            measures=frozenset(spec["measures"]),
            confidence=Decimal(str(spec.get("confidence", "0.8"))),
            before=regex(spec.get("before")),
            lead=regex(spec.get("lead")),
            after=regex(spec.get("after")),
            service_lead=regex(spec.get("service_lead")),
            measure=spec.get("measure"),
            plus_100=spec.get("value") == "plus-100",
            priority=int(spec.get("priority", 1)),
        )
        for spec in data["figures"]
    )
    return FigureBook(
        rules=rules,
        window_words=int(data["window_words"]),
        targets=regex(data["targets"]),
        baseline=regex(data["baseline"]),
        inherit_lead=regex(data["inherit_lead"]),
        periods=tuple((regex(p["pattern"]), p["period"]) for p in data["periods"]),
    )


@dataclass(frozen=True)
class _Claim:
    rule: FigureRule
    start: int
    end: int
    service: Mention | None = None


def find_figures(
    book: FigureBook, article: Article, sentence: Sentence, mentions: list[Mention], subject_kinds: frozenset[str]
) -> list[Assertion]:
    """Every observation one sentence states."""
    text = article.search_text[sentence.start : sentence.end]
    offset = sentence.start
    opaque = [(m.start - offset, m.end - offset) for m in mentions if m.kind in _OPAQUE_KINDS]
    amounts = [a for a in find_amounts(text) if not any(s < a.end and a.start < e for s, e in opaque)]
    services = [m for m in mentions if m.kind == "service"]
    observations: list[Assertion] = []
    previous: dict[str, tuple[str, Mention | None]] = {}
    for index, amount in enumerate(amounts):
        clause_start = text.rfind(";", 0, amount.start) + 1
        claim = _claim(book, text, offset, amount, amounts[:index], clause_start, services)
        measure_key = amount.amount.unit
        if claim is None:
            inherited = previous.get(measure_key)
            if inherited is None or not book.inherit_lead.search(text[clause_start : amount.start]):
                continue
            rule = next(r for r in book.rules if r.indicator == inherited[0])
            claim = _Claim(rule, amount.start, amount.end, inherited[1])
        previous[measure_key] = (claim.rule.indicator, claim.service)
        observations.append(
            _observation(book, article, sentence, mentions, amount, claim, clause_start, subject_kinds)
        )
    return observations


def _claim(
    book: FigureBook,
    text: str,
    offset: int,
    amount: AmountMatch,
    earlier: list[AmountMatch],
    clause_start: int,
    services: list[Mention],
) -> _Claim | None:
    """Which rule claims an amount: surrounding phrases first, then the nearest phrase before it."""
    unit = amount.amount.unit
    before_text = text[clause_start : amount.start]
    for rule in book.rules:
        if unit not in rule.measures:
            continue
        after = rule.after.match(text, amount.end) if rule.after else None
        if after and (rule.lead is None or rule.lead.search(before_text)):
            return _Claim(rule, amount.start, after.end())
        if rule.service_lead:
            service = _service_before(text, offset, amount.start, clause_start, services, rule.service_lead)
            if service is not None:
                return _Claim(rule, service.start - offset, amount.end, service)
    last_amount_end = max((a.end for a in earlier if a.end <= amount.start), default=clause_start)
    window_start = max(clause_start, last_amount_end)
    best: tuple[tuple[int, int], _Claim] | None = None
    for rule in book.rules:
        if rule.before is None or unit not in rule.measures:
            continue
        hits = list(rule.before.finditer(text, window_start, amount.start))
        if not hits:
            continue
        hit = hits[-1]
        gap_words = len(re.findall(r"\w+", text[hit.end() : amount.start]))
        if gap_words > book.window_words:
            continue
        rank = (rule.priority, -gap_words)
        if best is None or rank > best[0]:
            best = (rank, _Claim(rule, hit.start(), amount.end))
    return best[1] if best else None


def _service_before(
    text: str, offset: int, position: int, clause_start: int, services: list[Mention], lead: re.Pattern[str]
) -> Mention | None:
    """The service a "<service> đạt <amount>" phrase is about; the first of "A và B" lists."""
    before = [m for m in services if clause_start <= m.start - offset and m.end - offset <= position]
    if not before:
        return None
    index = len(before) - 1
    if not lead.fullmatch(text[before[index].end - offset : position]):
        return None
    joiner = re.compile(r"\s*(?:và|,)\s*")
    while index > 0 and joiner.fullmatch(text[before[index - 1].end - offset : before[index].start - offset]):
        index -= 1
    return before[index]


def _observation(
    book: FigureBook,
    article: Article,
    sentence: Sentence,
    mentions: list[Mention],
    amount: AmountMatch,
    claim: _Claim,
    clause_start: int,
    subject_kinds: frozenset[str],
) -> Assertion:
    text = article.search_text[sentence.start : sentence.end]
    offset = sentence.start
    value = amount.amount.value + (Decimal(100) if claim.rule.plus_100 else Decimal(0))
    target = amount.qualifier == "target" or bool(book.targets.search(text[clause_start : amount.start]))
    qualifier = amount.qualifier
    if claim.rule.plus_100 and _EXCEEDS_RIGHT_BEFORE.search(text[: amount.start]):
        qualifier = "exact"  # "vượt 3% kế hoạch" is exactly 103 %: the "vượt" is in the value
    values = {
        "indicator": claim.rule.indicator,
        "value": format(value.normalize() if value == value.to_integral() else value, "f"),
        "measure": MEASURES.get(amount.amount.unit) or claim.rule.measure or "count",
        "qualifier": "target" if target else qualifier,
    }
    period = _period(book, article, sentence, text, amount, clause_start, mentions)
    if period is None and not target:
        period = _period_from_context(book, article, sentence, clause_start)
    if period is not None:
        values["period"] = period
    owners = [  # "tổng doanh thu của Bưu điện tỉnh đạt …": the unit named inside the phrase owns the figure
        m for m in mentions
        if m.kind in subject_kinds and offset + claim.start <= m.start and m.end <= offset + amount.start
    ]
    unit = owners[0] if owners else subject_of(article, sentence, mentions, offset + amount.start, subject_kinds)
    args = [("unit", unit)] + ([("service", claim.service)] if claim.service else [])
    evidence = Evidence(
        article.id, sentence.index, offset + min(claim.start, amount.start), offset + max(claim.end, amount.end),
        claim.rule.id, claim.rule.confidence,
    )
    return Assertion("observation", tuple(args), evidence, tuple(sorted(values.items())))


def _period(
    book: FigureBook,
    article: Article,
    sentence: Sentence,
    text: str,
    amount: AmountMatch,
    clause_start: int,
    mentions: list[Mention],
) -> str | None:
    """The period stated in the amount's clause: the nearest one before it, else after it."""
    clause_end = text.find(";", amount.end)
    clause_end = len(text) if clause_end < 0 else clause_end
    documents = [(m.start - sentence.start, m.end - sentence.start) for m in mentions if m.kind == "document"]
    candidates = [
        c
        for c in _period_candidates(book, article, text, clause_start, clause_end)
        if not any(s <= c[0] < e for s, e in documents)
        and not book.baseline.search(text[clause_start : c[0]])
        and not (c[0] < amount.end and amount.start < c[1])
    ]
    before = [c for c in candidates if c[1] <= amount.start]
    if before:
        return max(before, key=lambda c: c[1])[2]
    after = [c for c in candidates if c[0] >= amount.end]
    return min(after, key=lambda c: c[0])[2] if after else None


def _period_candidates(
    book: FigureBook, article: Article, text: str, start: int, end: int
) -> list[tuple[int, int, str]]:
    candidates = []
    for match in find_dates(text[start:end]):
        candidates.append((start + match.start, start + match.end, _label(match.value)))
    for pattern, label in book.periods:
        for match in pattern.finditer(text, start, end):
            if label == "previous-year":
                if article.date is None:
                    continue
                label_text = str(article.date.year - 1)
            else:
                label_text = label.format(**match.groupdict())
            candidates.append((match.start(), match.end(), label_text))
    return candidates


def _label(value: object) -> str:
    if isinstance(value, Period):
        if value.quarter:
            return f"{value.year}-Q{value.quarter}"
        if value.month:
            return f"{value.year}-{value.month:02d}"
        return str(value.year)
    return value.isoformat()  # a full date: the figure is "as of" that day


def _period_from_context(book: FigureBook, article: Article, sentence: Sentence, clause_start: int) -> str | None:
    """The year of the paragraph so far: the last year named before the figure's clause.

    Only years carry over: "Năm 2020, … Cụ thể, tổng doanh thu đạt 249 tỷ" is 2020.
    """
    earlier = [s for s in article.sentences if s.paragraph == sentence.paragraph and s.index <= sentence.index]
    for previous in reversed(earlier):
        end = sentence.start + clause_start if previous.index == sentence.index else previous.end
        text = article.search_text[previous.start : end]
        years = [
            m
            for m in find_dates(text)
            if not (isinstance(m.value, Period) and (m.value.quarter or m.value.month))
            and not book.baseline.search(text[: m.start])
        ]
        if years:
            return str(years[-1].value.year)
    return None
