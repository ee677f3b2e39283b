"""The SPARQL 1.1 Protocol, read-only: query by GET or POST, results as the client accepts them.

Updates are refused before anything runs, and so are federated queries (SERVICE would make the server
fetch any URL a stranger names). Queries run in worker processes under a time limit (`kg.serve.pool`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.serve.negotiation import Offer, choose
from kg.serve.pool import NoWorkerAvailable, QueryPool, QueryTimedOut, WorkerCrashed
from kg.serve.worker import QueryRequest

SELECT_OFFERS = (
    Offer("json", ("application/sparql-results+json", "application/json")),
    Offer("xml", ("application/sparql-results+xml",)),
    Offer("csv", ("text/csv",)),
    Offer("tsv", ("text/tab-separated-values",)),
)
GRAPH_OFFERS = (
    Offer("ttl", ("text/turtle", "application/x-turtle")),
    Offer("nt", ("application/n-triples",)),
)
MAX_BODY = 1024 * 1024
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
_NOT_KEYWORDS = re.compile(
    r"""'''.*?''' | \"\"\".*?\"\"\" | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"   # strings
      | <[^<>"{}|^`\\\s]*>                                                         # IRIs
      | \#[^\n]*                                                                    # comments
      | [?$]\w+                                                                     # variables
      | (?:[A-Za-z_][\w.-]*)?:[\w.%\\-]*                                            # prefixed names
    """,
    re.VERBOSE | re.DOTALL,
)


class ProtocolError(Exception):
    """A request the endpoint will not run, with the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Endpoint:
    """The /sparql route over a pool of workers, with the server's time and row limits."""

    def __init__(self, pool: QueryPool, query_timeout: float, result_limit: int) -> None:
        self.pool = pool
        self.query_timeout = query_timeout
        self.result_limit = result_limit

    async def handle(self, request: Request) -> Response:
        try:
            query, default_graphs, named_graphs = await read_request(request)
            check_read_only(query)
        except ProtocolError as problem:
            return _text(problem.message, problem.status)
        accept = request.headers.get("accept")
        job = QueryRequest(
            query=query,
            select_format=(choose(accept, SELECT_OFFERS) or SELECT_OFFERS[0]).key,
            graph_format=(choose(accept, GRAPH_OFFERS) or GRAPH_OFFERS[0]).key,
            limit=self.result_limit,
            default_graphs=tuple(default_graphs),
            named_graphs=tuple(named_graphs),
        )
        try:
            reply = await run_in_threadpool(self.pool.run, job, self.query_timeout)
        except QueryTimedOut:
            return _text(
                f"query cut off: it ran longer than this endpoint's limit of {self.query_timeout:g} s "
                "(add a LIMIT or make the patterns more selective)",
                503,
            )
        except WorkerCrashed:
            return _text("query stopped: it needed more memory than this endpoint allows", 503)
        except NoWorkerAvailable:
            return _text("the endpoint is busy: try again in a moment", 503, {"Retry-After": "5"})
        if reply.status == "bad-query":
            return _text(reply.message, 400)
        if reply.status != "ok":
            return _text("internal error while running the query", 500)
        headers = {"Vary": "Accept", "X-Result-Limit": str(self.result_limit)}
        if reply.truncated:
            headers["X-Result-Truncated"] = "true"
        return Response(reply.body, media_type=reply.media_type, headers=headers)


async def read_request(request: Request) -> tuple[str, list[str], list[str]]:
    """The query text and the protocol's default-graph-uri and named-graph-uri values of a request."""
    fields = {name: request.query_params.getlist(name) for name in request.query_params}
    if request.method == "POST":
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/sparql-update":
            raise ProtocolError(403, READ_ONLY)
        body = await _body(request)
        if media_type == "application/x-www-form-urlencoded":
            for name, values in parse_qs(body, keep_blank_values=True).items():
                fields.setdefault(name, []).extend(values)
        elif media_type == "application/sparql-query":
            fields["query"] = [body]
        else:
            raise ProtocolError(
                415, "send the query as application/x-www-form-urlencoded (query=…) or application/sparql-query"
            )
    if "update" in fields:
        raise ProtocolError(403, READ_ONLY)
    queries = fields.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise ProtocolError(400, "give exactly one non-empty query parameter (the SPARQL query)")
    return queries[0], fields.get("default-graph-uri", []), fields.get("named-graph-uri", [])


async def _body(request: Request) -> str:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ProtocolError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None


def check_read_only(query: str) -> None:
    """Refuse an update, and a federated query, before it reaches a worker."""
    words = [word.upper() for word in re.findall(r"[A-Za-z]+", _NOT_KEYWORDS.sub(" ", query))]
    first = next((word for word in words if word not in ("PREFIX", "BASE")), "")
    if first in UPDATE_WORDS:
        raise ProtocolError(403, READ_ONLY)
    if "SERVICE" in words:
        raise ProtocolError(400, "federated queries (SERVICE) are not allowed on this endpoint")


def _text(message: str, status: int, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)
