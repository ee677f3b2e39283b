"""SHACL validation of the built graph against ontology/shapes.ttl, with pySHACL."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SH

from kg.check.report import Finding
from kg.vocabulary import SHAPES_FILE, ontology_path


def validate_shapes(data: Graph, ontology: Graph) -> list[Finding]:
    """Every result of the shapes on data + ontology (the ontology gives sh:class its hierarchy)."""
    import pyshacl  # imported here: it is the slowest import of the pipeline

    graph = Graph()
    graph += data
    graph += ontology
    shapes = Graph().parse(ontology_path(SHAPES_FILE), format="turtle")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    findings = []
    for result in results.subjects(SH.focusNode, None):
        severity = results.value(result, SH.resultSeverity)
        findings.append(
            Finding(
                check="shacl",
                severity="warning" if severity in (SH.Warning, SH.Info) else "violation",
                focus=str(results.value(result, SH.focusNode)),
                path=str(results.value(result, SH.resultPath) or ""),
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(findings)
