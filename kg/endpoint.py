"""SPARQL over a remote endpoint (any SPARQL 1.1 Protocol server), with SPARQLWrapper.

Parameters travel as a VALUES block at the head of the query's WHERE clause, made of RDF terms
that rdflib writes (and escapes) itself, so they bind as `initBindings` does in the embedded
rdflib store and user text is never spliced into the query. Whatever goes wrong with the
endpoint becomes one UserInputError: down, too slow, an HTTP error, or an answer that is not
SPARQL results.
"""

from __future__ import annotations

import json
import re
import urllib.error

from kg.errors import UserInputError
from kg.query import bind_parameters

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(query_text: str, params: dict[str, str]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` opening its first WHERE block."""
    if not params:
        return query_text
    bindings = bind_parameters(params)  # the names and IRIs the embedded stores accept, or a clear error
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    offset = 0
    for line in query_text.splitlines(keepends=True):
        if not line.lstrip().startswith("#") and (match := _WHERE.search(line)):
            position = offset + match.end()
            return query_text[:position] + block + query_text[position:]
        offset += len(line)
    raise UserInputError("cannot bind --param: the query has no WHERE { … } clause")


def run_remote_query(endpoint: str, query_text: str, params: dict[str, str] | None = None, timeout: float = 30.0):
    """Run a query on an endpoint: SPARQL JSON results (a dict) for SELECT/ASK, Turtle text for graphs."""
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(bind_values(query_text, params or {}))
    client.setTimeout(max(1, round(timeout)))
    graph_query = client.queryType in {"CONSTRUCT", "DESCRIBE"}
    client.setReturnFormat(TURTLE if graph_query else JSON)
    client.setMethod("POST")
    try:
        response = client.query()
        body = response.response.read()
        content_type = response.response.headers.get("Content-Type", "")
    except SPARQLWrapperException as problem:
        raise UserInputError(f"the endpoint {endpoint} answered {_describe(problem)}") from None
    except urllib.error.HTTPError as problem:
        raise UserInputError(f"the endpoint {endpoint} answered HTTP {problem.code} {problem.reason}") from None
    except urllib.error.URLError as problem:
        reason = problem.reason
        if isinstance(reason, TimeoutError):
            raise UserInputError(f"the endpoint {endpoint} did not answer within {timeout:g} s") from None
        raise UserInputError(f"cannot reach the endpoint {endpoint}: {reason}") from None
    except TimeoutError:
        raise UserInputError(f"the endpoint {endpoint} did not answer within {timeout:g} s") from None
    except (ConnectionError, OSError) as problem:
        raise UserInputError(f"cannot reach the endpoint {endpoint}: {problem}") from None
    text = body.decode("utf-8", errors="replace")
    if graph_query:
        if "html" in content_type:
            raise UserInputError(f"the endpoint {endpoint} answered an HTML page, not RDF")
        return text
    return _sparql_json(endpoint, text, content_type)


def _sparql_json(endpoint: str, text: str, content_type: str) -> dict:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError:
        kind = "an HTML page" if "<html" in text[:500].lower() else f"'{content_type or 'unknown content'}'"
        raise UserInputError(f"the endpoint {endpoint} answered {kind}, not SPARQL JSON results") from None
    if not isinstance(payload, dict) or not ("boolean" in payload or "results" in payload):
        raise UserInputError(f"the endpoint {endpoint} answered JSON that is not SPARQL results")
    if "results" in payload and ("head" not in payload or "bindings" not in payload["results"]):
        raise UserInputError(f"the endpoint {endpoint} answered malformed SPARQL JSON results")
    return payload


def _describe(problem: Exception) -> str:
    """SPARQLWrapper's exception classes stand for HTTP statuses; say which."""
    statuses = {
        "QueryBadFormed": "HTTP 400: it finds the query malformed",
        "Unauthorized": "HTTP 401: it wants credentials",
        "EndPointNotFound": "HTTP 404: there is no SPARQL endpoint at this address",
        "URITooLong": "HTTP 414: the query is too long for a GET request",
        "EndPointInternalError": "HTTP 500: an internal error",
    }
    return statuses.get(type(problem).__name__, f"with an error: {type(problem).__name__}")
