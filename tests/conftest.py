"""Shared fixtures: the seed corpus, and one build of it per test session."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import settings

from kg.build import BuildReport, build

# Property tests check behaviour, not speed: no per-example deadline on a noisy CI machine.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
QUERIES = ROOT / "queries"


def load_script(relative_path: str, name: str):
    """A script of the project (benchmarks/…) as a module, loaded once per test session."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / relative_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Vietnamese as legacy files store it: base letters precomposed (ư, ê), tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The seed corpus built once, with the SHACL check, into a temporary folder."""
    out = tmp_path_factory.mktemp("seed") / "dist"
    return build(SEED_CORPUS, out)


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus, for tests that add or break articles."""
    target = tmp_path / "corpus"
    target.mkdir()
    for article in sorted(SEED_CORPUS.glob("*.txt")):
        shutil.copy(article, target / article.name)
    return target


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """A real Oxigraph server on loopback (in-memory, union default graph), stopped after the module."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def comparable(value: object) -> str:
    """A result value as compared with an expected one: numbers by value (stores write decimals
    differently: rdflib "73000000000.0", Oxigraph "73000000000"), anything else as text."""
    text = "" if value is None else str(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return format(number.normalize(), "f") if number.is_finite() else text
