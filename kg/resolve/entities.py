"""Entities: one per real thing, with labels and structure from the gazetteers.

An entity is created the first time something refers to its key ("provincial-post:42",
"person:lê văn châu"); its slug comes from its canonical Vietnamese name, never from a code.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from kg.extract.gazetteer import Gazetteer
from kg.model import Entity, Mention
from kg.text import fold_ascii, match_key, slugify, title_case_name

CORPORATION = "org:vnpost"
# Kinds whose keys name taxonomy concepts (defined by the ontology, not built here).
CONCEPT_KINDS = {"award-type", "role", "service", "indicator", "unit", "qualifier", "document-kind", "change-kind"}


class EntityBuilder:
    """Creates entities on first reference, with labels and structure from the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities: dict[str, Entity] = {}
        self.surface_forms: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, key: str, mention: Mention) -> None:
        """Record that `mention` names the entity `key` (creating the entity if it is new)."""
        entity = self.ensure(key, mention.text, mention)
        if entity is None or mention.start == mention.end:  # an implicit subject has no text to cite
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

    def ensure(self, key: str, surface: str = "", mention: Mention | None = None) -> Entity | None:
        """The entity of `key`, made on first use; None for taxonomy concepts."""
        if key in self.entities:
            return self.entities[key]
        kind, _, ident = key.partition(":")
        if kind in CONCEPT_KINDS:
            return None
        make = getattr(self, "_make_" + kind.replace("-", "_"))
        entity = self._make_document(key, ident, surface, mention) if kind == "document" else make(key, ident, surface)
        self.entities[key] = entity
        return entity

    def finish(self) -> dict[str, Entity]:
        for key, forms in self.surface_forms.items():
            entity = self.entities[key]
            if entity.kind == "person":
                entity.label_vi = preferred_name(forms)
                entity.slug = "person/" + slugify(entity.label_vi)
            elif entity.kind == "recipient-group":
                entity.label_vi = preferred_name(forms)
            seen = {match_key(entity.label_vi)} | {match_key(label) for label in entity.alt_labels}
            for form in sorted(forms):
                if match_key(form) not in seen:
                    entity.alt_labels.add(form)
                    seen.add(match_key(form))
        disambiguate_slugs(self.entities)
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

    def _provincial_body(self, key: str, code: str, kind: str, name_vi: str, name_en: str) -> Entity:
        """A body every province has: "<name> tỉnh <Province>", located in that province."""
        province = self.gazetteer.provinces[code]
        label = f"{name_vi} {province.type_word} {province.name}"
        entity = Entity(key, kind, "org/" + slugify(label), label, name_en.format(fold_ascii(province.name)))
        self.ensure(f"province:{code}")
        entity.links.add(("located-in", f"province:{code}"))
        return entity

    def _make_peoples_committee(self, key: str, code: str, surface: str) -> Entity:
        return self._provincial_body(key, code, "government-body", "Ủy ban nhân dân", "People's Committee of {}")

    def _make_peoples_council(self, key: str, code: str, surface: str) -> Entity:
        return self._provincial_body(key, code, "government-body", "Hội đồng nhân dân", "People's Council of {}")

    def _make_body(self, key: str, ident: str, surface: str) -> Entity:
        body_id, _, code = ident.partition(":")
        body = self.gazetteer.bodies[body_id]
        kind = "government-body" if body.org_class == "government-body" else "mass-organization"
        return self._provincial_body(key, code, kind, body.label_vi, body.label_en + " of {}")

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

    def _make_company(self, key: str, ident: str, surface: str) -> Entity:
        return Entity(key, "company", "org/" + slugify(surface), " ".join(surface.split()))

    def _make_telecom(self, key: str, code: str, surface: str) -> Entity:
        province = self.gazetteer.provinces[code]
        label = f"Viễn thông {province.name}"
        entity = Entity(key, "company", "org/" + slugify(label), label, f"VNPT {fold_ascii(province.name)}")
        self.ensure("org:vnpt")
        self.ensure(f"province:{code}")
        entity.links |= {("sub-organization-of", "org:vnpt"), ("located-in", f"province:{code}")}
        return entity

    def _make_commune_point(self, key: str, code: str, surface: str) -> Entity:
        commune = self.gazetteer.communes[code]
        district = self.gazetteer.districts[commune.district_code]
        province = self.gazetteer.provinces[district.province_code]
        label = f"Điểm Bưu điện - Văn hóa xã {commune.name}"
        slug = "org/" + slugify(f"{label} {district.name} {province.name}")
        english = f"{fold_ascii(commune.name)} Commune Post and Culture Point ({fold_ascii(district.name)})"
        entity = Entity(key, "commune-point", slug, label, english)
        self.ensure(f"provincial-post:{province.code}")
        self.ensure(f"commune:{code}")
        entity.links |= {
            ("sub-organization-of", f"provincial-post:{province.code}"),
            ("located-in", f"commune:{code}"),
        }
        return entity

    def _make_commune(self, key: str, code: str, surface: str) -> Entity:
        commune = self.gazetteer.communes[code]
        district = self.gazetteer.districts[commune.district_code]
        province = self.gazetteer.provinces[district.province_code]
        slug = "place/" + slugify(f"{commune.official_name} {district.official_name} {province.official_name}")
        entity = Entity(key, "commune", slug, commune.name, fold_ascii(commune.name))
        entity.alt_labels.add(commune.official_name)
        entity.attributes.add(("official-code", code))
        self.ensure(f"district:{district.code}")
        entity.links.add(("contained-in", f"district:{district.code}"))
        return entity

    def _make_document(self, key: str, ident: str, surface: str, mention: Mention | None) -> Entity:
        number = (mention.attribute("number") if mention else None) or ident
        kind_word = (mention.attribute("kind") if mention else None) or ""
        label = f"{kind_word} số {number}".strip() if kind_word else number
        issuer = ident.partition("@")[2]  # a bare number ("Chỉ thị 02") is only unique with its issuer
        slug = "document/" + slugify(f"{number} {issuer.partition(':')[2]}" if issuer else number)
        entity = Entity(key, "document", slug, label)
        entity.attributes.add(("document-number", number))
        kind = self.gazetteer.document_kinds.get(match_key(kind_word))
        if kind:
            entity.links.add(("document-kind", f"document-kind:{kind}"))
        if mention and mention.attribute("date"):
            entity.attributes.add(("issued-on", mention.attribute("date")))
        return entity

    def _make_group(self, key: str, ident: str, surface: str) -> Entity:
        return Entity(key, "recipient-group", "group/" + slugify(ident), surface, "collectives and individuals")


def preferred_name(forms: Counter[str]) -> str:
    """The most frequent written form of a name, mixed case preferred over ALL CAPS."""
    ranked = sorted(forms.items(), key=lambda item: (item[0].isupper(), -item[1], item[0]))
    name = ranked[0][0]
    return title_case_name(name) if name.isupper() else name


def disambiguate_slugs(entities: dict[str, Entity]) -> None:
    """Two different things never share an IRI: colliding slugs get a suffix from their key."""
    by_slug: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        by_slug[entity.slug].append(entity)
    for colliding in by_slug.values():
        if len(colliding) > 1:
            for entity in colliding:
                entity.slug += "-" + hashlib.sha1(entity.key.encode("utf-8")).hexdigest()[:8]
    minted = Counter(entity.slug for entity in entities.values())
    clashes = sorted(slug for slug, count in minted.items() if count > 1)
    if clashes:  # a suffixed slug that another name already had: never mint one IRI for two things
        raise RuntimeError(f"two entities would share the IRI slug(s) {', '.join(clashes)}")
