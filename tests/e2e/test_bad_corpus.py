"""A corpus that mixes the seed articles with every kind of bad file builds the seed graph unchanged,
with one warning per bad file (docs/errors.md lists them)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from tests.conftest import ROOT, SEED_CORPUS, windows_1258

SENTENCE = "Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua của Bộ Thông tin và Truyền thông."
def bad_files() -> dict[str, bytes]:
    """File name -> content, each a different way for an article to be unreadable."""
    seed = (SEED_CORPUS / "003_ddc1865ba3911d06.txt").read_text(encoding="utf-8")
    return {
        "bad_empty.txt": b"",
        "bad_blank.txt": b" \n\t \r\n",
        "bad_binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "bad_latin1.txt": "Le café de l'été, à Hà Nội.".encode("latin-1", errors="replace"),
        "bad_cp1258.txt": windows_1258(SENTENCE),
        "bad_utf16.txt": SENTENCE.encode("utf-16-le"),
        "bad_html.txt": f"<!DOCTYPE html><html><body><p>{SENTENCE}</p></body></html>".encode(),
        "bad_huge.txt": (SENTENCE + "\n").encode() * 30_000,
        "bad_sidecar.txt": SENTENCE.encode(),
        "bad_sidecar.meta.json": b"{not json",
        "zz_copy_of_003.txt": unicodedata.normalize("NFD", seed).encode(),
    }


def build(corpus, out, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kg", "build", "--corpus", str(corpus), "--out", str(out), "--no-check",
               "--no-viz", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_bad_files_beside_the_seeds_change_nothing_but_add_a_warning_each(corpus_copy, tmp_path):
    clean = build(SEED_CORPUS, tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    files = bad_files()
    for name, content in files.items():
        (corpus_copy / name).write_bytes(content)
    mixed = build(corpus_copy, tmp_path / "mixed")
    assert mixed.returncode == 0, mixed.stderr
    articles = sorted(name for name in files if name.endswith(".txt"))
    warnings = [line for line in mixed.stderr.splitlines() if line.startswith("warning: skipped ")]
    assert sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in warnings) == articles
    assert len(mixed.stderr.strip().splitlines()) == len(articles) and "Traceback" not in mixed.stderr
    assert f"articles: 5 read, {len(articles)} skipped" in mixed.stdout
    for path in sorted((tmp_path / "clean").iterdir()):
        assert (tmp_path / "mixed" / path.name).read_bytes() == path.read_bytes(), path.name
    names = {folder: sorted(p.name for p in (tmp_path / folder).iterdir()) for folder in ("clean", "mixed")}
    assert names["mixed"] == names["clean"]


def test_the_same_mixed_corpus_with_strict_writes_nothing(corpus_copy, tmp_path):
    files = bad_files()
    for name, content in files.items():
        (corpus_copy / name).write_bytes(content)
    strict = build(corpus_copy, tmp_path / "strict", "--strict")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    count = sum(name.endswith(".txt") for name in files)
    assert strict.stderr.startswith(f"error: --strict: {count} warning(s), nothing written: skipped ")
    assert len(strict.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "strict").exists()
