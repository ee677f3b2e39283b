"""Resolve stage: mentions -> one canonical entity per real thing, assertions -> facts.

Binds what the articles leave implicit ("Bưu điện tỉnh" = the article's own provincial post, a
district name shared by several provinces = the one in the article's province), builds each
entity's description from the gazetteer, and gives every entity and fact a slug that depends
only on its name, so IRIs are the same in every build.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract.gazetteer import Gazetteer
from kg.model import ArticleContext, Assertion, Entity, Evidence, Extraction, Fact, Mention, ResolvedCorpus
from kg.text import fold_ascii, match_key, slugify, title_case_name

CORPORATION = "org:vnpost"

# How much each kind of mention says about which province an article is about.
_PROVINCE_WEIGHTS = {"provincial-post": 2.0, "peoples-committee": 1.0, "trade-union": 1.0, "province": 1.0}
_TITLE_BONUS = 3.0


def resolve(extractions: Iterable[Extraction], gazetteer: Gazetteer, rules: dict[str, str]) -> ResolvedCorpus:
    """Turn per-article extractions into canonical entities and merged facts."""
    extractions = sorted(extractions, key=lambda e: e.article.id)
    builder = _EntityBuilder(gazetteer)
    facts: dict[str, Fact] = {}
    contexts: dict[str, ArticleContext] = {}
    for extraction in extractions:
        article = extraction.article
        province = _article_province(extraction, gazetteer)
        bound = {id(m): _bind(m, province, gazetteer, article.id) for m in extraction.mentions}
        for mention in extraction.mentions:
            key = bound[id(mention)]
            if key is not None:
                builder.add(key, mention, article.id)
        article_facts = _facts(extraction.assertions, bound, builder, gazetteer, article.id)
        for fact in _merge_undated(article_facts):
            _add_fact(facts, fact)
        contexts[article.id] = ArticleContext(
            province=province,
            publisher=builder.named("publisher", article.publisher) if article.publisher else None,
            author=builder.named("person", article.author) if article.author else None,
        )
    entities = builder.finish()
    ordered = tuple(sorted(facts.values(), key=lambda f: (f.kind, f.slug)))
    for fact in ordered:
        fact.slug = _fact_slug(fact, entities)
    return ResolvedCorpus(tuple(e.article for e in extractions), contexts, entities, ordered, rules)


# --- which province is an article about ------------------------------------------------------


def _article_province(extraction: Extraction, gazetteer: Gazetteer) -> str | None:
    """The province whose provincial post the article is about, from what it names most."""
    article = extraction.article
    if article.province_hint:
        code = gazetteer.province_by_key.get(match_key(article.province_hint))
        if code:
            return code
    title_sentence = article.sentences[0].index if article.sentences else -1
    scores: Counter[str] = Counter()
    for mention in extraction.mentions:
        weight = _PROVINCE_WEIGHTS.get(mention.kind)
        if mention.ref and weight and ":" in mention.ref:
            code = mention.ref.split(":", 1)[1]
            if code in gazetteer.provinces:
                bonus = _TITLE_BONUS if mention.evidence.sentence_index == title_sentence else 0.0
                scores[code] += weight + bonus
        elif mention.kind in {"district", "district-post"}:
            codes = [gazetteer.districts[c.split(":", 1)[1]].province_code for c in mention.candidates]
            for code in codes:
                scores[code] += 1.0 / len(codes)
    if not scores:
        return None
    best = max(scores.values())
    winners = sorted(code for code, score in scores.items() if score == best)
    return winners[0] if len(winners) == 1 else None


def _bind(mention: Mention, province: str | None, gazetteer: Gazetteer, article_id: str) -> str | None:
    """The entity key a mention refers to in its article, or None if it cannot be told."""
    if mention.kind == "year":
        return None
    if mention.ref is not None and mention.ref.startswith("group:"):  # unnamed groups are article-local
        return f"group:{article_id}-{mention.ref.split(':', 1)[1]}"
    if mention.ref is not None:
        return mention.ref
    if mention.anaphor is not None:
        return f"{mention.anaphor}:{province}" if province else None
    inside = [
        ref for ref in mention.candidates if gazetteer.districts[ref.split(":", 1)[1]].province_code == province
    ]
    return inside[0] if len(inside) == 1 else None


# --- entities --------------------------------------------------------------------------------


class _EntityBuilder:
    """Creates entities on first reference, with labels and structure from the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities: dict[str, Entity] = {}
        self.surface_forms: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, key: str, mention: Mention, article_id: str) -> None:
        entity = self.ensure(key, mention.text)
        if entity is None:
            return
        entity.mentions.append(mention.evidence)
        if mention.anaphor is None:
            self.surface_forms[key][mention.text] += 1

    def named(self, kind: str, name: str) -> str:
        """Key of an entity known only by a name (a publisher, an article's author)."""
        key = f"{kind}:{match_key(name)}"
        self.ensure(key, name)
        self.surface_forms[key][name] += 1
        return key

    def ensure(self, key: str, surface: str = "") -> Entity | None:
        if key in self.entities:
            return self.entities[key]
        kind, _, ident = key.partition(":")
        make = getattr(self, "_make_" + kind.replace("-", "_"), None)
        if make is None:  # concepts (award types, roles) are defined by the ontology, not here
            return None
        entity = make(key, ident, surface)
        self.entities[key] = entity
        return entity

    def finish(self) -> dict[str, Entity]:
        for key, forms in self.surface_forms.items():
            entity = self.entities[key]
            if entity.kind == "person":
                entity.label_vi = _preferred_name(forms)
                entity.slug = "person/" + slugify(entity.label_vi)
            seen = {match_key(entity.label_vi)} | {match_key(label) for label in entity.alt_labels}
            for form in sorted(forms):
                if match_key(form) not in seen:
                    entity.alt_labels.add(form)
                    seen.add(match_key(form))
        _disambiguate_slugs(self.entities)
        return dict(sorted(self.entities.items()))

    # Each _make_<kind> builds the entity for one kind of key.

    def _make_org(self, key: str, ident: str, surface: str) -> Entity:
        org = self.gazetteer.organizations[ident]
        entity = Entity(key, org.org_class, "org/" + slugify(org.label_vi), org.label_vi, org.label_en)
        if org.parent:
            self.ensure(f"org:{org.parent}")
            entity.links.add(("sub-organization-of", f"org:{org.parent}"))
        return entity

    def _make_provincial_post(self, key: str, code: str, surface: str) -> Entity:
        province = self.gazetteer.provinces[code]
        label = f"Bưu điện {province.type_word} {province.name}"
        english = f"{fold_ascii(province.name)} {'City' if province.type_word != 'tỉnh' else 'Provincial'} Post"
        entity = Entity(key, "provincial-post", "org/" + slugify(label), label, english)
        self.ensure(CORPORATION)
        self.ensure(f"province:{code}")
        entity.links |= {("sub-organization-of", CORPORATION), ("located-in", f"province:{code}")}
        return entity

    def _make_district_post(self, key: str, code: str, surface: str) -> Entity:
        district = self.gazetteer.districts[code]
        province = self.gazetteer.provinces[district.province_code]
        label = f"Bưu điện {district.type.lower()} {district.name}"
        english = f"{fold_ascii(district.name)} District Post ({fold_ascii(province.name)})"
        entity = Entity(key, "district-post", "org/" + slugify(f"{label} {province.name}"), label, english)
        self.ensure(f"provincial-post:{province.code}")
        self.ensure(f"district:{code}")
        entity.links |= {
            ("sub-organization-of", f"provincial-post:{province.code}"),
            ("located-in", f"district:{code}"),
        }
        return entity

    def _make_peoples_committee(self, key: str, code: str, surface: str) -> Entity:
        province = self.gazetteer.provinces[code]
        label = f"Ủy ban nhân dân {province.type_word} {province.name}"
        english = f"People's Committee of {fold_ascii(province.name)}"
        entity = Entity(key, "government-body", "org/" + slugify(label), label, english)
        self.ensure(f"province:{code}")
        entity.links.add(("located-in", f"province:{code}"))
        return entity

    def _make_post_union(self, key: str, code: str, surface: str) -> Entity:
        province = self.gazetteer.provinces[code]
        label = f"Công đoàn Bưu điện {province.type_word} {province.name}"
        english = f"Trade Union of {fold_ascii(province.name)} Provincial Post"
        entity = Entity(key, "trade-union", "org/" + slugify(label), label, english)
        self.ensure(f"provincial-post:{code}")
        entity.links.add(("linked-to", f"provincial-post:{code}"))
        return entity

    def _make_province(self, key: str, code: str, surface: str) -> Entity:
        province = self.gazetteer.provinces[code]
        entity = Entity(key, "province", "place/" + slugify(province.official_name), province.name)
        entity.label_en = fold_ascii(province.name)
        entity.alt_labels.add(province.official_name)
        entity.attributes.add(("official-code", code))
        return entity

    def _make_district(self, key: str, code: str, surface: str) -> Entity:
        district = self.gazetteer.districts[code]
        province = self.gazetteer.provinces[district.province_code]
        slug = "place/" + slugify(f"{district.official_name} {province.official_name}")
        entity = Entity(key, "district", slug, district.name, fold_ascii(district.name))
        entity.alt_labels.add(district.official_name)
        entity.attributes.add(("official-code", code))
        self.ensure(f"province:{province.code}")
        entity.links.add(("contained-in", f"province:{province.code}"))
        return entity

    def _make_person(self, key: str, ident: str, surface: str) -> Entity:
        name = title_case_name(surface) if surface.isupper() else surface
        return Entity(key, "person", "person/" + slugify(name), name)

    def _make_publisher(self, key: str, ident: str, surface: str) -> Entity:
        return Entity(key, "publisher", "org/" + slugify(surface), surface)

    def _make_group(self, key: str, ident: str, surface: str) -> Entity:
        return Entity(key, "recipient-group", "group/" + slugify(ident), surface)


