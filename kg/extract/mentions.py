"""Mention matchers: find the names of things in an article (gazetteer and pattern matchers).

Each mention type comes from kg/data/rules/mentions.yaml. All types run over the whole
tone-normalized text of an article; overlapping candidates are settled by position, length and
priority; a mention is kept only inside one sentence of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.dates import parse_date
from kg.extract.gazetteer import Gazetteer
from kg.extract.patterns import NAMEWORD, alternation, bounded
from kg.model import Article, Evidence, Mention
from kg.text import LOWER, UPPER, match_key, normalize_tones

_PLACEHOLDER = re.compile(r"\{(?P<name>[A-Z]+)\}")


@dataclass(frozen=True)
class MentionType:
    """A compiled mention rule: what it matches and what a match refers to."""

    id: str
    kind: str | None
    regexes: tuple[re.Pattern[str], ...]
    priority: int
    confidence: Decimal
    ref: str | None = None
    anaphor: str | None = None
    value: str | None = None
    gazetteer: str | None = None
    reject_places: bool = False


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    mention_type: MentionType
    match: re.Match[str]


def compile_mention_type(spec: dict, gazetteer: Gazetteer) -> MentionType:
    """Build a MentionType from one entry of mentions.yaml."""
    source = spec.get("gazetteer")
    flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
    if source == "provincial-bodies":
        names = alternation(_gazetteer_names(source, gazetteer))
        placed = alternation(name for body in gazetteer.bodies.values() for name in body.placed)
        province = alternation(gazetteer.province_names)
        patterns = [
            rf"(?P<body>{names})(?:\s+các\s+cấp)?(?:\s+(?:tỉnh|thành\s+phố|TP\.?)\s*(?P<province>{province}))?",
            rf"(?P<body>{placed})\s+(?:(?:tỉnh|thành\s+phố|TP\.?)\s*)?(?P<province>{province})",
        ]
    elif source:
        patterns = [alternation(_gazetteer_names(source, gazetteer))]
    else:
        patterns = [_expand(normalize_tones(p), gazetteer) for p in spec["patterns"]]
    return MentionType(
        id=spec["id"],
        kind=spec.get("kind"),
        regexes=tuple(re.compile(bounded(pattern), flags) for pattern in patterns),
        priority=int(spec.get("priority", 0)),
        confidence=Decimal(str(spec.get("confidence", "0.7" if spec.get("anaphor") else "0.9"))),
        ref=spec.get("ref"),
        anaphor=spec.get("anaphor"),
        value=spec.get("value"),
        gazetteer=source,
        reject_places=bool(spec.get("reject_places")),
    )


def _gazetteer_names(source: str, gazetteer: Gazetteer) -> list[str]:
    if source == "organizations":
        return [alias for org in gazetteer.organizations.values() for alias in org.aliases]
    if source == "awards":
        return [name for name in gazetteer.award_names]
    if source == "roles":
        return [title for role in gazetteer.roles.values() for title in role.titles]
    if source == "services":
        return list(gazetteer.service_names)
    if source == "provincial-bodies":
        return [alias for body in gazetteer.bodies.values() for alias in body.aliases]
    raise KeyError(source)


def _expand(pattern: str, gazetteer: Gazetteer) -> str:
    fills = {
        "PROVINCE": lambda: alternation(gazetteer.province_names),
        "DISTRICT": lambda: alternation(gazetteer.district_names),
        "DISTRICTNAME": lambda: alternation(n for n in gazetteer.district_names if not n.isdigit()),
        "SURNAME": lambda: alternation(gazetteer.surnames),
        "NAMEWORD": lambda: NAMEWORD,
        "LOWERWORD": lambda: f"[{LOWER}]+",
        "UPPERCHAR": lambda: UPPER,
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in fills:
            raise KeyError(f"unknown placeholder {{{name}}}")
        return fills[name]()

    return _PLACEHOLDER.sub(fill, pattern)


def find_mentions(article: Article, types: list[MentionType], gazetteer: Gazetteer) -> list[Mention]:
    """Every mention in the article's sentences, non-overlapping, in text order."""
    candidates = [
        _Candidate(match.start(), match.end(), mention_type.priority, mention_type, match)
        for mention_type in types
        for regex in mention_type.regexes
        for match in regex.finditer(article.search_text)
    ]
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority, c.mention_type.id))
    sentence_of = _sentence_locator(article)
    mentions: list[Mention] = []
    taken_until = -1
    for candidate in candidates:
        if candidate.start < taken_until:
            continue
        sentence_index = sentence_of(candidate.start, candidate.end)
        if sentence_index is None:
            continue
        mention = _to_mention(article, candidate, sentence_index, gazetteer)
        if mention is None:
            continue
        mentions.append(mention)
        taken_until = candidate.end
    return mentions


