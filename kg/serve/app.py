"""The web application: routes from URLs to resource pages, the SPARQL endpoint and the output files.

Nothing here knows RDF or HTML beyond picking which module answers; errors reach clients as short
messages, never tracebacks (they go to the server's log).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from kg.assemble import DEFAULT_BASE
from kg.errors import UserInputError
from kg.outputs import VOID_FILE
from kg.serve import files
from kg.serve.describe import describe, rdf_triples, serialize_rdf
from kg.serve.home import SCRIPT_HASH, examples_folder, load_examples, query_page
from kg.serve.links import Linker
from kg.serve.negotiation import Offer, by_key, choose
from kg.serve.pages import ResourcePage, not_found_page
from kg.serve.pool import QueryPool
from kg.serve.sparql import Endpoint
from kg.serve.store import Graphs, check_dist, load_store

RESOURCE_OFFERS = (
    Offer("html", ("text/html", "application/xhtml+xml")),
    Offer("ttl", ("text/turtle", "application/x-turtle")),
    Offer("jsonld", ("application/ld+json", "application/json")),
    Offer("nt", ("application/n-triples",)),
)
RDF_MEDIA_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json", "nt": "application/n-triples"}
ONTOLOGY_OFFERS = (
    Offer("html", ("text/html", "application/xhtml+xml")),
    Offer("ttl", ("text/turtle", "application/x-turtle")),
    Offer("rdf", ("application/rdf+xml", "application/xml")),
)
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
QUERY_PAGE_POLICY = f"{PAGE_POLICY}; script-src '{SCRIPT_HASH}'; connect-src 'self'"

log = logging.getLogger(__name__)


def create_app(
    dist_dir: Path,
    public_base: str = DEFAULT_BASE,
    query_timeout: float = 10.0,
    result_limit: int = 10000,
) -> FastAPI:
    """A read-only Linked Data server over a built output folder (its SPARQL workers start with the app)."""
    dist_dir = check_dist(Path(dist_dir))
    if not public_base.endswith(("/", "#")):
        public_base += "/"
    if not query_timeout > 0:
        raise UserInputError(f"the query timeout must be a positive number of seconds, not {query_timeout}")
    if result_limit < 1:
        raise UserInputError(f"the result limit must be at least 1, not {result_limit}")
    graphs = Graphs(load_store(dist_dir), public_base)
    examples = load_examples(examples_folder(dist_dir))
    pool = QueryPool(dist_dir)
    endpoint = Endpoint(pool, query_timeout, result_limit)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="vnpost-kg", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.pool = pool

    def linker(request: Request) -> Linker:
        return Linker(public_base, request.scope.get("root_path", ""))

    @app.middleware("http")
    async def no_sniffing(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(Exception)
    async def internal_error(request: Request, problem: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=problem)
        return PlainTextResponse("internal server error\n", status_code=500)

    @app.get("/")
    def home(request: Request) -> Response:
        page = query_page(examples, linker(request), public_base)
        return HTMLResponse(page, headers={"Content-Security-Policy": QUERY_PAGE_POLICY})

    @app.api_route("/sparql", methods=["GET", "POST"])
    async def sparql(request: Request) -> Response:
        return await endpoint.handle(request)

    @app.get("/id/{path:path}")
    def resource(path: str, request: Request) -> Response:
        links = linker(request)
        offer, problem = _negotiate(request, RESOURCE_OFFERS)
        node = graphs.resolve(path)
        if node is None:
            if offer is not None and offer.key == "html":
                return HTMLResponse(not_found_page("/id/" + path, links), status_code=404)
            return PlainTextResponse(f"no resource /id/{path} in this graph\n", status_code=404)
        if problem is not None:
            return problem
        if offer.key == "html":
            page = ResourcePage(graphs, links).render(describe(graphs, node))
            return HTMLResponse(page, headers={"Vary": "Accept", "Content-Security-Policy": PAGE_POLICY})
        body = serialize_rdf(rdf_triples(graphs, node), offer.key)
        return Response(body, media_type=RDF_MEDIA_TYPES[offer.key], headers={"Vary": "Accept"})

    @app.get("/ontology")
    def ontology(request: Request) -> Response:
        offer, problem = _negotiate(request, ONTOLOGY_OFFERS)
        if problem is not None:
            return problem
        path = files.served_file(dist_dir, files.ONTOLOGY_FILES[offer.key])
        if path is None:
            return PlainTextResponse("the ontology is not in this output folder\n", status_code=404)
        return FileResponse(path, media_type=files.media_type(path), headers={"Vary": "Accept"})

    @app.get("/void")
    def void() -> Response:
        path = files.served_file(dist_dir, VOID_FILE)
        if path is None:
            return PlainTextResponse("no dataset description in this output folder\n", status_code=404)
        return FileResponse(path, media_type="text/turtle; charset=utf-8")

    @app.get("/dumps/{name:path}")
    def dump(name: str) -> Response:
        path = files.served_file(dist_dir, name)
        if path is None:
            return PlainTextResponse("no such file\n", status_code=404)
        return FileResponse(path, media_type=files.media_type(path))

    return app


def _negotiate(request: Request, offers: tuple[Offer, ...]) -> tuple[Offer | None, Response | None]:
    """The form to answer with (a `?format=` override wins over Accept), or the error response."""
    requested = request.query_params.get("format")
    if requested is not None:
        offer = by_key(offers, requested)
        if offer is None:
            keys = ", ".join(each.key for each in offers)
            return None, PlainTextResponse(f"unknown format {requested!r}: use one of {keys}\n", status_code=400)
        return offer, None
    offer = choose(request.headers.get("accept"), offers)
    if offer is None:
        types = ", ".join(media for each in offers for media in each.media_types)
        return None, PlainTextResponse(f"not acceptable: this resource is available as {types}\n", status_code=406)
    return offer, None


def serve(
    dist_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    public_base: str = DEFAULT_BASE,
    query_timeout: float = 10.0,
    result_limit: int = 10000,
) -> None:
    """Run the server until interrupted (blocking)."""
    import uvicorn

    app = create_app(dist_dir, public_base=public_base, query_timeout=query_timeout, result_limit=result_limit)
    uvicorn.run(app, host=host, port=port, log_level="info")