def _preferred_name(forms: Counter[str]) -> str:
    """The most frequent written form of a name, mixed case preferred over ALL CAPS."""
    ranked = sorted(forms.items(), key=lambda item: (item[0].isupper(), -item[1], item[0]))
    name = ranked[0][0]
    return title_case_name(name) if name.isupper() else name


def _disambiguate_slugs(entities: dict[str, Entity]) -> None:
    """Two different things never share an IRI: colliding slugs get a suffix from their key."""
    by_slug: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        by_slug[entity.slug].append(entity)
    for colliding in by_slug.values():
        if len(colliding) > 1:
            for entity in colliding:
                entity.slug += "-" + hashlib.sha1(entity.key.encode("utf-8")).hexdigest()[:8]


# --- facts -----------------------------------------------------------------------------------


def _facts(
    assertions: Iterable[Assertion],
    bound: dict[int, str | None],
    builder: _EntityBuilder,
    gazetteer: Gazetteer,
    article_id: str,
) -> list[Fact]:
    facts = []
    memberships_by_person: dict[tuple[str, str], str] = {}
    pending: list[tuple[dict[str, str | int], Evidence]] = []
    for assertion in assertions:
        args = _bound_args(assertion, bound, builder, article_id)
        if assertion.relation == "award-conferral":
            if "recipient" in args and "award" in args:
                facts.append(_conferral(args, assertion.evidence))
        elif assertion.relation == "membership" and "person" in args and "role" in args:
            if "org" in args:
                memberships_by_person[(str(args["person"]), str(args["role"]))] = str(args["org"])
            pending.append((args, assertion.evidence))
    for args, evidence in pending:
        if "org" not in args:
            org = memberships_by_person.get((str(args["person"]), str(args["role"])))
            default = gazetteer.roles[str(args["role"]).split(":", 1)[1]].default_org
            if org is None and default:
                org = f"org:{default}"
                builder.ensure(org)
            if org is not None:
                args = {**args, "org": org}
        facts.append(Fact("membership", "", {k: args[k] for k in ("person", "role", "org") if k in args}, [evidence]))
    return facts