def _sentence_locator(article: Article):
    spans = [(s.start, s.end, s.index) for s in article.sentences]

    def locate(start: int, end: int) -> int | None:
        for sentence_start, sentence_end, index in spans:
            if sentence_start <= start and end <= sentence_end:
                return index
            if sentence_start > start:
                return None
        return None

    return locate


def _to_mention(article: Article, candidate: _Candidate, sentence_index: int, gazetteer: Gazetteer):
    mention_type, match = candidate.mention_type, candidate.match
    text = article.text[candidate.start : candidate.end]
    evidence = Evidence(
        article.id, sentence_index, candidate.start, candidate.end, mention_type.id, mention_type.confidence
    )
    if mention_type.gazetteer:
        return _gazetteer_mention(article, candidate, text, evidence, gazetteer)
    if mention_type.reject_places and gazetteer.is_place_name(text):
        return None
    kind = mention_type.kind or "thing"
    value = int(match.group(mention_type.value)) if mention_type.value else None
    groups = {name: found for name, found in match.groupdict().items() if found is not None}
    attributes = _attributes(groups)
    if attributes is None:
        return None
    if mention_type.anaphor:
        return Mention(
            kind, text, candidate.start, candidate.end, evidence, anaphor=mention_type.anaphor, value=value
        )
    if mention_type.ref is None:
        return Mention(kind, text, candidate.start, candidate.end, evidence, value=value, attributes=attributes)
    if "commune" in groups:
        refs = tuple(f"commune-point:{code}" for code in _commune_codes(groups, gazetteer))
        if not refs:
            return None
        ref = refs[0] if len(refs) == 1 else None
        return Mention(kind, text, candidate.start, candidate.end, evidence, ref=ref, candidates=refs)
    if "district" in groups:
        codes = gazetteer.districts_by_key.get(match_key(groups["district"]), [])
        refs = tuple(mention_type.ref.format(**{**_keys(groups, gazetteer), "district": c}) for c in codes)
        if not refs:
            return None
        ref = refs[0] if len(refs) == 1 else None
        return Mention(kind, text, candidate.start, candidate.end, evidence, ref=ref, candidates=refs)
    ref = mention_type.ref.format(**_keys(groups, gazetteer), text=match_key(text))
    return Mention(kind, text, candidate.start, candidate.end, evidence, ref=ref, value=value, attributes=attributes)


def _attributes(groups: dict[str, str]) -> tuple[tuple[str, str], ...] | None:
    """Details a mention carries: a document's kind and number, a date in ISO form.

    None when a date group does not hold a real date (the whole mention is then dropped).
    """
    details = []
    for name in ("kind", "number", "name"):
        if name in groups:
            details.append((name, " ".join(groups[name].split())))
    if "date" in groups:
        date = parse_date(groups["date"])
        if date is None:
            return None
        details.append(("date", date.isoformat()))
    return tuple(details)


def _commune_codes(groups: dict[str, str], gazetteer: Gazetteer) -> list[str]:
    """Communes named by the longest leading part of the captured words, inside the named district."""
    words = groups["commune"].split()
    for size in range(len(words), 0, -1):
        codes = gazetteer.communes_by_key.get(match_key(" ".join(words[:size])), [])
        if "district" in groups:
            districts = set(gazetteer.districts_by_key.get(match_key(groups["district"]), []))
            codes = [c for c in codes if gazetteer.communes[c].district_code in districts]
        if codes:
            return codes
    return []


def _keys(groups: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    keys = {name: match_key(value) for name, value in groups.items()}
    if "province" in groups:
        keys["province"] = gazetteer.province_by_key[match_key(groups["province"])]
    return keys


def _gazetteer_mention(article, candidate, text, evidence, gazetteer: Gazetteer) -> Mention | None:
    key = match_key(text)
    source = candidate.mention_type.gazetteer
    start, end = candidate.start, candidate.end
    if source == "awards":
        return Mention("award", text, start, end, evidence, ref=f"award-type:{gazetteer.award_names[key]}")
    if source == "roles":
        return Mention("role", text, start, end, evidence, ref=f"role:{gazetteer.role_titles[key]}")
    if source == "services":
        return Mention("service", text, start, end, evidence, ref=f"service:{gazetteer.service_names[key]}")
    if source == "provincial-bodies":
        match = candidate.match
        body = gazetteer.bodies[gazetteer.body_by_alias[match_key(match.group("body"))]]
        if match.group("province"):
            code = gazetteer.province_by_key[match_key(match.group("province"))]
            return Mention(body.org_class, text, start, end, evidence, ref=f"body:{body.id}:{code}")
        return Mention(body.org_class, text, start, end, evidence, anaphor=f"body:{body.id}")
    org = gazetteer.organizations[gazetteer.org_by_alias[key]]
    before = match_key(article.search_text[max(0, start - 30) : start])
    if any(before.endswith(match_key(word)) for word in org.not_after):
        return None
    return Mention(org.org_class, text, start, end, evidence, ref=f"org:{org.id}")
