"""Loading and checking the rule files: every rule names only terms the ontology defines."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kg.errors import DataFileError
from kg.extract.figures import FigureBook, compile_figure_book
from kg.extract.gazetteer import DATA_DIR, Gazetteer, load_gazetteer, read_yaml
from kg.extract.mentions import MentionType, compile_mention_type
from kg.extract.relations import RelationRule, compile_template, slot_type_names
from kg.vocabulary import concept_iri, defined_concepts

RULES_DIR = DATA_DIR / "rules"
MENTIONS_FILE = "mentions.yaml"
FIGURES_FILE = "figures.yaml"
RELATIONS = {
    "award-conferral",
    "membership",
    "offers-service",
    "partnership",
    "citation",
    "event",
    "attendance",
    "history",
}
SUBJECT_KINDS = frozenset({"provincial-post", "district-post", "unit", "corporation", "commune-point"})


@dataclass(frozen=True)
class RuleBook:
    """Everything extract needs: gazetteer, mention types and relation rules, all checked."""

    gazetteer: Gazetteer
    mention_types: tuple[MentionType, ...]
    relation_rules: tuple[RelationRule, ...]
    figures: FigureBook
    specs: dict[str, dict]

    def descriptions(self) -> dict[str, str]:
        """Rule id -> one-line description, for the provenance graph."""
        return {rule_id: spec.get("description", rule_id) for rule_id, spec in self.specs.items()}


@functools.cache
def load_rulebook(rules_dir: Path = RULES_DIR) -> RuleBook:
    """Load mentions.yaml, figures.yaml and every relation rule file of a folder, once per process."""
    if not rules_dir.is_dir() or not (rules_dir / MENTIONS_FILE).is_file():
        raise DataFileError(f"rules folder {rules_dir} has no {MENTIONS_FILE}; copy kg/data/rules to start one")
    gazetteer = load_gazetteer()
    _check_concepts(gazetteer)
    specs: dict[str, dict] = {}
    mention_types = []
    for spec in read_yaml(rules_dir / MENTIONS_FILE).get("mention_types", []):
        _register(specs, spec, MENTIONS_FILE)
        try:
            mention_types.append(compile_mention_type(spec, gazetteer))
        except (KeyError, re.error) as problem:
            raise DataFileError(f"{MENTIONS_FILE}: mention type {spec['id']}: {problem}") from None
    figures = _load_figures(rules_dir / FIGURES_FILE, specs)
    relation_rules = []
    for path in sorted(rules_dir.glob("*.yaml")):
        if path.name in {MENTIONS_FILE, FIGURES_FILE}:
            continue
        data = read_yaml(path)
        slot_types = data.get("slot_types", {})
        for spec in data.get("rules", []):
            _register(specs, spec, path.name)
            relation_rules.append(_compile_relation(spec, slot_types, path.name))
    return RuleBook(gazetteer, tuple(mention_types), tuple(relation_rules), figures, specs)


def _load_figures(path: Path, specs: dict[str, dict]) -> FigureBook:
    data = read_yaml(path)
    concepts = defined_concepts()
    for spec in data.get("figures", []):
        _register(specs, spec, path.name)
        named = [("indicator", spec.get("indicator"))] + ([("unit", spec["measure"])] if spec.get("measure") else [])
        for kind, slug in named:
            if concept_iri(kind, str(slug)) not in concepts:
                raise DataFileError(
                    f"{path.name}: rule {spec['id']}: {kind}/{slug} is not defined in ontology/taxonomies.ttl"
                )
    try:
        return compile_figure_book(data)
    except (KeyError, re.error) as problem:
        raise DataFileError(f"{path.name}: cannot be compiled: {problem}") from None


def _register(specs: dict[str, dict], spec: dict, file_name: str) -> None:
    rule_id = spec.get("id")
    if not rule_id:
        raise DataFileError(f"{file_name}: a rule has no id: {spec}")
    if rule_id in specs:
        raise DataFileError(f"{file_name}: rule id {rule_id} is used twice")
    specs[rule_id] = {**spec, "file": file_name}


def _compile_relation(spec: dict, slot_types: dict[str, list[str]], file_name: str) -> RelationRule:
    where = f"{file_name}: rule {spec['id']}"
    if not spec.get("pattern"):
        raise DataFileError(f"{where}: has no pattern")
    if spec.get("relation") not in RELATIONS:
        raise DataFileError(f"{where}: relation {spec.get('relation')!r} is not one of {sorted(RELATIONS)}")
    templates = [spec["pattern"], *([spec["then"]] if spec.get("then") else [])]
    for template in templates:
        unknown = slot_type_names(template) - set(slot_types)
        if unknown:
            raise DataFileError(f"{where}: unknown slot types {sorted(unknown)}; define them in slot_types")
    try:
        regex = compile_template(spec["pattern"], slot_types)
        then = compile_template(spec["then"], slot_types) if spec.get("then") else None
    except re.error as problem:
        raise DataFileError(f"{where}: pattern does not compile: {problem}") from None
    after = []
    for name, type_name in (spec.get("after") or {}).items():
        if type_name not in slot_types:
            raise DataFileError(f"{where}: `after` names unknown slot type {type_name}")
        after.append((name, frozenset(slot_types[type_name])))
    return RelationRule(
        id=spec["id"],
        relation=spec["relation"],
        description=spec.get("description", ""),
        confidence=Decimal(str(spec.get("confidence", "0.8"))),
        regex=regex,
        then=then,
        year=spec.get("year"),
        subject=spec.get("subject"),
        subject_kinds=SUBJECT_KINDS,
        after=tuple(after),
        values=tuple(sorted((spec.get("values") or {}).items())),
    )


def _check_concepts(gazetteer: Gazetteer) -> None:
    """A gazetteer entry that names a concept the ontology lacks is a load error."""
    concepts = defined_concepts()
    named = [("awards.yaml", "award-type", slug) for slug in set(gazetteer.award_names.values())]
    named += [("roles.yaml", "role", slug) for slug in gazetteer.roles]
    named += [("services.yaml", "service", slug) for slug in set(gazetteer.service_names.values())]
    named += [("documents.yaml", "document-kind", slug) for slug in set(gazetteer.document_kinds.values())]
    for file_name, kind, slug in sorted(named):
        if concept_iri(kind, slug) not in concepts:
            raise DataFileError(
                f"{file_name}: concept {kind}/{slug} is not defined in ontology/taxonomies.ttl; add it there first"
            )
