"""Turning names and rule templates from the data files into compiled regular expressions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kg.text import LOWER, UPPER, normalize_tones

NAMEWORD = rf"[{UPPER}][{LOWER}]*"


_DASH = r"\s*[-–—]\s*"
_SPACE = r"\s+"


def _name_tokens(name: str) -> list[str]:
    r"""The regex of one written name, token by token: one escaped character, `\s+` or a dash."""
    tokens: list[str] = []
    previous_dash = True  # no space before the first word
    for word in normalize_tones(name).split():
        dash = word in {"-", "–", "—"}
        if not (dash or previous_dash):
            tokens.append(_SPACE)
        tokens.extend([_DASH] if dash else [re.escape(ch) for ch in word])
        previous_dash = dash
    return tokens


def name_pattern(name: str) -> str:
    """A regex for one written name: tone marks normalized, any whitespace run, any dash."""
    return "".join(_name_tokens(name))


def alternation(names: Iterable[str]) -> str:
    """One non-capturing alternation of names, longest first so that the longest name wins.

    The alternatives share their common beginnings ("Bưu điện (?:tỉnh|huyện)" rather than two
    whole names), which the regex engine tries far faster than hundreds of separate names. The
    factored regex matches exactly what the plain `name|name|…` alternation matches, and prefers
    the same name: see `_factor`.
    """
    unique = sorted(set(names), key=lambda name: (-len(name), name))
    return "(?:" + "|".join(_factor([_name_tokens(name) for name in unique])) + ")"


def _factor(alternatives: list[list[str]]) -> list[str]:
    r"""The branches of an alternation of token lists (in order of preference), shared first tokens factored out.

    Alternatives are grouped by their first token, so the order in which the engine tries them
    changes only between groups that can never both match at one position: first characters that
    no character matches both of (not even ignoring case), or a space against a letter. An empty
    alternative, and a dash, can meet anything: a level holding one keeps the order of all its
    alternatives. Within a group, a run of alternatives with the same first token becomes that token
    followed by the alternation of their rests; with a fixed character this is the same regex, and
    after `\s+` every rest starts with a letter, so the space run can only end where it did before.
    """
    firsts = [tokens[0] if tokens else None for tokens in alternatives]
    group_of = _first_token_groups(firsts)
    branches: list[str] = []
    for group in dict.fromkeys(group_of[first] for first in firsts):
        members = [index for index, first in enumerate(firsts) if group_of[first] == group]
        run: list[int] = []
        for index in members:
            if run and firsts[run[0]] != firsts[index]:
                branches.extend(_factor_run([alternatives[i] for i in run]))
                run = []
            run.append(index)
        branches.extend(_factor_run([alternatives[i] for i in run]))
    return branches


def _factor_run(run: list[list[str]]) -> list[str]:
    """The branches for alternatives that all begin with the same token (or are all empty)."""
    first = run[0][0] if run[0] else None
    rests = [tokens[1:] for tokens in run]
    factorable = first is not None and first != _DASH
    if first == _SPACE:
        factorable = all(rest and rest[0] not in {_SPACE, _DASH} for rest in rests)
    if len(run) == 1 or not factorable:
        return ["".join(tokens) for tokens in run]
    branches = _factor(rests)
    return [first + (branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")]


def _first_token_groups(firsts: list[str | None]) -> dict[str | None, int]:
    """Group number of each first token; tokens that one character might match alike share a group."""
    distinct = list(dict.fromkeys(firsts))
    group = {token: number for number, token in enumerate(distinct)}
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if group[a] != group[b] and _may_meet(a, b):
                old, new = group[b], group[a]
                group = {token: new if number == old else number for token, number in group.items()}
    return group


def _may_meet(a: str | None, b: str | None) -> bool:
    """Whether one character could match both first tokens (ignoring case, to be safe either way)."""
    if a is None or b is None or _DASH in (a, b):
        return True
    if _SPACE in (a, b):
        return a == b
    return _same_letter(a, b)


@functools.cache
def _same_letter(a: str, b: str) -> bool:
    """Two escaped characters that match each other when case is ignored ("B" and "b")."""
    x, y = re.sub(r"^\\", "", a), re.sub(r"^\\", "", b)
    return bool(re.fullmatch(a, y, re.IGNORECASE) or re.fullmatch(b, x, re.IGNORECASE))


def bounded(pattern: str) -> str:
    """Keep a pattern from starting or ending inside a word."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"
