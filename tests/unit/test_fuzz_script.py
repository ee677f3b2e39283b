"""The fuzz script (benchmarks/fuzz.py): a short run finds nothing, and a broken property is found and shrunk."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import strategies as st

from tests.conftest import ROOT, load_script

SCRIPT = ROOT / "benchmarks" / "fuzz.py"


def _load():
    return load_script("benchmarks/fuzz.py", "fuzz_script")


def test_a_short_fuzz_run_tries_every_target_and_finds_nothing():
    done = subprocess.run([sys.executable, str(SCRIPT), "--examples", "50"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == len(_load().TARGETS)
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1] == "50" and cells[3] == "nothing", row


def test_a_broken_property_is_reported_with_a_shrunk_example():
    fuzz = _load()

    def never_a_seven(text: str) -> None:
        assert "7" not in text, f"found a seven in {text!r}"

    outcome = fuzz.fuzz(fuzz.Target("no sevens", st.text(), never_a_seven), 2_000)
    assert outcome.found == "AssertionError: found a seven in '7'"
