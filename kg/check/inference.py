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

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS

HEAD_ROLE = URIRef("https://w3id.org/vnpost-kg/ontology#HeadRole")
# Inverse pairs that W3C ORG defines (ORG's own file is not loaded, so they are listed here).
ORG_INVERSES = {
    ORG.subOrganizationOf: ORG.hasSubOrganization,
    ORG.member: ORG.hasMembership,
    ORG.organization: ORG.hasMembership,
}


def infer(data: Graph, ontology: Graph) -> Graph:
    """The triples that follow from `data` under `ontology` and are not already in `data`."""
    inferred = Graph()
    superclasses = superclass_closure(ontology)
    for subject, cls in data.subject_objects(RDF.type):
        for parent in superclasses.get(cls, ()):
            inferred.add((subject, RDF.type, parent))
    parents = defaultdict(set)
    for child, parent in data.subject_objects(ORG.subOrganizationOf):
        parents[child].add(parent)
    for child in list(parents):
        for ancestor in _reachable(child, parents):
            inferred.add((child, ORG.subOrganizationOf, ancestor))
    inverses = dict(ORG_INVERSES)
    for left, right in ontology.subject_objects(OWL.inverseOf):
        inverses[left] = right
        inverses[right] = left
    for predicate, inverse in inverses.items():
        for subject, obj in data.subject_objects(predicate):
            if isinstance(obj, URIRef):
                inferred.add((obj, inverse, subject))
    for predicate in ontology.subjects(RDF.type, OWL.SymmetricProperty):
        for subject, obj in data.subject_objects(predicate):
            inferred.add((obj, predicate, subject))
    head_roles = set(ontology.subjects(RDF.type, HEAD_ROLE))
    for membership in data.subjects(RDF.type, ORG.Membership):
        person, organization = data.value(membership, ORG.member), data.value(membership, ORG.organization)
        if person is None or organization is None:
            continue
        inferred.add((person, ORG.memberOf, organization))
        if data.value(membership, ORG.role) in head_roles:
            inferred.add((person, ORG.headOf, organization))
    return inferred - data


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
