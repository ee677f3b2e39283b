"""A small RDF/XML writer whose output depends only on the graph's content.

rdflib's RDF/XML serializer walks subjects in hash order, so the same graph gives different bytes
from one process to the next. This writer sorts subjects and their properties, and names blank
nodes from their content (rdflib.compare), so `ontology.rdf` is byte-identical in every build.
It writes the flat "one rdf:Description per subject" form, which every RDF/XML reader accepts.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

_NAME_START = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")


def to_rdfxml(graph: Graph) -> str:
    """The graph as RDF/XML, subjects and properties in sorted order."""
    canonical = to_canonical_graph(graph)
    prefixes = {str(namespace): prefix for prefix, namespace in graph.namespaces() if prefix}
    used: dict[str, str] = {}
    blocks = []
    for subject in sorted(set(canonical.subjects())):
        lines = [f"  <rdf:Description {_node_attribute(subject, 'about')}>"]
        for predicate, obj in sorted(canonical.predicate_objects(subject)):
            name = _qualified_name(str(predicate), prefixes, used)
            lines.append(f"    {_property(name, obj)}")
        lines.append("  </rdf:Description>")
        blocks.append("\n".join(lines))
    used.setdefault(str(RDF), "rdf")
    ordered = sorted(used.items(), key=lambda item: item[1])
    declarations = "".join(f'\n   xmlns:{prefix}="{escape(namespace)}"' for namespace, prefix in ordered)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n' + "\n".join(blocks) + "\n</rdf:RDF>\n"


def _node_attribute(node: URIRef | BNode, kind: str) -> str:
    if isinstance(node, BNode):
        return f"rdf:nodeID={quoteattr('b' + str(node))}"
    return f"rdf:{kind}={quoteattr(str(node))}"


def _property(name: str, obj: object) -> str:
    if isinstance(obj, Literal):
        attributes = ""
        if obj.language:
            attributes = f" xml:lang={quoteattr(obj.language)}"
        elif obj.datatype:
            attributes = f" rdf:datatype={quoteattr(str(obj.datatype))}"
        return f"<{name}{attributes}>{escape(str(obj))}</{name}>"
    return f"<{name} {_node_attribute(obj, 'resource')}/>"


def _qualified_name(iri: str, prefixes: dict[str, str], used: dict[str, str]) -> str:
    """prefix:local for a property IRI, declaring a prefix (known, or ns1, ns2 …) as needed."""
    split = max(iri.rfind("#"), iri.rfind("/")) + 1
    namespace, local = iri[:split], iri[split:]
    if not _NAME_START.match(local):
        raise ValueError(f"property {iri} cannot be written in RDF/XML (no XML name at its end)")
    if namespace not in used:
        prefix = prefixes.get(namespace)
        if prefix is None or prefix in used.values():
            prefix = f"ns{len(used) + 1}"
        used[namespace] = prefix
    return f"{used[namespace]}:{local}"
