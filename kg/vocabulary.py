"""The project's vocabulary: where the ontology files are and which concepts they define.

The ontology (classes, properties) and the SKOS taxonomies (award types, roles, services...)
live in ontology/ at the top of the repository and are installed as the package `kg.ontology`.
Their IRIs are fixed under VOCABULARY_BASE, whatever base IRI a build mints its data under.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from kg.errors import DataFileError

VOCABULARY_BASE = "https://w3id.org/vnpost-kg/"
ONTOLOGY_NAMESPACE = VOCABULARY_BASE + "ontology#"
ONTOLOGY_FILES = ("vnpost.ttl", "taxonomies.ttl")
SHAPES_FILE = "shapes.ttl"

# Concept kinds, as used in gazetteer keys ("award-type:emulation-flag"), -> their IRI folder.
CONCEPT_KINDS = ("award-type", "role", "service", "indicator", "qualifier", "unit")


def ontology_path(name: str) -> Path:
    """Path of one file of the ontology/ folder, installed or in the source tree."""
    path = Path(str(resources.files("kg.ontology").joinpath(name)))
    if not path.is_file():
        raise DataFileError(f"ontology file {name} is missing from the installation ({path})")
    return path


def concept_iri(kind: str, slug: str) -> str:
    """IRI of a taxonomy concept, e.g. concept_iri('award-type', 'emulation-flag')."""
    return f"{VOCABULARY_BASE}id/{kind}/{slug}"


@functools.cache
def defined_concepts() -> frozenset[str]:
    """IRIs of every skos:Concept the taxonomies define (rules may only name these)."""
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    graph.parse(ontology_path("taxonomies.ttl"), format="turtle")
    return frozenset(str(concept) for concept in graph.subjects(RDF.type, SKOS.Concept))
