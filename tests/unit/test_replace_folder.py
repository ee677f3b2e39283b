"""Swapping a new build in for the old one is never left half-way, even by Ctrl-C."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kg.build import InterruptedAfterReplacing, _interrupts_deferred, _replace_folder


def test_an_interrupt_during_the_block_is_raised_after_it():
    done = []
    with pytest.raises(InterruptedAfterReplacing), _interrupts_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        done.append("the whole block ran")
    assert done == ["the whole block ran"]


def test_no_interrupt_no_exception():
    with _interrupts_deferred():
        pass


def test_ctrl_c_in_the_middle_of_the_swap_finishes_it_and_leaves_no_old_folder(tmp_path, monkeypatch):
    target, staging = tmp_path / "dist", tmp_path / ".dist.new"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.txt").write_text("new", encoding="utf-8")
    rename = Path.rename

    def rename_after_a_ctrl_c(self, destination):
        if self == target:  # the first of the two renames: the old output moves aside
            os.kill(os.getpid(), signal.SIGINT)
        return rename(self, destination)

    monkeypatch.setattr(Path, "rename", rename_after_a_ctrl_c)
    with pytest.raises(InterruptedAfterReplacing):
        _replace_folder(staging, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]
    assert [p.name for p in target.iterdir()] == ["new.txt"]