def _bound_args(
    assertion: Assertion, bound: dict[int, str | None], builder: _EntityBuilder, article_id: str
) -> dict[str, str | int]:
    args: dict[str, str | int] = {}
    for name, mention in assertion.args:
        if mention.kind == "year" and mention.value is not None:
            args[name] = mention.value
            continue
        key = bound.get(id(mention))
        if key is not None:
            args[name] = key
    return args


def _conferral(args: dict[str, str | int], evidence: Evidence) -> Fact:
    keep = {k: args[k] for k in ("recipient", "award", "conferrer", "presenter", "year") if k in args}
    return Fact("award-conferral", "", keep, [evidence])


def _merge_undated(facts: list[Fact]) -> list[Fact]:
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


def _identity(fact: Fact) -> str:
    if fact.kind == "award-conferral":
        parts = [*_conferral_identity(fact), fact.args.get("year")]
    else:
        parts = [fact.args.get("person"), fact.args.get("role"), fact.args.get("org")]
    return fact.kind + "|" + "|".join(str(p) for p in parts)


def _add_fact(facts: dict[str, Fact], fact: Fact) -> None:
    identity = _identity(fact)
    if identity in facts:
        existing = facts[identity]
        existing.evidence.extend(fact.evidence)
        for name, value in fact.args.items():
            existing.args.setdefault(name, value)
    else:
        facts[identity] = fact


def _fact_slug(fact: Fact, entities: dict[str, Entity]) -> str:
    """A readable, stable slug made of the slugs of what the fact joins."""

    def part(name: str) -> str:
        value = fact.args.get(name)
        if value is None:
            return "unknown"
        if isinstance(value, int):
            return str(value)
        entity = entities.get(value)
        return entity.slug.split("/", 1)[1] if entity else value.split(":", 1)[1]

    if fact.kind == "award-conferral":
        names = ("recipient", "award", "conferrer", "year")
        return "conferral/" + "--".join(part(n) for n in names)
    return "membership/" + "--".join(part(n) for n in ("person", "role", "org"))
