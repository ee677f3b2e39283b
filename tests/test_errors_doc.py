"""docs/errors.md names the test behind each line: every test it names exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "errors.md"


def test_every_test_named_in_the_error_catalogue_exists():
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text))
    assert len(named) >= 20
    for path, function in sorted(named):
        source = (ROOT / path).read_text(encoding="utf-8")
        if function:
            assert re.search(rf"^def {function}\(", source, re.MULTILINE), f"{path}::{function}"


def test_the_catalogue_lists_at_least_twenty_bad_inputs():
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| input", "| ---"))]
    assert len(rows) >= 20
