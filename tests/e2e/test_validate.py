"""The checks bite: SHACL shapes and HermiT catch broken data; inferences stay in their own graph."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS

from kg.check import check, infer
from kg.outputs import load_ontology
from tests.conftest import ROOT

VNPO = Namespace("https://w3id.org/vnpost-kg/ontology#")
ID = Namespace("https://w3id.org/vnpost-kg/id/")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_conferral_without_recipient_violates_the_shapes(ontology):
    data = Graph()
    conferral = ID["conferral/broken"]
    data.add((conferral, RDF.type, VNPO.AwardConferral))
    data.add((conferral, VNPO.awardType, ID["award-type/emulation-flag"]))
    report = check(data, ontology, reason=False)
    assert not report.conforms
    assert any(f.focus == str(conferral) and f.path == str(VNPO.recipient) for f in report.violations)


def test_a_person_who_is_also_an_organization_is_inconsistent(ontology):
    data = Graph()
    someone = ID["person/nguyen-van-a"]
    data.add((someone, RDF.type, FOAF.Person))
    data.add((someone, RDF.type, VNPO.ProvincialPost))
    data.add((someone, RDFS.label, Literal("Nguyễn Văn A", lang="vi")))
    report = check(data, ontology, reason=True)
    owl = [f for f in report.violations if f.check == "owl"]
    assert any("inconsistent" in f.message for f in owl)
    assert any(f.focus == str(someone) and "disjoint" in f.message for f in owl)


def test_the_seed_build_is_consistent_and_conforms(seed_build):
    assert seed_build.check.reasoned and seed_build.check.conforms, seed_build.check.violations
    result = run("validate", "--dist", str(seed_build.out_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms (shapes and OWL consistency)" in result.stdout


def test_unstated_years_are_warnings_not_violations(seed_build):
    warnings = seed_build.check.warnings
    assert warnings and all(w.path in {str(VNPO.awardYear), str(VNPO.periodLabel)} for w in warnings)
    result = run("validate", "--dist", str(seed_build.out_dir), "--no-reason", "--warnings")
    assert result.returncode == 0 and "warning: [shacl]" in result.stdout


@pytest.fixture()
def broken_dist(seed_build, tmp_path) -> Path:
    target = tmp_path / "dist"
    shutil.copytree(seed_build.out_dir, target)
    return target


def _append_quads(dist: Path, lines: list[str]) -> None:
    with (dist / "vnpost-kg.nq").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def test_validate_exits_1_on_a_shape_violation(broken_dist):
    graph = "<https://w3id.org/vnpost-kg/graph/article/000-4ad5afaab90b6b3b>"
    _append_quads(broken_dist, [
        f"<{ID['conferral/broken']}> <{RDF.type}> <{VNPO.AwardConferral}> {graph} .",
    ])
    result = run("validate", "--dist", str(broken_dist), "--no-reason")
    assert result.returncode == 1
    assert re.search(r"violation: \[shacl\] \S+conferral/broken \| \S+#recipient \|", result.stderr)
    assert "Traceback" not in result.stderr


def test_validate_exits_1_on_an_inconsistency(broken_dist):
    graph = "<https://w3id.org/vnpost-kg/graph/entities>"
    post = ID["org/buu-dien-tinh-ha-tinh"]
    _append_quads(broken_dist, [f"<{post}> <{RDF.type}> <{FOAF.Person}> {graph} ."])
    result = run("validate", "--dist", str(broken_dist))
    assert result.returncode == 1
    assert "inconsistent" in result.stderr and str(post) in result.stderr


def test_validate_without_a_build_is_one_clear_error(tmp_path):
    result = run("validate", "--dist", str(tmp_path / "none"))
    assert result.returncode == 2 and "build the graph first" in result.stderr and "Traceback" not in result.stderr


def test_validate_of_a_dump_that_does_not_parse_is_one_clear_error(seed_build, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(seed_build.out_dir, dist)
    with (dist / "vnpost-kg.nq").open("a", encoding="utf-8") as dump:
        dump.write("<broken> <quad\n")
    result = run("validate", "--dist", str(dist), "--no-reason")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "holds a dump that does not parse" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_validate_without_java_says_how_to_install_it_or_skip_reasoning(seed_build, tmp_path):
    """With no java on the PATH (the interpreter keeps its own absolute path), one line says what to do."""
    result = subprocess.run([sys.executable, "-m", "kg", "validate", "--dist", str(seed_build.out_dir)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "OWL reasoning needs Java" in result.stderr and "--no-reason" in result.stderr


def test_inferences_are_in_their_own_graph_only(seed_build, ontology):
    dataset = Dataset()
    dataset.parse(seed_build.out_dir / "vnpost-kg.nq", format="nquads")
    inferred = dataset.graph(URIRef("https://w3id.org/vnpost-kg/graph/inferred"))
    district = ID["org/buu-dien-huyen-nghi-xuan-ha-tinh"]
    assert (district, ORG.subOrganizationOf, ID["org/tong-cong-ty-buu-dien-viet-nam"]) in inferred
    assert (district, RDF.type, VNPO.PostalUnit) in inferred
    corporation, post = ID["org/tong-cong-ty-buu-dien-viet-nam"], ID["org/buu-dien-tinh-ha-tinh"]
    assert (corporation, ORG.hasSubOrganization, post) in inferred
    director, deputy = ID["person/pham-thi-thanh-xuan"], ID["person/nguyen-kien-cuong"]
    assert (director, ORG.headOf, ID["org/buu-dien-tinh-lang-son"]) in inferred
    assert (deputy, ORG.memberOf, corporation) in inferred and (deputy, ORG.headOf, corporation) not in inferred
    flat = Graph().parse(seed_build.out_dir / "vnpost-kg.ttl", format="turtle")
    assert not any(triple in flat for triple in inferred)
    asserted = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if not str(g).endswith("graph/inferred"):
            asserted.add((s, p, o))
    assert set(infer(asserted, ontology)) == set(inferred)


def test_ontology_copies_open_offline(seed_build):
    import owlready2

    world = owlready2.World()
    onto = world.get_ontology((seed_build.out_dir / "ontology.rdf").as_uri()).load()
    assert any(c.name == "ProvincialPost" for c in onto.classes())
    world.close()
    html = (seed_build.out_dir / "ontology.html").read_text(encoding="utf-8")
    assert "ProvincialPost" in html and "AwardConferral" in html
    assert not re.search(r"<(?:script|link|img)[^>]*(?:src|href)=\"https?:", html)


def test_reasoning_reads_a_dump_whose_first_line_is_long(ontology):
    """owlready2 guesses RDF/XML for a file whose first line is over 1,000 bytes; the format is given."""
    from kg.check.hermit import check_consistency

    data = Graph()
    data.add((URIRef("https://w3id.org/vnpost-kg/id/article/a"), URIRef("https://schema.org/articleBody"),
              Literal("Bưu điện tỉnh Hà Tĩnh. " * 200)))
    assert check_consistency(data, ontology) == []
