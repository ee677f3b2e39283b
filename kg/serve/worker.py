"""A SPARQL worker process: its own store, loaded from the same output folder, answering one query at a time.

Oxigraph cannot interrupt a running query, so queries run here rather than in the web process:
the server can then stop a query that runs too long by killing the process (see `kg.serve.pool`).
The worker also caps its own memory, so a query that would materialize a huge join dies alone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Store

from kg.errors import UserInputError
from kg.serve import results
from kg.serve.store import load_store, load_union_store, names_graphs

READY = "ready"
# Bytes of address space a worker may use for queries, on top of what its loaded store takes (the
# 10,000-article benchmark build alone takes about 3 GB): a runaway query fails, the data always fits.
QUERY_MEMORY = 2 * 1024**3

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryRequest:
    """One query, the result formats the client accepts for each query form, and the row limit."""

    query: str
    select_format: str = "json"
    graph_format: str = "ttl"
    limit: int = 10000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryReply:
    """What a worker answers: ok (with the body), bad-query (the client's fault) or error (ours)."""

    status: str
    body: bytes = b""
    media_type: str = "text/plain; charset=utf-8"
    truncated: bool = False
    message: str = ""


def main(connection: Connection, dist_dir: str) -> None:
    """Entry point of a worker process: load, say ready, then answer requests until told to stop."""
    try:
        stores = Stores(union=load_union_store(Path(dist_dir)), named=load_store(Path(dist_dir)))
    except UserInputError as problem:
        connection.send(str(problem))
        return
    names_graphs("ASK {}")  # rdflib's parser is imported now, not during the first query's time limit
    _limit_memory()
    connection.send(READY)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):  # the server has gone
            return
        if request is None:
            return
        try:
            reply = execute(stores, request)
        except Exception:  # keep serving: the server answers 500 and the traceback stays in the log
            log.exception("SPARQL worker failed on a query")
            reply = QueryReply("error", message="internal error")
        connection.send(reply)


@dataclass(frozen=True)
class Stores:
    """The two stores of a worker: the union of all graphs alone, for the queries that name no graph
    (Oxigraph answers them several times faster there: see load_union_store), and the named graphs."""

    union: Store
    named: Store


def execute(stores: Stores, request: QueryRequest) -> QueryReply:
    """Run one query and write its (capped) results in the requested format."""
    try:
        if request.default_graphs or request.named_graphs or names_graphs(request.query):
            result = stores.named.query(request.query, **_dataset(request))
        else:
            result = stores.union.query(request.query)
        if isinstance(result, QueryBoolean):
            body = results.boolean(bool(result), request.select_format)
            return QueryReply("ok", body, results.SELECT_MEDIA_TYPES[request.select_format])
        if isinstance(result, QuerySolutions):
            variables = [variable.value for variable in result.variables]
            solutions = list(islice(result, request.limit + 1))
            rows = [[solution[name] for name in variables] for solution in solutions[: request.limit]]
            body = results.solutions(variables, rows, request.select_format)
            media_type = results.SELECT_MEDIA_TYPES[request.select_format]
            return QueryReply("ok", body, media_type, truncated=len(solutions) > request.limit)
        triples = list(islice(result, request.limit + 1))
        body = results.graph(triples[: request.limit], request.graph_format)
        media_type = results.GRAPH_MEDIA_TYPES[request.graph_format]
        return QueryReply("ok", body, media_type, truncated=len(triples) > request.limit)
    except SyntaxError as problem:
        return QueryReply("bad-query", message=f"SPARQL syntax error: {problem}")
    except (ValueError, RuntimeError, OSError) as problem:  # Oxigraph's evaluation errors name the query's fault
        return QueryReply("bad-query", message=f"the query cannot be evaluated: {problem}")


def _dataset(request: QueryRequest) -> dict:
    """The dataset of a query on the named graphs: the union of all graphs as default graph, unless the
    protocol's graph IRIs say otherwise."""
    options: dict = {}
    if request.default_graphs:
        options["default_graph"] = [NamedNode(iri) for iri in request.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if request.named_graphs:
        options["named_graphs"] = [NamedNode(iri) for iri in request.named_graphs]
    return options


def _limit_memory() -> None:
    """Cap the worker's address space at what it holds now plus QUERY_MEMORY, where the platform allows
    it (Linux: not on Windows or macOS)."""
    try:
        import resource

        status = Path("/proc/self/status").read_text(encoding="ascii")
    except (ImportError, OSError):
        return
    found = re.search(r"^VmSize:\s*(\d+) kB", status, re.MULTILINE)
    if found is None:
        return
    limit = int(found.group(1)) * 1024 + QUERY_MEMORY
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and hard < limit:
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        log.warning("could not limit the SPARQL worker's memory")
