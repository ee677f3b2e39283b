"""The Linked Data server over real HTTP: resource pages, the SPARQL endpoint, files, and what it refuses.

Each server runs uvicorn in a background thread on a free loopback port, over the seed build (or a
copy of it with hostile labels added), with its SPARQL workers in their own processes.
"""

from __future__ import annotations

import csv
import html
import http.client
import inspect
import io
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import httpx
import pytest
import uvicorn
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, VOID

from kg.errors import UserInputError
from kg.outputs import NQUADS_DUMP, ONTOLOGY_DUMP
from kg.serve import create_app, serve
from kg.serve import store as serve_store
from tests.conftest import QUERIES

BASE = "https://w3id.org/vnpost-kg/"
HA_TINH = "/id/org/buu-dien-tinh-ha-tinh"
HA_TINH_FLAG = "/id/conferral/buu-dien-tinh-ha-tinh--emulation-flag--bo-thong-tin-va-truyen-thong--2020"
ARTICLE_003 = "/id/article/003-ddc1865ba3911d06"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CQ01 = (QUERIES / "cq01_ministry_flags.rq").read_text(encoding="utf-8")
CQ01_CASE = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"][
    "cq01_ministry_flags.rq"
][0]
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _running(dist: Path, **options) -> Iterator[str]:
    """A server in a background thread; yields its base URL once the SPARQL workers answer."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(dist, **options), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not come up"
            time.sleep(0.1)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def server(seed_build) -> Iterator[str]:
    with _running(seed_build.out_dir) as url:
        yield url


@pytest.fixture(scope="module")
def strict_server(seed_build) -> Iterator[str]:
    """The seed graph behind tight limits: 1 s per query, 5 rows per result."""
    with _running(seed_build.out_dir, query_timeout=1, result_limit=5) as url:
        yield url


def _quad(subject: str, predicate: str, obj: str, graph: str = "graph/entities") -> str:
    return f"{subject} {predicate} {obj} <{BASE}{graph}> .\n"


@pytest.fixture(scope="module")
def hostile_server(seed_build, tmp_path_factory) -> Iterator[str]:
    """The seed build plus a resource with a non-ASCII IRI and labels, quotes and links written to attack a page."""
    dist = tmp_path_factory.mktemp("hostile") / "dist"
    shutil.copytree(seed_build.out_dir, dist)
    person, fact, evidence = f"<{BASE}id/person/lê-văn>", f"<{BASE}id/conferral/xss>", f"<{BASE}id/evidence/xss>"
    label, prov, vnpo = f"<{RDFS.label}>", "http://www.w3.org/ns/prov#", "https://w3id.org/vnpost-kg/ontology#"
    extra = [
        _quad(person, f"<{RDF.type}>", "<http://xmlns.com/foaf/0.1/Person>"),
        _quad(person, label, json.dumps(SCRIPT) + "@vi"),
        _quad(person, label, json.dumps(IMG) + "@en"),
        _quad(f"<{BASE}{HA_TINH[1:]}>", "<http://www.w3.org/ns/org#linkedTo>", person),
        _quad(f"<{BASE}{HA_TINH[1:]}>", f"<{RDFS.seeAlso}>", "<javascript:alert(1)>"),
        _quad(fact, f"<{RDF.type}>", f"<{vnpo}AwardConferral>", "graph/article/003-ddc1865ba3911d06"),
        _quad(fact, f"<{prov}wasDerivedFrom>", evidence, "graph/provenance"),
        _quad(evidence, f"<{vnpo}quote>", json.dumps(f"Trước {SCRIPT} sau {IMG}"), "graph/provenance"),
        _quad(evidence, f"<{vnpo}matchedText>", json.dumps(SCRIPT), "graph/provenance"),
        _quad(evidence, f"<{vnpo}fromArticle>", f"<{BASE}{ARTICLE_003[1:]}>", "graph/provenance"),
    ]
    with (dist / NQUADS_DUMP).open("a", encoding="utf-8") as dump:
        dump.writelines(extra)
    with _running(dist) as url:
        yield url


def _raw_get(url: str, path: str, accept: str | None = None) -> tuple[int, str]:
    """A GET with the path sent exactly as written (httpx would normalize `..` and escapes)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": accept} if accept else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _rows(data: dict, columns: list[str]) -> list[tuple[str, ...]]:
    bindings = data["results"]["bindings"]
    return [tuple(binding[c]["value"] if c in binding else "" for c in columns) for binding in bindings]


