"""Relation matchers: rules that read who-did-what-to-whom from a sentence's mentions.

A sentence is rewritten as a tagged string in which every mention is a token `⟦i:kind⟧`; a rule
template's `{name:TYPE}` slot matches one such token. Rules therefore stay short and readable,
and they never re-match names: that is the mention matchers' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.model import Article, Assertion, Evidence, Mention, Sentence
from kg.text import normalize_tones

_SLOT = re.compile(r"\{(?P<name>[a-z][a-z0-9_]*):(?P<type>[A-Z][A-Z_]*)\}")
_SECOND = "_2"


@dataclass(frozen=True)
class RelationRule:
    """A compiled relation rule from kg/data/rules/*.yaml."""

    id: str
    relation: str
    description: str
    confidence: Decimal
    regex: re.Pattern[str]
    then: re.Pattern[str] | None
    year: str | None
    subject: str | None = None
    subject_kinds: frozenset[str] = frozenset()
    after: tuple[tuple[str, frozenset[str]], ...] = ()
    values: tuple[tuple[str, str], ...] = ()


# A unit right after these words is an object ("do Tổng Công ty giao", "của đơn vị"), not the subject.
_NOT_SUBJECT = re.compile(
    r"(?:\bdo|\bcủa|\bvới|\bcho|\bđược|\btặng|\bcùng|\bphối\s+hợp|\bkế\s+hoạch|\bchỉ\s+tiêu|\bchỉ\s+đạo"
    r"|\bđịnh\s+hướng|\bthuộc|\bvà)\s*$",
    re.IGNORECASE,
)


def compile_template(template: str, slot_types: dict[str, list[str]]) -> re.Pattern[str]:
    """Replace `{name:TYPE}` slots by mention-token patterns and compile (case-insensitive)."""

    def slot(match: re.Match[str]) -> str:
        kinds = slot_types[match.group("type")]
        alternatives = "|".join(re.escape(kind) for kind in kinds)
        return rf"⟦(?P<{match.group('name')}>\d+):(?:{alternatives})⟧"

    return re.compile(_SLOT.sub(slot, normalize_tones(template)), re.IGNORECASE | re.MULTILINE)


def slot_type_names(template: str) -> set[str]:
    """The slot types a template uses (for checking rule files)."""
    return {match.group("type") for match in _SLOT.finditer(template)}


def tag_sentence(article: Article, sentence: Sentence, mentions: list[Mention]) -> str:
    """The sentence's tone-normalized text with each mention replaced by `⟦i:kind⟧`."""
    parts: list[str] = []
    cursor = sentence.start
    for index, mention in enumerate(mentions):
        parts.append(article.search_text[cursor : mention.start])
        parts.append(f"⟦{index}:{mention.kind}⟧")
        cursor = mention.end
    parts.append(article.search_text[cursor : sentence.end])
    return "".join(parts)


def apply_rule(
    rule: RelationRule, article: Article, sentence: Sentence, mentions: list[Mention], tagged: str
) -> list[Assertion]:
    """Every assertion the rule finds in one tagged sentence."""
    assertions: list[Assertion] = []
    position = 0
    while (match := rule.regex.search(tagged, position)) is not None:
        base = _bound(match, mentions)
        assertions.extend(_emit(rule, article, sentence, mentions, base))
        position = max(match.end(), match.start() + 1)
        if rule.then is None:
            continue
        while (more := rule.then.match(tagged, position)) is not None and more.end() > position:
            assertions.extend(_emit(rule, article, sentence, mentions, {**base, **_bound(more, mentions)}))
            position = more.end()
    return assertions


def _bound(match: re.Match[str], mentions: list[Mention]) -> dict[str, Mention]:
    return {name: mentions[int(index)] for name, index in match.groupdict().items() if index is not None}


def _emit(
    rule: RelationRule,
    article: Article,
    sentence: Sentence,
    mentions: list[Mention],
    args: dict[str, Mention],
) -> list[Assertion]:
    """One assertion per filled `x` / `x_2` alternative, with the nearest year if the rule asks."""
    args = _complete(rule, article, sentence, mentions, args)
    seconds = {name[: -len(_SECOND)]: args[name] for name in args if name.endswith(_SECOND)}
    firsts = {name: mention for name, mention in args.items() if not name.endswith(_SECOND)}
    variants = [firsts] + [{**firsts, name: mention} for name, mention in seconds.items()]
    if rule.subject and rule.subject in firsts:  # "A và B triển khai …": each of them
        variants += [
            {**firsts, rule.subject: other}
            for other in _coordinated(article, mentions, firsts[rule.subject], rule.subject_kinds)
        ]
    assertions = []
    for variant in variants:
        if rule.year == "nearest" and "year" not in variant:
            year = _nearest_year(mentions, variant)
            if year is not None:
                variant = {**variant, "year": year}
        start = min(m.start for m in variant.values())
        end = max(m.end for m in variant.values())
        evidence = Evidence(article.id, sentence.index, start, end, rule.id, rule.confidence)
        assertions.append(Assertion(rule.relation, tuple(sorted(variant.items())), evidence, rule.values))
    return assertions


def _complete(
    rule: RelationRule, article: Article, sentence: Sentence, mentions: list[Mention], args: dict[str, Mention]
) -> dict[str, Mention]:
    """Fill the rule's implicit slots: the sentence's subject unit, and mentions after the match."""
    args = dict(args)
    start = min(m.start for m in args.values())
    end = max(m.end for m in args.values())
    if rule.subject and rule.subject not in args:
        args[rule.subject] = subject_of(article, sentence, mentions, start, rule.subject_kinds)
    clause_end = article.search_text.find(";", end, sentence.end)
    clause_end = sentence.end if clause_end < 0 else clause_end
    for name, kinds in rule.after:
        if name not in args:
            later = [m for m in mentions if end <= m.start < clause_end and m.kind in kinds]
            if later:
                args[name] = later[0]
    return args


def _coordinated(article: Article, mentions: list[Mention], first: Mention, kinds: frozenset[str]) -> list[Mention]:
    """Units joined to a subject by "và" or a comma ("Bưu điện quận Hải Châu và Bưu điện quận Sơn Trà")."""
    joined = []
    previous = first
    for mention in mentions:
        if mention.start < previous.end:
            continue
        between = article.search_text[previous.end : mention.start]
        if mention.kind not in kinds or not re.fullmatch(r"\s*(?:,|và)\s*", between):
            break
        joined.append(mention)
        previous = mention
    return joined


def subject_of(
    article: Article, sentence: Sentence, mentions: list[Mention], before: int, kinds: frozenset[str]
) -> Mention:
    """The unit a sentence is about: its first unit mention before `before` that is not an object
    (in the same clause first, a post before the corporation); failing that, the article's own
    provincial post (an implicit "Bưu điện tỉnh")."""
    clause_start = article.search_text.rfind(";", sentence.start, before) + 1 or sentence.start
    eligible = [
        mention
        for mention in mentions
        if mention.start < before
        and mention.kind in kinds
        and not _NOT_SUBJECT.search(article.search_text[sentence.start : mention.start])
    ]
    # A clause of a ";" list has its own subject; the corporation is more often the one giving
    # plans than the one acting, so a post wins over it.
    for mention in sorted(eligible, key=lambda m: (m.start < clause_start, m.kind == "corporation", m.start)):
        return mention
    evidence = Evidence(article.id, sentence.index, before, before, "resolve.implicit-subject", Decimal("0.6"))
    return Mention("unit", "", before, before, evidence, anaphor="provincial-post")


def _nearest_year(mentions: list[Mention], args: dict[str, Mention]) -> Mention | None:
    start = min(m.start for m in args.values())
    end = max(m.end for m in args.values())
    years = [m for m in mentions if m.kind == "year"]

    def distance(year: Mention) -> int:
        return 0 if start <= year.start < end else min(abs(year.start - end), abs(start - year.end))

    return min(years, key=lambda y: (distance(y), y.start), default=None)
