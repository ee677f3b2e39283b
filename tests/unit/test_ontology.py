"""The ontology as a product: every term labelled in Vietnamese and English and explained."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.vocabulary import ONTOLOGY_NAMESPACE, ontology_path

ONTOLOGY = Graph().parse(ontology_path("vnpost.ttl"), format="turtle")
TAXONOMIES = Graph().parse(ontology_path("taxonomies.ttl"), format="turtle")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
TERMS = sorted(
    {term for kind in KINDS for term in ONTOLOGY.subjects(RDF.type, kind) if str(term).startswith(ONTOLOGY_NAMESPACE)}
)


def test_the_ontology_has_its_header():
    header = URIRef("https://w3id.org/vnpost-kg/ontology")
    for predicate in (OWL.versionInfo, OWL.versionIRI, DCTERMS.license, DCTERMS.title, DCTERMS.creator):
        assert ONTOLOGY.value(header, predicate) is not None, predicate


@pytest.mark.parametrize("term", TERMS, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_every_term_is_labelled_in_both_languages_and_commented(term):
    languages = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}
    assert {"vi", "en"} <= languages
    assert ONTOLOGY.value(term, RDFS.comment) is not None


def test_there_are_enough_terms_to_model_the_domain():
    names = {str(t).rsplit("#", 1)[1] for t in TERMS}
    assert {"ProvincialPost", "AwardConferral", "Observation", "Partnership", "LegalDocument", "Evidence"} <= names


@pytest.mark.parametrize("scheme", ["award-types", "roles", "services", "indicators", "qualifiers", "units-of-measure"])
def test_concept_schemes_have_bilingual_concepts(scheme):
    scheme_iri = URIRef(f"https://w3id.org/vnpost-kg/id/scheme/{scheme}")
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in TAXONOMIES
    concepts = list(TAXONOMIES.subjects(SKOS.inScheme, scheme_iri))
    assert len(concepts) >= 5
    for concept in concepts:
        assert {label.language for label in TAXONOMIES.objects(concept, SKOS.prefLabel)} >= {"vi", "en"}, concept


def test_people_and_organizations_are_disjoint():
    foaf_person = URIRef("http://xmlns.com/foaf/0.1/Person")
    organization = URIRef("http://www.w3.org/ns/org#Organization")
    assert (foaf_person, OWL.disjointWith, organization) in ONTOLOGY or (
        organization, OWL.disjointWith, foaf_person
    ) in ONTOLOGY
