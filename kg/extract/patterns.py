"""Turning names and rule templates from the data files into compiled regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.text import LOWER, UPPER, normalize_tones

NAMEWORD = rf"[{UPPER}][{LOWER}]*"


def name_pattern(name: str) -> str:
    """A regex for one written name: tone marks normalized, any whitespace run, any dash."""
    words = normalize_tones(name).split()
    parts = []
    for word in words:
        parts.append(r"\s*[-–—]\s*" if word in {"-", "–", "—"} else re.escape(word))
    pattern = ""
    for index, part in enumerate(parts):
        joins_dash = part.startswith(r"\s*[-") or (index > 0 and parts[index - 1].startswith(r"\s*[-"))
        pattern += part if index == 0 or joins_dash else r"\s+" + part
    return pattern


def alternation(names: Iterable[str]) -> str:
    """One non-capturing alternation of names, longest first so that the longest name wins."""
    unique = sorted(set(names), key=lambda name: (-len(name), name))
    return "(?:" + "|".join(name_pattern(name) for name in unique) + ")"


def bounded(pattern: str) -> str:
    """Keep a pattern from starting or ending inside a word."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"
