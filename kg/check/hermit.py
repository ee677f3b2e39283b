"""OWL consistency of ontology + data with HermiT, through owlready2 (the only module that uses it).

owlready2 reads neither Turtle nor rdflib graphs, so both are written to temporary files first
(RDF/XML for the ontology, N-Triples for the data). xsd:gYear and xsd:date are not in OWL 2's
datatype map; HermiT is told to ignore those values rather than reject the whole graph.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.check.report import Finding
from kg.errors import UserInputError


def java_available() -> bool:
    """Whether HermiT can run here (it is a Java program)."""
    import owlready2

    return shutil.which(owlready2.JAVA_EXE) is not None or Path(owlready2.JAVA_EXE).exists()


def check_consistency(data: Graph, ontology: Graph) -> list[Finding]:
    """No finding if ontology + data are consistent; else one finding saying so."""
    import owlready2

    if not java_available():
        raise UserInputError(
            "OWL reasoning needs Java (HermiT runs on it): install it, e.g. `apt-get install default-jre-headless`, "
            "or skip reasoning with --no-reason"
        )
    with tempfile.TemporaryDirectory(prefix="vnpost-kg-hermit-") as folder:
        ontology_file = Path(folder) / "ontology.owl"
        data_file = Path(folder) / "data.nt"
        ontology.serialize(destination=ontology_file, format="xml", encoding="utf-8")
        data.serialize(destination=data_file, format="nt", encoding="utf-8")
        world = owlready2.World()
        # Formats given, not guessed: owlready2 takes a file for RDF/XML when its first line is over
        # 1,000 bytes long, as an N-Triples line of an article's text can be (seen once in CI).
        world.get_ontology(ontology_file.as_uri()).load(format="rdfxml")
        world.get_ontology(data_file.as_uri()).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
        except owlready2.OwlReadyInconsistentOntologyError:
            return [Finding("owl", "violation", "", "", "HermiT: the ontology and the data are inconsistent")]
        finally:
            world.close()
    return []
