"""Publishing a build into a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the N-Quads dump (every article, entities, provenance, inferred) and the
ontology are PUT to their own graph IRI, so publishing again replaces each graph instead of adding
to it, blank nodes included. Nothing is written to the store's default graph: query it as the
union of the named graphs (Oxigraph `--union-default-graph`, Fuseki `tdb2:unionDefaultGraph`,
Virtuoso `define input:default-graph-uri`…), as README.md explains.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import UserInputError
from kg.outputs import ONTOLOGY_GRAPH, built_files


@dataclass(frozen=True)
class PublishReport:
    graphs: int
    triples: int
    url: str  # the store's URL as it may be shown: without credentials


def publish(
    dist_dir: Path,
    gsp_url: str,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    timeout: float = 60.0,
    progress: bool | None = None,
) -> PublishReport:
    """PUT every graph of a build to a Graph Store Protocol endpoint (e.g. Oxigraph's /store).

    Credentials written into the URL (http://user:password@host/store) are used as --user and
    --password would be, and taken out of the URL, so that no message ever shows them."""
    gsp_url, user, password = split_credentials(gsp_url, user, password)
    graphs = _graphs_of(Path(dist_dir))
    opener = _opener(gsp_url, user, password, auth)
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    triples = 0
    for name, graph in tqdm(graphs, desc="publishing graphs", unit="graph", disable=not show, file=sys.stderr):
        _put(opener, gsp_url, name, graph.serialize(format="nt", encoding="utf-8"), timeout)
        triples += len(graph)
    return PublishReport(graphs=len(graphs), triples=triples, url=gsp_url)


def split_credentials(url: str, user: str | None, password: str | None) -> tuple[str, str | None, str | None]:
    """The URL without its user:password@ part, and the user and password (the options win)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, user, password
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    bare = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    from_url_user = urllib.parse.unquote(parts.username) if parts.username else None
    from_url_password = urllib.parse.unquote(parts.password) if parts.password else None
    return bare, user or from_url_user, password or from_url_password


def _graphs_of(dist_dir: Path) -> list[tuple[str, Graph]]:
    dump, ontology_file = built_files(dist_dir)
    dataset = Dataset()
    dataset.parse(dump, format="nquads")
    graphs = [
        (str(graph.identifier), graph)
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier))
        if len(graph) and isinstance(graph.identifier, URIRef)
    ]
    graphs.append((ONTOLOGY_GRAPH, Graph().parse(ontology_file, format="turtle")))
    return graphs


def _opener(gsp_url: str, user: str | None, password: str | None, auth: str) -> urllib.request.OpenerDirector:
    if auth not in {"basic", "digest"}:
        raise UserInputError(f"--auth must be basic or digest, not {auth!r}")
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, gsp_url, user, password or "")
    handler = urllib.request.HTTPBasicAuthHandler if auth == "basic" else urllib.request.HTTPDigestAuthHandler
    return urllib.request.build_opener(handler(passwords))


def _put(opener: urllib.request.OpenerDirector, gsp_url: str, graph: str, body: bytes, timeout: float) -> None:
    separator = "&" if "?" in gsp_url else "?"
    url = f"{gsp_url}{separator}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as problem:
        if problem.code in {401, 403}:
            raise UserInputError(f"the store at {gsp_url} refused the credentials (HTTP {problem.code})") from None
        detail = problem.read(300).decode("utf-8", errors="replace").strip().splitlines()
        hint = f": {detail[0]}" if detail else ""
        raise UserInputError(f"the store at {gsp_url} answered HTTP {problem.code} for graph {graph}{hint}") from None
    except urllib.error.URLError as problem:
        raise UserInputError(f"cannot reach the store at {gsp_url}: {problem.reason}") from None
    except (TimeoutError, OSError) as problem:
        raise UserInputError(f"the store at {gsp_url} did not answer: {problem}") from None
