"""The notebooks run headless, top to bottom, on a fresh build; the stored files carry no outputs.

Each notebook runs in its own kernel (nbclient) started from this interpreter through a kernelspec
written into a temporary JUPYTER_PATH, so no user-installed kernel is needed. The kernel's working
folder is notebooks/, and VNPOST_KG_DIST points the build at a temporary folder, not the repository's
dist/. Cells tagged in the notebook are checked for what they show: CQ1 against the expected answer in
queries/manifest.yaml, and the Oxigraph server a notebook started must be gone when it is done.
"""

from __future__ import annotations

import json
import re
import socket
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from tests.conftest import QUERIES, ROOT

NOTEBOOKS = ROOT / "notebooks"
EXPECTED_NOTEBOOKS = {"explore_the_graph.ipynb", "publish_the_graph.ipynb"}
FOUND = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300
MANIFEST = yaml.safe_load((QUERIES / "manifest.yaml").read_text(encoding="utf-8"))["queries"]
CQ01 = MANIFEST["cq01_ministry_flags.rq"][0]

# What a cell with a given tag must show somewhere in its outputs (text or HTML), beyond running.
SHOWS = {
    "cq01": [value for row in CQ01["rows"] for value in row],
    "graph": ["<iframe srcdoc="],
    "stats": ["Top entities by degree", "betweenness centrality"],
    "degree": ["degree centrality"],
    "void": ["vnpost-kg.nq", "application/n-quads", "triples", "entities"],
    "files": ["vnpost-kg.nq", "void.ttl"],
    "publish": ["published", "graphs"],
    "stop": ["Oxigraph stopped"],
}


@pytest.fixture()
def kernel_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A python3 kernelspec running this interpreter, private Jupyter folders, and a build folder."""
    jupyter = tmp_path / "jupyter"
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (vnpost-kg tests)",
        "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    dist = tmp_path / "dist"
    monkeypatch.setenv("VNPOST_KG_DIST", str(dist))
    return dist


def execute(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    return notebook


def shown(cell: nbformat.NotebookNode) -> str:
    """Everything a code cell displayed: streams, plain text and HTML of its results."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def test_both_notebooks_are_there():
    assert EXPECTED_NOTEBOOKS.issubset(FOUND), f"notebooks/ holds {FOUND}"


@pytest.mark.parametrize("name", FOUND)
def test_notebook_runs_headless(name, kernel_dist):
    notebook = execute(name)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = [output for cell in code for output in cell.outputs if output.output_type == "error"]
    assert not errors, errors
    assert all(cell.execution_count is not None for cell in code), "some cells did not run"
    assert (kernel_dist / "void.ttl").is_file(), "the notebook did not build into VNPOST_KG_DIST"
    for cell in code:
        for tag in cell.metadata.get("tags", []):
            text = shown(cell)
            missing = [expected for expected in SHOWS.get(tag, []) if expected not in text]
            assert not missing, f"cell {cell.get('id')} ({tag}) does not show {missing}:\n{text[:2000]}"
            if tag == "oxigraph":
                assert_stopped(text)


def assert_stopped(text: str) -> None:
    """The server a notebook started (its address printed by the cell) no longer answers."""
    found = re.search(r"http://127\.0\.0\.1:(\d+)", text)
    assert found, f"the server cell does not say where it listens:\n{text}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        assert probe.connect_ex(("127.0.0.1", int(found.group(1)))) != 0, "the Oxigraph server is still running"


@pytest.mark.parametrize("name", FOUND)
def test_stored_notebook_has_no_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    dirty = [cell.get("id") for cell in code if cell.outputs or cell.execution_count is not None]
    assert not dirty, f"{name}: cells {dirty} keep outputs or execution counts; clear them before committing"
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
