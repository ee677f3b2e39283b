"""Inferences kept apart from what the articles say: they go into their own named graph.

Three kinds, computed with plain graph walks so the result is the same in every build:
- class memberships: every superclass (rdfs:subClassOf, transitively) of a stated type;
- the transitive closure of org:subOrganizationOf (a commune point is part of the corporation);
- inverse links: org:hasSubOrganization, org:hasMembership, as the ontology's owl:inverseOf
  axioms and ORG's own pairs say, and the symmetric ones (vnpo:likelySameAs) both ways;
- ORG's shortcuts of a membership: org:memberOf, and org:headOf when the role is a vnpo:HeadRole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS

from kg.quads import Triple, iri, term_of

HEAD_ROLE = URIRef("https://w3id.org/vnpost-kg/ontology#HeadRole")
# Inverse pairs that W3C ORG defines (ORG's own file is not loaded, so they are listed here).
ORG_INVERSES = {
    ORG.subOrganizationOf: ORG.hasSubOrganization,
    ORG.member: ORG.hasMembership,
    ORG.organization: ORG.hasMembership,
}


def infer(data: Graph, ontology: Graph) -> Graph:
    """The triples that follow from an rdflib graph under `ontology` and are not already in it."""
    inferred = Graph()
    for triple in infer_terms((tuple(term_of(node) for node in triple) for triple in data), ontology):
        inferred.add(tuple(URIRef(node[1:-1]) for node in triple))
    return inferred


def infer_terms(data: Iterable[Triple], ontology: Graph) -> set[Triple]:
    """The same on N-Triples term strings (kg.quads), which is how a build holds its data.

    Every inferred triple links IRIs, so the result holds IRI terms only.
    """
    t = _OntologyTerms(ontology)
    by_predicate: dict[str, list[tuple[str, str]]] = defaultdict(list)
    wanted = {t.type, t.sub_organization_of, t.member, t.organization, t.role, *t.inverses, *t.symmetric}
    stated: set[Triple] = set()
    for s, p, o in data:
        if p in wanted:
            by_predicate[p].append((s, o))
            stated.add((s, p, o))
    inferred: set[Triple] = set()
    for subject, cls in by_predicate[t.type]:
        for parent in t.superclasses.get(cls, ()):
            inferred.add((subject, t.type, parent))
    parents = defaultdict(set)
    for child, parent in by_predicate[t.sub_organization_of]:
        parents[child].add(parent)
    for child in list(parents):
        for ancestor in _reachable(child, parents):
            inferred.add((child, t.sub_organization_of, ancestor))
    for predicate, inverse in t.inverses.items():
        for subject, obj in by_predicate[predicate]:
            if obj.startswith("<"):
                inferred.add((obj, inverse, subject))
    for predicate in t.symmetric:
        for subject, obj in by_predicate[predicate]:
            inferred.add((obj, predicate, subject))
    members = dict(by_predicate[t.member])
    organizations = dict(by_predicate[t.organization])
    roles = dict(by_predicate[t.role])
    for membership, cls in by_predicate[t.type]:
        if cls != t.membership or membership not in members or membership not in organizations:
            continue
        person, organization = members[membership], organizations[membership]
        inferred.add((person, t.member_of, organization))
        if roles.get(membership) in t.head_roles:
            inferred.add((person, t.head_of, organization))
    return inferred - stated


class _OntologyTerms:
    """What inference needs from the ontology, as N-Triples term strings."""

    def __init__(self, ontology: Graph) -> None:
        self.type, self.role = iri(str(RDF.type)), iri(str(ORG.role))
        self.sub_organization_of = iri(str(ORG.subOrganizationOf))
        self.member, self.organization = iri(str(ORG.member)), iri(str(ORG.organization))
        self.member_of, self.head_of = iri(str(ORG.memberOf)), iri(str(ORG.headOf))
        self.membership = iri(str(ORG.Membership))
        self.superclasses = {
            iri(str(cls)): {iri(str(parent)) for parent in parents}
            for cls, parents in superclass_closure(ontology).items()
        }
        inverses = dict(ORG_INVERSES)
        for left, right in ontology.subject_objects(OWL.inverseOf):
            inverses[left] = right
            inverses[right] = left
        self.inverses = {iri(str(left)): iri(str(right)) for left, right in inverses.items()}
        self.symmetric = {iri(str(p)) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
        self.head_roles = {iri(str(role)) for role in ontology.subjects(RDF.type, HEAD_ROLE)}



def superclass_closure(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    direct = defaultdict(set)
    for cls, parent in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(cls, URIRef) and isinstance(parent, URIRef):
            direct[cls].add(parent)
    return {cls: _reachable(cls, direct) for cls in direct}


def _reachable(start: URIRef, edges: dict) -> set[URIRef]:
    seen: set[URIRef] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen and node != start:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return seen
