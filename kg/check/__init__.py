"""Check stage: SHACL shapes (pySHACL) and OWL consistency (owlready2 + HermiT), and inferences.

Public entry points: `check(data, ontology, reason=True)` returns a CheckReport; `infer(data,
ontology)` returns the inferred triples, which the outputs keep in their own named graph.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.check.hermit import check_consistency, java_available
from kg.check.inference import infer, superclass_closure
from kg.check.report import CheckReport, Finding
from kg.check.shacl import validate_shapes

__all__ = ["CheckReport", "Finding", "check", "infer", "java_available"]


def check(data: Graph, ontology: Graph, reason: bool = True) -> CheckReport:
    """Validate the asserted triples: shapes always, OWL consistency unless `reason` is False."""
    findings = validate_shapes(data, ontology)
    if reason:
        findings += check_consistency(data, ontology)
        if any(f.check == "owl" for f in findings):
            findings += explain_disjointness(data, ontology)
    return CheckReport(tuple(sorted(findings)), reasoned=reason)


def explain_disjointness(data: Graph, ontology: Graph) -> list[Finding]:
    """The usual cause of an inconsistency, named: a node typed with two disjoint classes."""
    superclasses = superclass_closure(ontology)
    pairs = set()
    for left, right in ontology.subject_objects(OWL.disjointWith):
        pairs |= {(left, right), (right, left)}
    for members in ontology.objects(None, OWL.members):
        items = list(ontology.items(members))
        pairs |= {(a, b) for a in items for b in items if a != b}
    found = []
    for node in set(data.subjects(RDF.type, None)):
        types = set()
        for cls in data.objects(node, RDF.type):
            types |= {cls} | superclasses.get(cls, set())
        clashes = sorted({tuple(sorted((str(a), str(b)))) for a, b in pairs if a in types and b in types})
        for first, second in clashes:
            message = f"typed both {first} and {second}, which are disjoint"
            found.append(Finding("owl", "violation", str(node), str(RDF.type), message))
    return found
