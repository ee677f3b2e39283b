"""Likely identity of people named differently: same post, same article, nearly the same name.

003 names the province's vice chairman "Lê Ngọc Châu" once and "Lê Văn Châu" twice. Both names
are kept (the article does not say which is right); the link between them is a fact of its own,
with the evidence of both memberships, rather than an owl:sameAs the sources cannot justify.
"""

from __future__ import annotations

from kg.model import Evidence, Fact
from kg.resolve.entities import EntityBuilder

RULE_ID = "resolve.same-post-similar-name"


def likely_same_people(facts: list[Fact], builder: EntityBuilder) -> list[Fact]:
    """A likely-same fact for each pair of people holding the same post with similar names."""
    posts: dict[tuple[str, str], dict[str, list[Evidence]]] = {}
    for fact in facts:
        if fact.kind == "membership" and "org" in fact.args:
            holders = posts.setdefault((str(fact.args["role"]), str(fact.args["org"])), {})
            holders.setdefault(str(fact.args["person"]), []).extend(fact.evidence)
    found = []
    for holders in posts.values():
        people = sorted(holders)
        for index, person in enumerate(people):
            for other in people[index + 1 :]:
                if _similar(builder.entities[person].label_vi, builder.entities[other].label_vi):
                    evidence = [
                        Evidence(e.article_id, e.sentence_index, e.start, e.end, RULE_ID, e.confidence)
                        for e in holders[person][:1] + holders[other][:1]
                    ]
                    found.append(Fact("likely-same", "", {"person": person, "other": other}, evidence))
    return found


def _similar(name: str, other: str) -> bool:
    """Same family name and same given name, differing at most in the middle name."""
    first, second = name.split(), other.split()
    return len(first) >= 2 and len(second) >= 2 and first[0] == second[0] and first[-1] == second[-1]
