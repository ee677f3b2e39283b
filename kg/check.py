"""Check stage: the dataset against the SHACL shapes of ontology/shapes.ttl (pySHACL).

OWL reasoning with HermiT joins this stage in a later step; the interface stays the same:
`check(dataset, ontology)` returns a report that says whether the data conforms and why not.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from kg.vocabulary import SHAPES_FILE, ontology_path


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str


@dataclass(frozen=True)
class CheckReport:
    conforms: bool
    violations: tuple[Violation, ...]


def check(dataset: Dataset, ontology: Graph) -> CheckReport:
    """Validate the union of the dataset's graphs, with the ontology mixed in for class hierarchy."""
    import pyshacl  # imported here: it is the slowest import of the pipeline

    data = Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        data.add((subject, predicate, obj))
    data += ontology  # sh:class needs the class hierarchy and the taxonomy concepts' types
    shapes = Graph().parse(ontology_path(SHAPES_FILE), format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in results.subjects(SH.focusNode, None):
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(results.value(result, SH.resultPath) or ""),
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return CheckReport(bool(conforms), tuple(violations))
