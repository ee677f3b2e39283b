"""The Linked Data server: resource pages with content negotiation, a read-only SPARQL endpoint, the dumps.

    store        the output folder loaded into an in-memory Oxigraph store
    negotiation  which form the Accept header prefers
    describe     a resource's triples and the parts of its page; links: where links point
    pages        resource pages (HTML, every data text escaped); home: the query page at /
    sparql       the SPARQL 1.1 Protocol; results: the result formats
    pool, worker queries run in worker processes, killed when they outlive the time limit
    files        which files of the output folder may be downloaded
    app          the routes; `create_app` and `serve`

The two entry points import the web framework only when called, so that a worker process (which
imports this package) starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

DEFAULT_PUBLIC_BASE = "https://w3id.org/vnpost-kg/"


def create_app(
    dist_dir: Path,
    public_base: str = DEFAULT_PUBLIC_BASE,
    query_timeout: float = 10.0,
    result_limit: int = 10000,
) -> FastAPI:
    """The ASGI application over a built output folder; raises UserInputError if there is no built graph."""
    from kg.serve.app import create_app as create

    return create(dist_dir, public_base=public_base, query_timeout=query_timeout, result_limit=result_limit)


def serve(
    dist_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    public_base: str = DEFAULT_PUBLIC_BASE,
    query_timeout: float = 10.0,
    result_limit: int = 10000,
) -> None:
    """Run the server with uvicorn until interrupted (blocking); binds the loopback address by default."""
    from kg.serve.app import serve as run

    run(dist_dir, host=host, port=port, public_base=public_base, query_timeout=query_timeout,
        result_limit=result_limit)
