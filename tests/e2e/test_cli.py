"""The command line: summaries, exit codes, and one clear message (no traceback) for bad input."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import build_parser
from tests.conftest import QUERIES, ROOT, SEED_CORPUS, load_script


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_prints_a_summary_and_exits_0(tmp_path):
    result = run("build", "--corpus", str(SEED_CORPUS), "--out", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"articles: 5 read, 0 skipped", result.stdout)
    assert re.search(r"triples:\s+\d+", result.stdout)
    assert re.search(r"checks:\s+conforms, \d+ warning\(s\), OWL consistent \(HermiT\)", result.stdout)


def test_build_graph_script_takes_the_same_options(tmp_path):
    result = subprocess.run(
        [sys.executable, "build_graph.py", "--corpus", str(SEED_CORPUS), "--out", str(tmp_path / "d"), "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d" / "vnpost-kg.nq").is_file()


def test_missing_corpus_is_one_clear_error(tmp_path):
    result = run("build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "d"))
    assert_clean_error(result, 2, "does not exist")


def test_corpus_without_articles_is_one_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_clean_error(run("build", "--corpus", str(tmp_path / "empty"), "--out", str(tmp_path / "d")), 2, "no article")


def test_corpus_path_that_is_a_file_is_one_clear_error(tmp_path):
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    assert_clean_error(run("build", "--corpus", str(file), "--out", str(tmp_path / "d")), 2, "is a file")


def test_output_path_that_is_a_file_is_one_clear_error(tmp_path):
    target = tmp_path / "dist"
    target.write_text("keep me", encoding="utf-8")
    assert_clean_error(run("build", "--corpus", str(SEED_CORPUS), "--out", str(target)), 2, "is a file")
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Bưu điện".encode()[:0] + "Bu'u \xe9t\xe9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_article_is_skipped_with_a_warning(corpus_copy, tmp_path, name, content, reason):
    (corpus_copy / name).write_bytes(content)
    result = run("build", "--corpus", str(corpus_copy), "--out", str(tmp_path / "d"), "--no-check")
    assert result.returncode == 0, result.stderr
    assert f"warning: skipped {corpus_copy / name}" in result.stderr and reason in result.stderr
    assert "articles: 5 read, 1 skipped" in result.stdout
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "dist"
    assert run("build", "--corpus", str(SEED_CORPUS), "--out", str(out), "--no-check").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "only.txt").write_bytes(b"\x00\x01")
    result = run("build", "--corpus", str(broken), "--out", str(out))
    assert result.returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")]


def test_strict_build_refuses_a_skipped_article_and_keeps_the_previous_output(corpus_copy, tmp_path):
    out = tmp_path / "dist"
    assert run("build", "--corpus", str(corpus_copy), "--out", str(out), "--no-check", "--no-viz").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus_copy / "empty.txt").write_bytes(b"")
    result = run("build", "--corpus", str(corpus_copy), "--out", str(out), "--no-check", "--no-viz", "--strict")
    assert_clean_error(result, 2, f"--strict: 1 warning(s), nothing written: skipped {corpus_copy / 'empty.txt'}")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")]


def test_an_unknown_sidecar_province_is_a_warning(corpus_copy, tmp_path):
    sidecar = corpus_copy / "004_7772b1bb6a6b4c9b.meta.json"
    sidecar.write_text(json.dumps({"province": "Atlantis"}), encoding="utf-8")
    args = ("build", "--corpus", str(corpus_copy), "--out", str(tmp_path / "d"), "--no-check", "--no-viz")
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert ("warning: 004_7772b1bb6a6b4c9b.txt: sidecar province 'Atlantis' is not a province the gazetteer "
            "knows; the article's province is inferred from its text") in result.stderr
    assert_clean_error(run(*args, "--strict"), 2, "sidecar province 'Atlantis'")


def test_strict_build_refuses_other_warnings_too(corpus_copy, tmp_path):
    """A build whose graph page is over the limit is a warning; --strict makes it an error, and nothing is left."""
    from kg.build import build
    from kg.errors import UserInputError

    with pytest.raises(UserInputError, match=r"--strict: .*graph\.html not written"):
        build(corpus_copy, tmp_path / "dist", validate=False, graph_node_limit=5, strict=True)
    assert not (tmp_path / "dist").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")]


def test_ctrl_c_during_a_build_leaves_the_previous_output_as_it_was(tmp_path):
    """SIGINT while the new outputs are being written (their staging folder exists): exit 130, one line,
    the previous dist/ byte for byte, no staging folder left behind."""
    out = tmp_path / "dist"
    assert run("build", "--corpus", str(SEED_CORPUS), "--out", str(out), "--no-check", "--no-viz").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    generate = _generator()
    generate(300, 5, tmp_path / "synthetic")  # large enough that writing its dumps takes a while
    command = [sys.executable, "-m", "kg", "build", "--corpus", str(tmp_path / "synthetic" / "corpus"), "--out",
               str(out), "--no-check", "--no-viz", "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".dist.") for p in tmp_path.iterdir()):
        assert process.poll() is None, "the build ended before it started writing"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "interrupted: nothing was changed in the output folder"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")]


def _generator():
    return load_script("benchmarks/generate_corpus.py", "generate_corpus").generate


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "dist"
    assert run("build", "--corpus", str(SEED_CORPUS), "--out", str(out), "--no-check").returncode == 0
    return out


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_a_query_that_takes_too_long_is_stopped_with_one_message(built, tmp_path, store):
    slow = tmp_path / "slow.rq"
    slow.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", encoding="utf-8")
    started = time.monotonic()
    result = run("query", str(slow), "--dist", str(built), "--store", store, "--timeout", "1")
    assert_clean_error(result, 2, "the query did not finish within 1 s")
    assert time.monotonic() - started < 60


def test_query_prints_a_table(built):
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--dist", str(built))
    assert result.returncode == 0, result.stderr
    assert "Hà Tĩnh" in result.stdout and "Lạng Sơn" in result.stdout and "(2 rows)" in result.stdout


def test_query_json_is_sparql_results_json(built):
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--dist", str(built), "--format", "json")
    payload = json.loads(result.stdout)
    years = sorted(b["year"]["value"] for b in payload["results"]["bindings"])
    assert payload["head"]["vars"][0] == "province" and years == ["2019", "2020"]


def test_query_csv_has_a_header_and_one_line_per_row(built):
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--dist", str(built), "--format", "csv")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("province,provinceName") and len(lines) == 3


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_query_param_is_bound_not_pasted(built, tmp_path, store):
    query = tmp_path / "q.rq"
    query.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?thing ?name WHERE { ?thing rdfs:label ?name }",
        encoding="utf-8",
    )
    options = ("--dist", str(built), "--store", store)
    hit = run("query", str(query), *options, "--format", "csv", "--param", "name=Hà Tĩnh")
    assert hit.returncode == 0, hit.stderr
    assert hit.stdout.strip().splitlines()[1:] == []  # the label is language-tagged: a plain literal differs
    payload = '"} ; DROP ALL ; #'
    attack = run("query", str(query), *options, "--param", f"name={payload}")
    assert attack.returncode == 0 and "(0 rows)" in attack.stdout
    province = "thing=<https://w3id.org/vnpost-kg/id/place/tinh-ha-tinh>"
    iri = run("query", str(query), *options, "--format", "csv", "--param", province)
    assert iri.returncode == 0 and "Hà Tĩnh" in iri.stdout


def test_the_stores_print_the_same_answer(built):
    question = ("query", str(QUERIES / "cq03_revenue_by_year.rq"), "--dist", str(built))
    for output_format in ("table", "csv", "json"):
        default = run(*question, "--format", output_format)
        oxigraph = run(*question, "--format", output_format, "--store", "oxigraph")
        rdflib = run(*question, "--format", output_format, "--store", "rdflib")
        assert default.returncode == oxigraph.returncode == rdflib.returncode == 0, rdflib.stderr
        assert default.stdout == oxigraph.stdout == rdflib.stdout
    assert "73000000000.0" in default.stdout  # decimals as the dumps write them, on either store


def test_an_unknown_store_is_refused(built):
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--dist", str(built), "--store", "sqlite")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_a_parameter_oxigraph_cannot_bind_is_one_clear_error(built, tmp_path):
    """Oxigraph binds only selected variables; rdflib binds any (here ?name, which is not selected)."""
    query = tmp_path / "q.rq"
    query.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?thing WHERE { ?thing rdfs:label ?name }",
        encoding="utf-8",
    )
    asked = ("query", str(query), "--dist", str(built), "--param", "name=Hà Tĩnh")
    assert_clean_error(run(*asked), 2, "the query does not select ?name")
    assert run(*asked, "--store", "rdflib").returncode == 0


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    ("param", "needle"),
    [("unit=<not an iri>", "is not a valid IRI"), ("a b=1", "is not a SPARQL variable name")],
)
def test_a_bad_parameter_is_one_clear_error(built, store, param, needle):
    question = str(QUERIES / "cq02_unit_leaders.rq")
    result = run("query", question, "--dist", str(built), "--store", store, "--param", param)
    assert_clean_error(result, 2, needle)


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("SELECT ?x WHERE { ?x ?y }", "SPARQL syntax error at line 1, column"),
        ("PREFIX a: <http://a/>\nSELECT ?x WHERE {\n  ?x ?y ?z\n  FILTER (?x = )\n}", "SPARQL syntax error at line "),
        ("SELECT ?x WHERE { ?x nope:p ?y }", "SPARQL"),
    ],
)
def test_query_syntax_error_is_one_clear_error(built, tmp_path, store, text, needle):
    query = tmp_path / "bad.rq"
    query.write_text(text, encoding="utf-8")
    assert_clean_error(run("query", str(query), "--dist", str(built), "--store", store), 2, needle)


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_query_ask_and_construct(built, tmp_path, store):
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?s a <https://w3id.org/vnpost-kg/ontology#ProvincialPost> }", encoding="utf-8")
    result = run("query", str(ask), "--dist", str(built), "--store", store)
    assert result.returncode == 0 and result.stdout == "true\n"
    result = run("query", str(ask), "--dist", str(built), "--store", store, "--format", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    graph = run("query", str(QUERIES / "cq10_ministry_flags_graph.rq"), "--dist", str(built), "--store", store)
    assert graph.returncode == 0 and "Bưu điện tỉnh Hà Tĩnh" in graph.stdout


def test_query_without_a_file_or_with_a_bad_param_is_one_clear_error(built):
    assert_clean_error(run("query", "--dist", str(built)), 2, "give a query file (FILE.rq), or --list")
    assert_clean_error(run("query", str(QUERIES / "cq02_unit_leaders.rq"), "--dist", str(built), "--param", "unit"),
                       2, "--param 'unit': expected NAME=VALUE")


def test_an_unexpected_error_is_one_line_with_where_to_report_it(monkeypatch, capsys, tmp_path):
    """A bug (here one planted in the build command) gives exit code 3 and one line; --debug adds the traceback."""
    import kg.cli

    def broken(args):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(kg.cli, "run_build", broken)
    assert kg.cli.main(["build", "--out", str(tmp_path / "d")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("internal error: ZeroDivisionError: planted. Please report it to ")
    assert "--debug" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert kg.cli.main(["--debug", "build", "--out", str(tmp_path / "d")]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_missing_or_non_utf8_query_file_is_one_clear_error(built, tmp_path):
    assert_clean_error(run("query", str(tmp_path / "none.rq"), "--dist", str(built)), 2,
                       f"query file {tmp_path / 'none.rq'} not found")
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("# café\nASK { ?s ?p ?o }".encode("latin-1"))
    assert_clean_error(run("query", str(latin1), "--dist", str(built)), 2, "is not UTF-8 text")


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_query_without_a_build_is_one_clear_error(tmp_path, store):
    result = run("query", str(QUERIES / "cq01_ministry_flags.rq"), "--dist", str(tmp_path / "none"), "--store", store)
    assert_clean_error(result, 2, "build the graph first")


def test_every_command_has_help_and_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) >= {"build", "query"}
    for name, parser in commands.items():
        assert parser.format_help().strip()
        assert f"vnpost-kg {name}" in readme, name
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"{name} {option} is not documented in README.md"
