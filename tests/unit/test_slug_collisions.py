"""Two different things never share an IRI: colliding slugs are told apart, the same way in every build."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.model import Entity
from kg.resolve.entities import disambiguate_slugs
from kg.text import slugify

# Names that fold to few slugs: tone marks, case and spacing are all that tell many of them apart.
NAMES = st.lists(st.sampled_from(["Lê Văn Châu", "Lê Văn Chầu", "LÊ VĂN CHÂU", "Le Van Chau", "Lê  Văn Châu",
                                  "Hồ Thị Hà", "Hồ Thị Hạ", "Nguyễn An", "Nguyễn Ân"]), min_size=1, max_size=9,
                 unique=True)


def entities_of(names: list[str]) -> dict[str, Entity]:
    return {f"person:{name}": Entity(f"person:{name}", "person", "person/" + slugify(name), name) for name in names}


@given(NAMES, st.randoms())
def test_every_entity_gets_its_own_slug_whatever_the_order(names, rng):
    entities = entities_of(names)
    disambiguate_slugs(entities)
    slugs = {key: entity.slug for key, entity in entities.items()}
    assert len(set(slugs.values())) == len(slugs)
    shuffled = list(names)
    rng.shuffle(shuffled)
    again = entities_of(shuffled)
    disambiguate_slugs(again)
    assert {key: entity.slug for key, entity in again.items()} == slugs


def test_a_name_that_collides_with_no_other_keeps_its_plain_slug():
    entities = entities_of(["Lê Văn Châu", "Lê Văn Chầu", "Hồ Thị Hà"])
    disambiguate_slugs(entities)
    assert entities["person:Hồ Thị Hà"].slug == "person/ho-thi-ha"
    assert entities["person:Lê Văn Châu"].slug.startswith("person/le-van-chau-")
    assert entities["person:Lê Văn Châu"].slug != entities["person:Lê Văn Chầu"].slug


def test_a_suffixed_slug_that_another_name_already_has_is_refused_loudly():
    first = entities_of(["Lê Văn Châu", "Lê Văn Chầu"])
    disambiguate_slugs(first)  # to learn the suffixed slug one of them gets
    suffixed = first["person:Lê Văn Châu"].slug
    clash = {"person:other": Entity("person:other", "person", suffixed, "Other")}
    with pytest.raises(RuntimeError, match=f"would share the IRI slug.*{suffixed}"):
        disambiguate_slugs(entities_of(["Lê Văn Châu", "Lê Văn Chầu"]) | clash)
