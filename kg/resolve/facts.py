"""Facts: resolved assertions, merged so that one real fact is one node with all its evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from kg.extract.gazetteer import Gazetteer
from kg.model import Assertion, Entity, Evidence, Fact, Mention
from kg.resolve.entities import EntityBuilder
from kg.text import match_key, slugify

Binder = Callable[[Mention], list[str]]
# What a cited document is about: "… của UBND tỉnh Long An về việc tăng số lượng thủ tục …".
_ABOUT = re.compile(
    r"\s*(?:,\s*)?(?:ngày\s+\S+\s+)?(?:của\s+[^,;.()]{2,60}?\s+)?về\s+(?:việc\s+)?(?P<about>[^,;.()]{5,200})",
    re.IGNORECASE,
)


class ArticleFacts:
    """Turns one article's assertions into facts, given how its mentions are bound."""

    def __init__(
        self, builder: EntityBuilder, gazetteer: Gazetteer, bind: Binder, province: str | None, text: str = ""
    ) -> None:
        self.text = text
        self.builder = builder
        self.gazetteer = gazetteer
        self.bind = bind
        self.province = province
        self.facts: list[Fact] = []

    def run(self, assertions: Iterable[Assertion]) -> list[Fact]:
        assertions = list(assertions)
        handlers = {
            "award-conferral": self._conferral,
            "membership": self._membership,
            "observation": self._observation,
            "offers-service": self._offer,
            "partnership": self._partnership,
            "citation": self._citation,
            "event": self._event,
            "history": self._history,
        }
        for assertion in assertions:
            if assertion.relation in handlers:
                handlers[assertion.relation](assertion)
        self._complete_memberships()
        self._attend([a for a in assertions if a.relation == "attendance"])
        return merge_undated(self.facts)

    def _key(self, mention: Mention | None) -> str | None:
        """The single entity a mention names, made known to the builder; None if not exactly one."""
        if mention is None:
            return None
        keys = self.bind(mention)
        if len(keys) != 1:
            return None
        self.builder.add(keys[0], mention)
        return keys[0]

    def _add(self, kind: str, args: dict[str, object], evidence: Evidence) -> None:
        self.facts.append(Fact(kind, "", {k: v for k, v in args.items() if v is not None}, [evidence]))

    def _conferral(self, assertion: Assertion) -> None:
        recipient, award = self._key(assertion.arg("recipient")), self._key(assertion.arg("award"))
        if recipient is None or award is None:
            return
        year = assertion.arg("year")
        args = {
            "recipient": recipient,
            "award": award,
            "conferrer": self._conferrer(assertion.arg("conferrer")),
            "presenter": self._key(assertion.arg("presenter")),
            "year": year.value if year is not None else None,
        }
        self._add("award-conferral", args, assertion.evidence)

    def _conferrer(self, mention: Mention | None) -> str | None:
        key = self._key(mention)
        if key and key.startswith("role:"):  # "Tổng Giám đốc" issues in the name of the corporation
            default = self.gazetteer.roles[key.split(":", 1)[1]].default_org
            key = f"org:{default}" if default else None
            if key:
                self.builder.ensure(key)
        return key

    def _membership(self, assertion: Assertion) -> None:
        person, role = self._key(assertion.arg("person")), self._key(assertion.arg("role"))
        if person is None or role is None:
            return
        self._add("membership", {"person": person, "role": role, "org": self._key(assertion.arg("org"))},
                  assertion.evidence)

    def _complete_memberships(self) -> None:
        """A membership without an organization takes the one the same person holds that role in
        elsewhere in the article, else the role's default organization."""
        known = {
            (f.args["person"], f.args["role"]): f.args["org"]
            for f in self.facts
            if f.kind == "membership" and "org" in f.args
        }
        for fact in self.facts:
            if fact.kind != "membership" or "org" in fact.args:
                continue
            org = known.get((fact.args["person"], fact.args["role"]))
            default = self.gazetteer.roles[str(fact.args["role"]).split(":", 1)[1]].default_org
            if org is None and default:
                org = f"org:{default}"
                self.builder.ensure(org)
            if org is not None:
                fact.args["org"] = org

    def _observation(self, assertion: Assertion) -> None:
        unit = self._key(assertion.arg("unit"))
        if unit is None:
            return
        values = dict(assertion.values)
        args = {
            "unit": unit,
            "indicator": f"indicator:{values['indicator']}",
            "service": self._key(assertion.arg("service")),
            "period": values.get("period"),
            "value": values["value"],
            "measure": f"unit:{values['measure']}",
            "qualifier": f"qualifier:{values['qualifier']}",
        }
        self._add("observation", args, assertion.evidence)

    def _offer(self, assertion: Assertion) -> None:
        unit, service = self._key(assertion.arg("unit")), self._key(assertion.arg("service"))
        if unit and service:
            self._add("offers-service", {"unit": unit, "service": service}, assertion.evidence)

    def _partnership(self, assertion: Assertion) -> None:
        unit, partner = self._key(assertion.arg("unit")), self._key(assertion.arg("partner"))
        if unit and partner and unit != partner:
            year = assertion.arg("year")
            args = {
                "unit": unit,
                "partner": partner,
                "service": self._key(assertion.arg("service")),
                "year": year.value if year is not None else None,
            }
            self._add("partnership", args, assertion.evidence)

    def _citation(self, assertion: Assertion) -> None:
        mention = assertion.arg("document")
        citer = self._key(assertion.arg("citer"))
        if mention is None or citer is None:
            return
        issuer = self._conferrer(assertion.arg("issuer")) or self._issuer_from_number(mention)
        number = mention.attribute("number") or ""
        key = f"document:{match_key(number)}" if "/" in number else f"document:{match_key(number)}@{issuer}"
        self.builder.add(key, mention)
        document = self.builder.entities[key]
        if issuer:
            document.links.add(("issued-by", issuer))
        if about := _ABOUT.match(self.text, mention.end):
            document.attributes.add(("subject", " ".join(about.group("about").split())))
        self._add("citation", {"citer": citer, "document": key}, assertion.evidence)

    def _issuer_from_number(self, mention: Mention) -> str | None:
        """The issuer a document number's code names: "…/QĐ-TTg" is the Prime Minister's."""
        code = (mention.attribute("number") or "").rsplit("-", 1)[-1].lower()
        issuer = self.gazetteer.document_issuers.get(code) if "-" in (mention.attribute("number") or "") else None
        if issuer == "peoples-committee":
            issuer = f"peoples-committee:{self.province}" if self.province else None
        if issuer:
            self.builder.ensure(issuer)
        return issuer

    def _event(self, assertion: Assertion) -> None:
        organizer, event = self._key(assertion.arg("organizer")), assertion.arg("event")
        if organizer is None or event is None:
            return
        date = assertion.arg("date")
        name = " ".join(event.text.split())
        args = {"organizer": organizer, "name": name, "date": date.attribute("date") if date else None}
        self._add("event", args, assertion.evidence)

    def _attend(self, attendances: list[Assertion]) -> None:
        events = [f for f in self.facts if f.kind == "event"]
        if not events:
            return
        for assertion in attendances:
            person = self._key(assertion.arg("person"))
            if person is None:
                continue
            event = max(events, key=lambda f: (f.evidence[0].start <= assertion.evidence.start, f.evidence[0].start))
            event.args.setdefault("participants", set()).add(person)
            event.evidence.append(assertion.evidence)

    def _history(self, assertion: Assertion) -> None:
        organization, date = self._key(assertion.arg("organization")), assertion.arg("date")
        if organization is None:
            return
        args = {
            "kind": f"change-kind:{dict(assertion.values)['kind']}",
            "organization": organization,
            "date": date.attribute("date") if date else None,
        }
        self._add("history", args, assertion.evidence)


