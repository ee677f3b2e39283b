"""Where a link in a page points: IRIs under the public base go to this server, others stay as they are.

Resolving locally lets someone browse the graph from a laptop before (or without) the w3id.org
redirect; only http(s) IRIs become links, so a `javascript:` IRI in the data stays inert text.
"""

from __future__ import annotations

from urllib.parse import quote

from kg.serve.describe import PREFIXES

_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


class Linker:
    """Maps IRIs to hrefs for one request (the app may be mounted under a root path)."""

    def __init__(self, public_base: str, root_path: str = "") -> None:
        self.public_base = public_base
        self.root = root_path.rstrip("/")

    def href(self, iri: str) -> str | None:
        """The link target of an IRI, or None if it should not be a link."""
        if iri.startswith(self.public_base):
            local = self.local(iri[len(self.public_base) :])
            if local is not None:
                return local
        if iri.lower().startswith(("http://", "https://")):
            return iri
        return None

    def local(self, rest: str) -> str | None:
        """This server's path for a part of the public IRI space it serves, if any."""
        if rest.startswith("id/"):
            return f"{self.root}/{quote(rest, safe=_PATH_SAFE)}"
        if rest == "ontology" or rest.startswith("ontology#"):
            return f"{self.root}/ontology{quote(rest[len('ontology') :], safe='#' + _PATH_SAFE)}"
        if rest.startswith("dump/") and "/" not in rest[len("dump/") :]:
            return f"{self.root}/dumps/{quote(rest[len('dump/') :], safe='')}"
        if rest == "dataset":
            return f"{self.root}/void"
        return None

    def path(self, route: str) -> str:
        """A route of this server, under its root path."""
        return f"{self.root}{route}"


def compact(iri: str) -> str:
    """prefix:name for the vocabularies the project uses, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
