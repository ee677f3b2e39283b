"""Gazetteers: the names the extractor knows, loaded once from the data files in kg/data.

Places come from the Statistics Office catalogue (as of 1 March 2025, before the reform);
organizations, award types, role titles and family names from the project's YAML files.
Every lookup key is `match_key(name)`, so tone-mark placement and case never matter.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import DataFileError
from kg.text import match_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ADMIN_UNITS_FILE = "admin_units_2025-03.csv"

# Central cities were "Thành phố" at province level; everything else is a "Tỉnh".
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")
_DISTRICT_PREFIXES = ("Thành phố ", "Thị xã ", "Huyện ", "Quận ")
_COMMUNE_PREFIXES = ("Phường ", "Thị trấn ", "Xã ")

# Spellings the press uses beside the official names.
_PROVINCE_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "TP HCM", "Sài Gòn"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu"],
    "Đắk Lắk": ["Đắc Lắc", "Daklak"],
    "Đắk Nông": ["Đắc Nông"],
}


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    official_name: str
    type: str

    @property
    def type_word(self) -> str:
        """'tỉnh' or 'thành phố', as written inside a unit name ("Bưu điện tỉnh Hà Tĩnh")."""
        return "thành phố" if self.type.startswith("Thành phố") else "tỉnh"


@dataclass(frozen=True)
class District:
    code: str
    name: str
    official_name: str
    type: str
    province_code: str


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    official_name: str
    district_code: str


@dataclass(frozen=True)
class Organization:
    id: str
    org_class: str
    label_vi: str
    label_en: str
    aliases: tuple[str, ...]
    not_after: tuple[str, ...] = ()
    parent: str | None = None
    placed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    concept: str
    titles: tuple[str, ...]
    default_org: str | None = None


@dataclass
class Gazetteer:
    """Lookup tables for places, organizations, award types, role titles and family names."""

    provinces: dict[str, Province] = field(default_factory=dict)
    districts: dict[str, District] = field(default_factory=dict)
    province_by_key: dict[str, str] = field(default_factory=dict)
    districts_by_key: dict[str, list[str]] = field(default_factory=dict)
    communes: dict[str, Commune] = field(default_factory=dict)
    communes_by_key: dict[str, list[str]] = field(default_factory=dict)
    province_names: list[str] = field(default_factory=list)
    district_names: list[str] = field(default_factory=list)
    organizations: dict[str, Organization] = field(default_factory=dict)
    org_by_alias: dict[str, str] = field(default_factory=dict)
    award_names: dict[str, str] = field(default_factory=dict)
    service_names: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, Organization] = field(default_factory=dict)
    body_by_alias: dict[str, str] = field(default_factory=dict)
    document_kinds: dict[str, str] = field(default_factory=dict)
    document_issuers: dict[str, str] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    role_titles: dict[str, str] = field(default_factory=dict)
    surnames: list[str] = field(default_factory=list)

    def is_place_name(self, text: str) -> bool:
        key = match_key(text)
        return key in self.province_by_key or key in self.districts_by_key or key in self.communes_by_key

    def province_of(self, ref: str) -> str | None:
        """The province code of a district- or commune-level key ("district-post:442" -> "42")."""
        kind, _, code = ref.partition(":")
        if kind in {"district", "district-post"} and code in self.districts:
            return self.districts[code].province_code
        if kind in {"commune", "commune-point"} and code in self.communes:
            return self.districts[self.communes[code].district_code].province_code
        return None


@functools.cache
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Load every gazetteer file once per process."""
    gazetteer = Gazetteer()
    _load_places(gazetteer, data_dir / ADMIN_UNITS_FILE)
    _load_organizations(gazetteer, read_yaml(data_dir / "organizations.yaml"))
    _load_awards(gazetteer, read_yaml(data_dir / "awards.yaml"))
    _load_roles(gazetteer, read_yaml(data_dir / "roles.yaml"))
    _load_services(gazetteer, read_yaml(data_dir / "services.yaml"))
    _load_bodies(gazetteer, read_yaml(data_dir / "provincial_bodies.yaml"))
    _load_documents(gazetteer, read_yaml(data_dir / "documents.yaml"))
    gazetteer.surnames = list(read_yaml(data_dir / "names.yaml")["surnames"])
    return gazetteer


