"""Evaluation against a gold standard: precision, recall and F1 per fact kind.

The gold (tests/gold/<set>/<article-id>.yaml, format in docs/gold-format.md) is written by people
reading the articles. Extracted facts are turned into the same comparable keys, article by
article; a fact stated by several articles counts in each of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from kg.assemble import event_kind
from kg.errors import UserInputError
from kg.extract import extract, load_rulebook
from kg.model import ResolvedCorpus
from kg.read import read_corpus
from kg.resolve import resolve

KINDS = (
    "units", "memberships", "awards", "observations", "services", "partnerships",
    "documents", "events", "history", "authors", "identities",
)
POSTAL_KINDS = {"corporation", "provincial-post", "district-post", "commune-point"}

Key = tuple


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Scores per kind and overall, with every miss and false positive for inspection."""

    scores: dict[str, Score] = field(default_factory=lambda: {kind: Score() for kind in KINDS})
    misses: list[tuple[str, str, Key]] = field(default_factory=list)
    false_positives: list[tuple[str, str, Key]] = field(default_factory=list)
    articles: int = 0

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.true_positives += score.true_positives
            total.false_positives += score.false_positives
            total.false_negatives += score.false_negatives
        return total


def evaluate(corpus_dir: Path, gold_dir: Path, rules_dir: Path | None = None) -> Evaluation:
    """Extract the corpus and compare with the gold files, one article at a time."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise UserInputError(f"gold folder {gold_dir} does not exist")
    gold = {path.stem: _load_gold(path) for path in sorted(gold_dir.glob("*.yaml"))}
    if not gold:
        raise UserInputError(f"gold folder {gold_dir} holds no <article-id>.yaml file")
    articles, _ = read_corpus(Path(corpus_dir))
    missing = sorted(set(gold) - {a.id for a in articles})
    if missing:
        raise UserInputError(f"gold files without a readable article in {corpus_dir}: {', '.join(missing)}")
    rulebook = load_rulebook(Path(rules_dir)) if rules_dir else load_rulebook()
    chosen = [a for a in articles if a.id in gold]
    resolved = resolve([extract(a, rulebook) for a in chosen], rulebook.gazetteer, rulebook.descriptions())
    found = extracted_keys(resolved)
    evaluation = Evaluation(articles=len(chosen))
    for article_id, expected in gold.items():
        for kind in KINDS:
            _compare(evaluation, article_id, kind, expected.get(kind, set()), found[article_id].get(kind, set()))
    return evaluation


def _compare(evaluation: Evaluation, article_id: str, kind: str, expected: set[Key], found: set[Key]) -> None:
    score = evaluation.scores[kind]
    score.true_positives += len(expected & found)
    score.false_negatives += len(expected - found)
    score.false_positives += len(found - expected)
    evaluation.misses.extend((article_id, kind, key) for key in sorted(expected - found, key=repr))
    evaluation.false_positives.extend((article_id, kind, key) for key in sorted(found - expected, key=repr))


# --- the gold side ----------------------------------------------------------------------------


def _load_gold(path: Path) -> dict[str, set[Key]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as problem:
        raise UserInputError(f"gold file {path} cannot be read: {problem}") from None
    unknown = set(data) - {"article", *KINDS}
    if unknown:
        raise UserInputError(f"gold file {path}: unknown sections {sorted(unknown)}")
    keys: dict[str, set[Key]] = {}
    try:
        keys["units"] = {(str(u),) for u in data.get("units") or []}
        keys["memberships"] = {_membership(**m) for m in data.get("memberships") or []}
        keys["awards"] = {_award(**a) for a in data.get("awards") or []}
        keys["observations"] = {_observation(**o) for o in data.get("observations") or []}
        keys["services"] = {(s["unit"], s["service"]) for s in data.get("services") or []}
        keys["partnerships"] = {(p["unit"], p["partner"]) for p in data.get("partnerships") or []}
        keys["documents"] = {(str(d["number"]), d.get("issuer")) for d in data.get("documents") or []}
        keys["events"] = {(e["kind"], _text(e.get("date")), e["organizer"]) for e in data.get("events") or []}
        keys["history"] = {
            (h["kind"], h["organization"], _text(h.get("date"))) for h in data.get("history") or []
        }
        keys["authors"] = {(str(a),) for a in data.get("authors") or []}
        keys["identities"] = {tuple(sorted(map(str, pair))) for pair in data.get("identities") or []}
    except (KeyError, TypeError, InvalidOperation) as problem:
        raise UserInputError(f"gold file {path}: a fact lacks a required field or is malformed ({problem})") from None
    return keys


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f")


def _membership(person: str, role: str, org: str | None = None, **_: object) -> Key:
    return (person, role, org)


def _award(recipient: str, award: str, conferrer: str | None = None, year: int | None = None, **_: object) -> Key:
    return (recipient, award, conferrer, None if year is None else int(year))


def _observation(unit: str, indicator: str, value: object, period: object = None, service: str | None = None,
                 **_: object) -> Key:
    return (unit, indicator, service, _text(period), _number(value))


# --- the extracted side -----------------------------------------------------------------------


def extracted_keys(resolved: ResolvedCorpus) -> dict[str, dict[str, set[Key]]]:
    """The comparable keys of everything extracted, per article."""
    entities = resolved.entities

    def slug(key: object) -> str | None:
        if key is None:
            return None
        text = str(key)
        if text in entities:
            entity = entities[text]
            return "group" if entity.kind == "recipient-group" else entity.slug
        return text.split(":", 1)[1]

    found: dict[str, dict[str, set[Key]]] = defaultdict(lambda: defaultdict(set))
    for entity in entities.values():
        if entity.kind in POSTAL_KINDS:
            for article_id in {e.article_id for e in entity.mentions}:
                found[article_id]["units"].add((entity.slug,))
    for article_id, context in resolved.contexts.items():
        if context.author:
            found[article_id]["authors"].add((slug(context.author),))
    for fact in resolved.facts:
        a = fact.args
        for article_id in {e.article_id for e in fact.evidence}:
            kind, key = _fact_key(fact.kind, a, slug, entities)
            if kind:
                found[article_id][kind].add(key)
    return found


def _fact_key(kind: str, a: dict, slug, entities) -> tuple[str | None, Key]:
    if kind == "membership":
        return "memberships", (slug(a["person"]), slug(a["role"]), slug(a.get("org")))
    if kind == "award-conferral":
        return "awards", (slug(a["recipient"]), slug(a["award"]), slug(a.get("conferrer")), a.get("year"))
    if kind == "observation":
        return "observations", (slug(a["unit"]), slug(a["indicator"]), slug(a.get("service")), a.get("period"),
                                _number(a["value"]))
    if kind == "offers-service":
        return "services", (slug(a["unit"]), slug(a["service"]))
    if kind == "partnership":
        return "partnerships", (slug(a["unit"]), slug(a["partner"]))
    if kind == "citation":
        document = entities[a["document"]]
        issuer = next((other for relation, other in document.links if relation == "issued-by"), None)
        number = next(value for name, value in document.attributes if name == "document-number")
        return "documents", (number, slug(issuer))
    if kind == "event":
        return "events", (event_kind(a["name"]), a.get("date"), slug(a["organizer"]))
    if kind == "history":
        return "history", (slug(a["kind"]), slug(a["organization"]), a.get("date"))
    if kind == "likely-same":
        return "identities", tuple(sorted((slug(a["person"]), slug(a["other"]))))
    return None, ()


def format_report(evaluation: Evaluation, details: bool = False) -> str:
    """A table of P/R/F1 per kind and overall; with details, every miss and false positive."""
    lines = [f"{'kind':<14}{'gold':>6}{'found':>7}{'TP':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    rows = [*evaluation.scores.items(), ("overall", evaluation.overall)]
    for kind, score in rows:
        gold = score.true_positives + score.false_negatives
        found = score.true_positives + score.false_positives
        lines.append(
            f"{kind:<14}{gold:>6}{found:>7}{score.true_positives:>5}"
            f"{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
        )
    lines.append(f"({evaluation.articles} articles)")
    if details:
        for title, items in (("missed", evaluation.misses), ("false positives", evaluation.false_positives)):
            lines.append(f"\n{title}:")
            lines.extend(f"  {article} {kind}: {key}" for article, kind, key in items)
    return "\n".join(lines) + "\n"


def format_markdown(evaluation: Evaluation) -> str:
    """The scores as a Markdown table (the README shows this, checked by a test)."""
    lines = [
        "| fact kind | gold | found | correct | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, score in [*evaluation.scores.items(), ("**overall**", evaluation.overall)]:
        gold = score.true_positives + score.false_negatives
        found = score.true_positives + score.false_positives
        lines.append(
            f"| {kind} | {gold} | {found} | {score.true_positives} | {score.precision:.3f} | {score.recall:.3f} "
            f"| {score.f1:.3f} |"
        )
    return "\n".join(lines) + "\n"
