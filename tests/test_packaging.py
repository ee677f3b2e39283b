"""Every subpackage of kg is listed for setuptools, so a normal (non-editable) install has it all."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_subpackage_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "kg").rglob("__init__.py")
    }
    assert found <= listed, found - listed