def merge_undated(facts: list[Fact]) -> list[Fact]:
    """An undated conferral joins the one dated conferral of the same award in the same article."""
    dated: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "award-conferral" and "year" in fact.args:
            dated[_conferral_identity(fact)].append(fact)
    merged = []
    for fact in facts:
        if fact.kind == "award-conferral" and "year" not in fact.args:
            matches = dated.get(_conferral_identity(fact), [])
            if len({m.args["year"] for m in matches}) == 1:
                matches[0].evidence.extend(fact.evidence)
                continue
        merged.append(fact)
    return merged


def _conferral_identity(fact: Fact) -> tuple:
    return (fact.args.get("recipient"), fact.args.get("award"), fact.args.get("conferrer"))


# The arguments that make two facts the same fact; the others are details merged in.
IDENTITY_ARGS = {
    "award-conferral": ("recipient", "award", "conferrer", "year"),
    "membership": ("person", "role", "org"),
    "observation": ("unit", "indicator", "service", "period", "value"),
    "offers-service": ("unit", "service"),
    "partnership": ("unit", "partner"),
    "citation": ("citer", "document"),
    "event": ("organizer", "name"),
    "history": ("kind", "organization", "date"),
    "likely-same": ("person", "other"),
}


def add_fact(facts: dict[str, Fact], fact: Fact) -> None:
    """Add a fact, or merge its evidence and details into the same fact already known."""
    identity = fact.kind + "|" + "|".join(str(fact.args.get(n)) for n in IDENTITY_ARGS[fact.kind])
    if identity not in facts:
        facts[identity] = fact
        return
    existing = facts[identity]
    existing.evidence.extend(fact.evidence)
    for name, value in fact.args.items():
        if isinstance(value, set):
            existing.args.setdefault(name, set()).update(value)
        else:
            existing.args.setdefault(name, value)


def fact_slug(fact: Fact, entities: dict[str, Entity]) -> str:
    """A readable, stable slug made of the slugs of what the fact joins."""

    def part(value: object) -> str:
        if value is None:
            return "unknown"
        if isinstance(value, str) and value in entities:
            return entities[value].slug.split("/", 1)[1]
        text = str(value)
        return slugify(text.split(":", 1)[1] if ":" in text else text)

    names = IDENTITY_ARGS[fact.kind]
    folder = {"award-conferral": "conferral", "offers-service": "offer", "history": "change"}.get(fact.kind, fact.kind)
    return f"{folder}/" + "--".join(part(fact.args.get(n)) for n in names)
