"""Validating a built output folder: the shapes and OWL checks of the build, run on its dumps."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.check import CheckReport, check
from kg.errors import UserInputError
from kg.outputs import built_files, union_graph


def validate_dist(dist_dir: Path, reason: bool = True) -> CheckReport:
    """Check the asserted graphs of a build (its inferred graph aside) against its ontology."""
    dump, ontology_file = built_files(dist_dir)
    dataset = Dataset()
    ontology = Graph()
    try:
        dataset.parse(dump, format="nquads")
        ontology.parse(ontology_file, format="turtle")
    except Exception as problem:  # rdflib raises many kinds of parse errors
        raise UserInputError(f"{dist_dir} holds a dump that does not parse: {problem}; build it again") from None
    return check(union_graph(dataset), ontology, reason=reason)