def read_yaml(path: Path) -> dict:
    """A data file's top-level mapping; any problem is a DataFileError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise DataFileError(f"{path}: cannot be read as YAML: {problem}") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
    return data


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _load_places(gazetteer: Gazetteer, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["province_code"]
            if code not in gazetteer.provinces:
                name = _strip_prefix(row["province"], _PROVINCE_PREFIXES)
                gazetteer.provinces[code] = Province(code, name, row["province"], row["province_type"])
                for written in [name, *_PROVINCE_ALIASES.get(name, [])]:
                    gazetteer.province_by_key[match_key(written)] = code
                    gazetteer.province_names.append(written)
            district_code = row["district_code"]
            if district_code not in gazetteer.districts:
                name = _strip_prefix(row["district"], _DISTRICT_PREFIXES)
                gazetteer.districts[district_code] = District(
                    district_code, name, row["district"], row["district_type"], code
                )
                key = match_key(name)
                if key not in gazetteer.districts_by_key:
                    gazetteer.district_names.append(name)
                gazetteer.districts_by_key.setdefault(key, []).append(district_code)
            name = _strip_prefix(row["commune"], _COMMUNE_PREFIXES)
            gazetteer.communes[row["commune_code"]] = Commune(row["commune_code"], name, row["commune"], district_code)
            gazetteer.communes_by_key.setdefault(match_key(name), []).append(row["commune_code"])


def _load_organizations(gazetteer: Gazetteer, data: dict) -> None:
    for entry in data["organizations"]:
        label = entry["label"]
        gazetteer.organizations[entry["id"]] = Organization(
            id=entry["id"],
            org_class=entry["class"],
            label_vi=label["vi"],
            label_en=label["en"],
            aliases=tuple(entry.get("aliases", [])),
            not_after=tuple(entry.get("not_after", [])),
            parent=entry.get("parent"),
        )
    for org in gazetteer.organizations.values():
        for alias in org.aliases:
            gazetteer.org_by_alias[match_key(alias)] = org.id
        if org.parent and org.parent not in gazetteer.organizations:
            raise DataFileError(f"organizations.yaml: {org.id} names unknown parent {org.parent!r}")


def _load_awards(gazetteer: Gazetteer, data: dict) -> None:
    for entry in data["award_types"]:
        for name in entry["names"]:
            gazetteer.award_names[match_key(name)] = entry["concept"]


def _load_roles(gazetteer: Gazetteer, data: dict) -> None:
    for entry in data["roles"]:
        role = Role(entry["concept"], tuple(entry["titles"]), entry.get("default_org"))
        if role.default_org and role.default_org not in gazetteer.organizations:
            raise DataFileError(f"roles.yaml: {role.concept} names unknown default_org {role.default_org!r}")
        gazetteer.roles[role.concept] = role
        for title in role.titles:
            gazetteer.role_titles[match_key(title)] = role.concept


def _load_services(gazetteer: Gazetteer, data: dict) -> None:
    for entry in data["services"]:
        for name in entry["names"]:
            gazetteer.service_names[match_key(name)] = entry["concept"]


def _load_bodies(gazetteer: Gazetteer, data: dict) -> None:
    for entry in data["bodies"]:
        label = entry["label"]
        body = Organization(
            entry["id"], entry["class"], label["vi"], label["en"], tuple(entry["aliases"]),
            placed=tuple(entry.get("placed", [])),
        )
        gazetteer.bodies[body.id] = body
        for alias in body.aliases + body.placed:
            gazetteer.body_by_alias[match_key(alias)] = body.id


def _load_documents(gazetteer: Gazetteer, data: dict) -> None:
    for kind, words in data["kinds"].items():
        for word in words:
            gazetteer.document_kinds[match_key(word)] = kind
    gazetteer.document_issuers = {code.lower(): key for code, key in data["issuer_codes"].items()}
