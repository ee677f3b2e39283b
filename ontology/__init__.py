"""The ontology files, installed as package data `kg.ontology` (see kg/vocabulary.py)."""
