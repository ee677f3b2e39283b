"""Publishing to a real Oxigraph server and querying it over HTTP: the same answers as the files.

Oxigraph runs on loopback (pip package `oxigraph`, `oxigraph serve --union-default-graph`); small
stand-in servers on loopback play an endpoint that fails (HTTP 500, an HTML page, no answer).
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from typing import ClassVar

import pytest
import yaml
from rdflib import Graph

from kg.endpoint import bind_values, run_remote_query
from kg.errors import UserInputError
from kg.publish import publish
from tests.conftest import QUERIES, ROOT, comparable, free_port

MANIFEST = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"]
CASES = [
    pytest.param(name, case, id=f"{name}-{number}")
    for name, cases in sorted(MANIFEST.items())
    for number, case in enumerate(cases)
]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def published(oxigraph_server, seed_build):
    report = publish(seed_build.out_dir, f"{oxigraph_server}/store", progress=False)
    assert report.graphs >= 8 and report.triples > 4000
    return oxigraph_server


def _count(endpoint: str) -> int:
    return int(run_remote_query(f"{endpoint}/query", COUNT)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(("name", "case"), CASES)
def test_every_question_gives_the_embedded_answer_over_http(published, name, case):
    query = (QUERIES / name).read_text(encoding="utf-8")
    payload = run_remote_query(f"{published}/query", query, case.get("params"))
    if "over_graph" in case:  # a CONSTRUCT answers Turtle: query that graph in turn
        answer = Graph().parse(data=payload, format="turtle")
        assert len(answer) > 0
        payload = json.loads(answer.query(case["over_graph"]).serialize(format="json"))
    bindings = payload["results"]["bindings"]
    rows = [tuple(comparable(b.get(c, {}).get("value", "")) for c in case["columns"]) for b in bindings]
    expected = [tuple(comparable(value) for value in row) for row in case["rows"]]
    if case.get("ordered"):
        assert rows == expected
    else:
        assert sorted(set(rows)) == sorted(set(expected))


def test_publishing_twice_replaces_instead_of_duplicating(published, seed_build):
    before = _count(published)
    publish(seed_build.out_dir, f"{published}/store", progress=False)
    assert _count(published) == before


def test_publish_and_query_commands(published, seed_build):
    result = run("publish", "--dist", str(seed_build.out_dir), "--gsp", f"{published}/store")
    assert result.returncode == 0, result.stderr
    assert "published" in result.stdout and "graphs" in result.stdout
    table = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--endpoint", f"{published}/query")
    assert table.returncode == 0, table.stderr
    assert "Hà Tĩnh" in table.stdout and "Lạng Sơn" in table.stdout and "(2 rows)" in table.stdout


def test_parameters_are_bound_as_values_never_spliced():
    payload = '"} ; DROP ALL ; #'
    bound = bind_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": payload})
    assert 'VALUES (?name) { ("\\"} ; DROP ALL ; #") }' in bound
    assert bind_values("# WHERE { in a comment\nSELECT * WHERE { ?s ?p ?o }", {"s": "https://e.org/x"}).endswith(
        "WHERE { VALUES (?s) { (<https://e.org/x>) }  ?s ?p ?o }"
    )


def test_an_injection_attempt_finds_nothing_and_drops_nothing(published):
    before = _count(published)
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?x WHERE { ?x rdfs:label ?name }"
    answer = run_remote_query(f"{published}/query", query, {"name": '"} ; DROP ALL ; #'})
    assert answer["results"]["bindings"] == [] and _count(published) == before


class _Misbehaving(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "slow":
            time.sleep(3)
        status, body, kind = {
            "500": (500, b"boom", "text/plain"),
            "html": (200, b"<!DOCTYPE html><html><body>Welcome</body></html>", "text/html"),
            "slow": (200, b"{}", "application/json"),
        }[self.mode]
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture()
def misbehaving():
    servers = []

    def start(mode: str) -> str:
        handler = type(f"Handler{mode}", (_Misbehaving,), {"mode": mode})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/sparql"

    yield start
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize(
    ("mode", "needle"), [("500", "HTTP 500"), ("html", "HTML page"), ("slow", "did not answer within")]
)
def test_a_misbehaving_endpoint_is_one_clear_error(misbehaving, mode, needle):
    endpoint = misbehaving(mode)
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--endpoint", endpoint, "--timeout", "1")
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_endpoint_that_is_down_is_one_clear_error():
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--endpoint", f"http://127.0.0.1:{free_port()}/q")
    assert result.returncode == 2 and "cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_publishing_to_nowhere_is_one_clear_error(seed_build):
    with pytest.raises(UserInputError, match="cannot reach"):
        publish(seed_build.out_dir, f"http://127.0.0.1:{free_port()}/store", progress=False)


class _BasicAuthStore(http.server.BaseHTTPRequestHandler):
    """A Graph Store stand-in that wants HTTP basic authentication (user vnpost, password secret)."""

    received: ClassVar[list[str]] = []

    def do_PUT(self):
        import base64

        expected = "Basic " + base64.b64encode(b"vnpost:secret").decode()
        # read the body first: answering before it is read can break the client's pipe mid-upload
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.end_headers()
            return
        self.received.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_publish_with_basic_authentication(seed_build):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _BasicAuthStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/store"
        with pytest.raises(UserInputError, match="refused the credentials"):
            publish(seed_build.out_dir, url, "vnpost", "wrong", progress=False)
        report = publish(seed_build.out_dir, url, "vnpost", "secret", progress=False)
        assert len(_BasicAuthStore.received) == report.graphs
    finally:
        server.shutdown()


def test_publish_never_shows_the_password(seed_build):
    """Neither a refused nor an accepted upload prints the password, given as an option or in the URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _BasicAuthStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/store"
        with_password_in_url = f"http://vnpost:secret@127.0.0.1:{server.server_port}/store"
        runs = [
            (run("publish", "--dist", str(seed_build.out_dir), "--gsp", url, "--user", "vnpost",
                 "--password", "not-the-secret-7g2"), 2, "not-the-secret-7g2"),
            (run("publish", "--dist", str(seed_build.out_dir), "--gsp", url, "--user", "vnpost",
                 "--password", "secret"), 0, "secret"),
            (run("publish", "--dist", str(seed_build.out_dir), "--gsp", with_password_in_url), 0, "secret"),
        ]
        for result, code, password in runs:
            assert result.returncode == code, result.stderr
            assert password not in result.stdout + result.stderr
        assert f"to {url}" in runs[2][0].stdout
    finally:
        server.shutdown()