def _expected_cq01() -> list[tuple[str, ...]]:
    return sorted(tuple(str(value) for value in row) for row in CQ01_CASE["rows"])


# --- resources -------------------------------------------------------------------------------------------


def test_resource_html_shows_labels_types_and_local_links(server):
    response = httpx.get(server + HA_TINH, headers=HTML, timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<title>Bưu điện tỉnh Hà Tĩnh</title>" in page and "Ha Tinh Provincial Post" in page
    assert 'href="/id/place/tinh-ha-tinh"' in page  # IRIs under the public base browse locally
    assert 'href="/ontology#ProvincialPost"' in page
    assert 'href="https://w3id.org/vnpost-kg/id/' not in page
    assert "<h2>Incoming links</h2>" in page and 'href="/id/org/buu-dien-huyen-nghi-xuan-ha-tinh"' in page
    assert not re.search(r'<(script|link|img)\b', page)  # self-contained, no script at all on resource pages


def test_resource_turtle_holds_its_triples_and_the_labels_of_what_it_links_to(server):
    response = httpx.get(server + HA_TINH, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    node = URIRef(BASE + HA_TINH[1:])
    assert (node, RDFS.label, Literal("Bưu điện tỉnh Hà Tĩnh", lang="vi")) in graph
    assert (URIRef(BASE + "id/place/tinh-ha-tinh"), RDFS.label, Literal("Hà Tĩnh", lang="vi")) in graph
    assert (node, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) not in graph  # inferred: left out


@pytest.mark.parametrize(
    ("accept", "rdf_format", "media_type"),
    [
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
    ],
)
def test_resource_json_ld_and_n_triples(server, accept, rdf_format, media_type):
    response = httpx.get(server + HA_TINH, headers={"Accept": accept}, timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    if rdf_format == "json-ld":
        json.loads(response.text)
    graph = Graph().parse(data=response.text, format=rdf_format)
    assert (URIRef(BASE + HA_TINH[1:]), RDFS.label, Literal("Bưu điện tỉnh Hà Tĩnh", lang="vi")) in graph


def test_format_parameter_overrides_accept(server):
    response = httpx.get(server + HA_TINH, params={"format": "ttl"}, headers=HTML, timeout=10)
    assert response.headers["content-type"].startswith("text/turtle")
    assert httpx.get(server + HA_TINH, params={"format": "pdf"}, timeout=10).status_code == 400
    assert httpx.get(server + HA_TINH, headers={"Accept": "image/png"}, timeout=10).status_code == 406


def test_fact_page_shows_its_evidence(server):
    page = httpx.get(server + HA_TINH_FLAG, headers=HTML, timeout=10).text
    assert "<h2>Evidence</h2>" in page
    assert (
        "<mark>Bưu điện tỉnh Hà Tĩnh đã nhận cờ thi đua xuất sắc của Bộ Thông tin và Truyền thông</mark>" in page
    )
    assert "Với sự nỗ lực của tập thể cán bộ công nhân viên" in page  # the quoted sentence around the span
    assert f'href="{ARTICLE_003}"' in page and "Bưu điện tỉnh Hà Tĩnh tổ chức Hội nghị triển khai" in page
    assert "award.receives" in page and "confidence 0.9" in page


def test_unknown_resource_is_404_without_a_traceback(server):
    response = httpx.get(server + "/id/org/no-such-post", headers=HTML, timeout=10)
    assert response.status_code == 404 and "Not found" in response.text and "Traceback" not in response.text
    response = httpx.get(server + "/id/org/no-such-post", headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 404


def test_iris_are_compared_after_percent_decoding(server):
    status, page = _raw_get(server, "/id/org/buu%2Ddien%2Dtinh%2Dha%2Dtinh", HTML["Accept"])
    assert status == 200 and "Bưu điện tỉnh Hà Tĩnh" in page
    status, _ = _raw_get(server, "/id/person/l%C3%AA-v%C4%83n", HTML["Accept"])  # no such person in the seed
    assert status == 404
    status, _ = _raw_get(server, "/id/person/%ff%fe", HTML["Accept"])  # not even UTF-8
    assert status == 404


# --- SPARQL ----------------------------------------------------------------------------------------------


def test_sparql_get_and_both_posts_give_the_competency_answer(server):
    columns = CQ01_CASE["columns"]
    answers = [
        httpx.get(server + "/sparql", params={"query": CQ01}, timeout=20),
        httpx.post(server + "/sparql", data={"query": CQ01}, timeout=20),
        httpx.post(server + "/sparql", content=CQ01.encode(), headers={"Content-Type": "application/sparql-query"},
                   timeout=20),
    ]
    for response in answers:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert sorted(_rows(response.json(), columns)) == _expected_cq01()
    assert ("Hà Tĩnh", "2020") in _expected_cq01() and ("Lạng Sơn", "2019") in _expected_cq01()


def test_sparql_csv_tsv_and_xml_results(server):
    response = httpx.get(server + "/sparql", params={"query": CQ01}, headers={"Accept": "text/csv"}, timeout=20)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted((row["provinceName"], row["year"]) for row in rows) == _expected_cq01()
    tsv = httpx.get(server + "/sparql", params={"query": CQ01}, headers={"Accept": "text/tab-separated-values"},
                    timeout=20)
    assert tsv.text.splitlines()[0].split("\t")[:2] == ["?province", "?provinceName"]
    assert '"Hà Tĩnh"@vi' in tsv.text
    xml = httpx.get(server + "/sparql", params={"query": CQ01}, headers={"Accept": "application/sparql-results+xml"},
                    timeout=20)
    results = ElementTree.fromstring(xml.content).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    assert len(results) == len(CQ01_CASE["rows"])


def test_sparql_construct_gives_turtle_or_n_triples(server):
    query = f"CONSTRUCT WHERE {{ <{BASE}{HA_TINH[1:]}> <{RDFS.label}> ?label }}"
    turtle = httpx.get(server + "/sparql", params={"query": query}, timeout=20)
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle.text, format="turtle")) == 2
    ntriples = httpx.get(server + "/sparql", params={"query": query}, headers={"Accept": "application/n-triples"},
                         timeout=20)
    assert len(Graph().parse(data=ntriples.text, format="nt")) == 2


def test_updates_are_refused(server):
    insert = f"INSERT DATA {{ <{BASE}id/x> <{RDFS.label}> 'x' }}"
    refused = [
        httpx.get(server + "/sparql", params={"query": insert}, timeout=10),
        httpx.post(server + "/sparql", data={"query": "PREFIX a: <http://a/>\n# comment\n" + insert}, timeout=10),
        httpx.post(server + "/sparql", data={"update": insert}, timeout=10),
        httpx.post(server + "/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-update"},
                   timeout=10),
        httpx.post(server + "/sparql", data={"query": f"DROP GRAPH <{BASE}graph/entities>"}, timeout=10),
    ]
    for response in refused:
        assert response.status_code == 403 and "read-only" in response.text
    ask = httpx.get(server + "/sparql", params={"query": f"ASK {{ <{BASE}id/x> ?p ?o }}"}, timeout=10)
    assert ask.json()["boolean"] is False
    still = httpx.get(server + "/sparql", params={"query": f"ASK {{ GRAPH <{BASE}graph/entities> {{ ?s ?p ?o }} }}"},
                      timeout=10)
    assert still.json()["boolean"] is True


def test_malformed_and_federated_queries_are_400(server):
    response = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y "}, timeout=10)
    assert response.status_code == 400 and "syntax error" in response.text and "Traceback" not in response.text
    assert httpx.get(server + "/sparql", timeout=10).status_code == 400  # no query at all
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = httpx.get(server + "/sparql", params={"query": federated}, timeout=10)
    assert response.status_code == 400 and "SERVICE" in response.text
    response = httpx.post(server + "/sparql", content=b"x", headers={"Content-Type": "text/plain"}, timeout=10)
    assert response.status_code == 415


def test_a_slow_query_is_cut_off_and_the_server_keeps_answering(strict_server):
    started = time.monotonic()
    response = httpx.get(strict_server + "/sparql", params={"query": SLOW_QUERY}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code in (503, 504) and "1 s" in response.text
    assert elapsed < 5
    after = httpx.get(strict_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_results_are_capped_at_the_result_limit(strict_server):
    response = httpx.get(strict_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=20)
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["x-result-truncated"] == "true"
    small = httpx.get(strict_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, timeout=20)
    assert len(small.json()["results"]["bindings"]) == 3 and "x-result-truncated" not in small.headers


# --- files -----------------------------------------------------------------------------------------------


def test_void_and_ontology(server):
    void = httpx.get(server + "/void", timeout=10)
    assert void.status_code == 200 and void.headers["content-type"].startswith("text/turtle")
    assert (URIRef(BASE + "dataset"), RDF.type, VOID.Dataset) in Graph().parse(data=void.text, format="turtle")
    documentation = httpx.get(server + "/ontology", headers=HTML, timeout=10)
    assert documentation.status_code == 200 and documentation.headers["content-type"].startswith("text/html")
    assert "<html" in documentation.text
    turtle = httpx.get(server + "/ontology", headers={"Accept": "text/turtle"}, timeout=10)
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert any(Graph().parse(data=turtle.text, format="turtle").subjects(RDF.type, OWL.Ontology))
    rdfxml = httpx.get(server + "/ontology", headers={"Accept": "application/rdf+xml"}, timeout=10)
    assert rdfxml.headers["content-type"].startswith("application/rdf+xml")


def test_dumps_are_served_with_their_media_types(server, seed_build):
    response = httpx.get(server + "/dumps/vnpost-kg.ttl", timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert response.content == (seed_build.out_dir / "vnpost-kg.ttl").read_bytes()
    quads = httpx.get(server + "/dumps/vnpost-kg.nq", timeout=10)
    assert quads.headers["content-type"].startswith("application/n-quads")


@pytest.mark.parametrize(
    "path",
    ["/dumps/../pyproject.toml", "/dumps/%2e%2e%2fpyproject.toml", "/dumps/..%2F..%2Fpyproject.toml",
     "/dumps/%2E%2E/README.md", "/dumps/", "/dumps/.", "/dumps/no-such-file.ttl", "/dumps/..%5cpyproject.toml"],
)
def test_nothing_outside_the_output_folder_is_served(server, path):
    status, body = _raw_get(server, path)
    assert status == 404
    assert "[build-system]" not in body and "vnpost-kg" not in body


# --- what strangers wrote --------------------------------------------------------------------------------


def test_data_texts_are_escaped_everywhere(hostile_server):
    status, person = _raw_get(hostile_server, "/id/person/l%C3%AA-v%C4%83n", HTML["Accept"])  # a non-ASCII IRI
    assert status == 200
    status, linking = _raw_get(hostile_server, HA_TINH, HTML["Accept"])
    status_fact, fact = _raw_get(hostile_server, "/id/conferral/xss", HTML["Accept"])
    assert status == status_fact == 200
    for page in (person, linking, fact):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script" not in page and "<img" not in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in person
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in fact
    assert 'href="javascript:' not in linking.lower() and "javascript:alert(1)" in linking  # shown, not linked
    assert 'href="/id/person/l%C3%AA-v%C4%83n"' in linking


# --- the query page and the API --------------------------------------------------------------------------


def test_query_page_is_offline_and_lists_the_competency_questions(server):
    response = httpx.get(server + "/", headers=HTML, timeout=10)
    assert response.status_code == 200
    page = response.text
    assert "<textarea" in page and 'id="run"' in page
    question = "Which provinces' posts received the Ministry of Information and Communications emulation flag"
    assert html.escape(question) in page
    assert page.count('class="example"') == len(list(QUERIES.glob("*.rq")))
    assert "vnpo:awardType/skos:broader*" in page  # the example's text, waiting to fill the textarea
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from elsewhere, not even a link
    assert "innerHTML" not in page and "textContent" in page
    assert "script-src 'sha256-" in response.headers["content-security-policy"]


def test_no_built_graph_is_a_clear_user_error(tmp_path):
    with pytest.raises(UserInputError, match="build the graph first"):
        create_app(tmp_path / "missing")
    with pytest.raises(UserInputError, match="build the graph first"):
        create_app(tmp_path)


def test_defaults_and_shared_file_names():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert serve_store.NQUADS_DUMP == NQUADS_DUMP and serve_store.ONTOLOGY_TURTLE == ONTOLOGY_DUMP


@pytest.mark.parametrize(
    ("options", "needle"),
    [({"query_timeout": 0}, "the query timeout must be a positive number of seconds, not 0"),
     ({"result_limit": 0}, "the result limit must be at least 1, not 0")],
)
def test_bad_serve_options_are_one_clear_error(seed_build, options, needle):
    with pytest.raises(UserInputError, match=needle):
        create_app(seed_build.out_dir, **options)
