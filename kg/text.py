"""Vietnamese text normalization: Unicode form, tone-mark placement, lookup keys, ASCII folding, slugs.

The same word reaches us spelled in several byte sequences (NFC or NFD, "hoá" or "hóa"), so every
comparison of names goes through these helpers. `normalize_tones` keeps string length unchanged so
that character offsets found in its output are valid offsets into the NFC text as well.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "LOWER",
    "TONE_MARKS",
    "UPPER",
    "fold_ascii",
    "match_key",
    "nfc",
    "normalize_tones",
    "slugify",
    "title_case_name",
]

# The five Vietnamese tone marks, as combining characters: grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_VOWELS = "aăâeêioôơuưy"
_HAT_VOWELS = "ăâêô"  # vowels with a diacritic that attract the tone (ơ is checked first)
_INITIALS = frozenset(
    {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
     "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}
)  # fmt: skip
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_OPEN_FIRST = frozenset({"oa", "oe", "uy"})  # traditional placement: hòa, khỏe, thủy
_SYLLABLE_RE = re.compile(rf"(qu|gi|[^{_VOWELS}]*)([{_VOWELS}]+)([^{_VOWELS}]*)")
_VIETNAMESE_BASE = frozenset("abcdefghijklmnopqrstuvwxyzđ" + "ăâêôơư")

_DASHES_RE = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212-]")
_HYPHEN_SPACES_RE = re.compile(r"\s*-\s*")
_SPACES_RE = re.compile(r"\s+")
_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"\S+")


def nfc(text: str) -> str:
    """Compose to NFC, the one form all stored text uses."""
    return unicodedata.normalize("NFC", text)


def _is_word_char(ch: str) -> bool:
    """Letters and combining marks belong to a word; a mark must never be split from its letter."""
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


def _split_words(text: str) -> list[tuple[bool, str]]:
    """Cut text into alternating (is_word, chunk) runs so words can be rewritten in place."""
    runs: list[tuple[bool, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or _is_word_char(text[i]) != _is_word_char(text[start]):
            runs.append((_is_word_char(text[start]), text[start:i]))
            start = i
    return runs


def _strip_tone(ch: str) -> tuple[str, list[str]]:
    """Split one precomposed letter into its toneless letter and the tone marks it carried."""
    decomposed = unicodedata.normalize("NFD", ch)
    tones = [m for m in decomposed if m in TONE_MARKS]
    base = nfc("".join(m for m in decomposed if m not in TONE_MARKS))
    return base, tones


def _tone_index(cluster: str, final: str) -> int:
    """Position of the tone inside a vowel cluster, by the traditional ("old") rules."""
    if not final and cluster in _OPEN_FIRST:
        return 0
    if "ơ" in cluster:
        return cluster.index("ơ")
    for i, ch in enumerate(cluster):
        if ch in _HAT_VOWELS:
            return i
    if "ư" in cluster:
        return cluster.index("ư")
    if len(cluster) == 1:
        return 0
    if final:
        return len(cluster) - 1
    return 0 if len(cluster) == 2 else 1


def _tone_position(toneless: str) -> int | None:
    """Index of the letter that carries the tone in a toneless syllable, or None if not Vietnamese."""
    lower = toneless.lower()
    if len(lower) != len(toneless) or not set(lower) <= _VIETNAMESE_BASE:
        return None
    match = _SYLLABLE_RE.fullmatch(lower)
    if match is None:
        return None
    initial, cluster, final = match.groups()
    if initial not in _INITIALS or final not in _FINALS or len(cluster) > 3:
        return None
    return len(initial) + _tone_index(cluster, final)


def _retone_word(word: str) -> str:
    """Move the single tone mark of one NFC word to its canonical letter; odd words come back as is."""
    if any(unicodedata.combining(ch) for ch in word):
        return word
    bases: list[str] = []
    tones: list[str] = []
    for ch in word:
        base, marks = _strip_tone(ch)
        if len(base) != 1:
            return word
        bases.append(base)
        tones.extend(marks)
    if len(tones) != 1:
        return word
    position = _tone_position("".join(bases))
    if position is None:
        return word
    toned = nfc(unicodedata.normalize("NFD", bases[position]) + tones[0])
    if len(toned) != 1:
        return word
    bases[position] = toned
    return "".join(bases)


_retone_cached = functools.lru_cache(maxsize=1 << 14)(_retone_word)


def _letter_classes() -> tuple[str, str, str, str]:
    """Regex class bodies of the letters a retoned word can hold: (all, vowels, toned vowels, toned others).

    A letter qualifies when stripping its tone leaves one letter of `_VIETNAMESE_BASE` (in either
    case); a word holding any other character never changes (`_tone_position` refuses it).
    """
    letters, vowels, toned_vowels, toned_others = [], [], [], []
    for ch in _latin_letters(str.isalpha):
        base, tones = _strip_tone(ch)
        lower = base.lower()
        if nfc(ch) != ch or len(base) != 1 or len(lower) != 1 or lower not in _VIETNAMESE_BASE:
            continue
        letters.append(ch)
        if lower in _VOWELS:
            vowels.append(ch)
        if tones:
            (toned_vowels if lower in _VOWELS else toned_others).append(ch)
    return tuple("".join(chars) for chars in (letters, vowels, toned_vowels, toned_others))


def _movable_re() -> re.Pattern[str]:
    """A whole run of letters whose tone may sit on the wrong letter.

    The tone can only move off a vowel that has another vowel next to it (a cluster such as "oa",
    or the "u" of "qu" and the "i" of "gi") or off a letter that is not a vowel at all; every other
    word keeps its tone where it is, so only these runs need `_retone_word`.
    """
    letters, vowels, toned_vowels, toned_others = _letter_classes()
    core = f"(?:[{toned_vowels}][{vowels}]|[{vowels}][{toned_vowels}]|[{toned_others}])"
    return re.compile(f"(?<![{letters}])[{letters}]*{core}[{letters}]*")


@functools.lru_cache(maxsize=1 << 14)
def _moves(run: str) -> bool:
    """Whether `_retone_word` would change this run of letters, were it a whole word."""
    return _retone_word(run) != run


def _retone_run(match: re.Match[str]) -> str:
    """Retone a run of letters if it is a whole word; inside a longer word it stays as it is."""
    text, start, end = match.string, match.start(), match.end()
    if (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end])):
        return match.group()
    return _retone_cached(match.group())


def normalize_tones(text: str) -> str:
    """NFC text with every Vietnamese syllable's tone on one canonical vowel ("hoá" -> "hóa").

    Length is preserved: len(normalize_tones(s)) == len(nfc(s)), so offsets map 1:1.
    """
    text = nfc(text)
    if not any(map(_moves, set(_MOVABLE_RE.findall(text)))):  # the usual case: nothing to move
        return text
    return _MOVABLE_RE.sub(_retone_run, text)


def _normalize_tones_by_word(text: str) -> str:
    """The plain definition of `normalize_tones`, word by word (slow; the tests compare the two)."""
    return "".join(_retone_word(chunk) if is_word else chunk for is_word, chunk in _split_words(nfc(text)))


@functools.lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """Key for dictionary lookups: tone-normalized, lower case, uniform hyphens and spaces.

    Cached: the extractor asks for the keys of the same few thousand names over and over.
    """
    key = normalize_tones(nfc(text)).lower()
    key = _DASHES_RE.sub("-", key)
    key = _HYPHEN_SPACES_RE.sub("-", key)
    return _SPACES_RE.sub(" ", key).strip()


def fold_ascii(text: str) -> str:
    """Drop every diacritic (and turn đ into d) so names can become ASCII identifiers."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """ASCII lower-case slug for IRIs; refuses names that would leave nothing to mint from."""
    slug = _NON_SLUG_RE.sub("-", fold_ascii(text).lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {text!r}: no letters or digits")
    return slug


def _capitalize(word: str) -> str:
    """Upper-case the first letter of a word and lower-case the rest (leading punctuation is kept)."""
    lowered = word.lower()
    for i, ch in enumerate(lowered):
        if ch.isalpha():
            return lowered[:i] + ch.upper() + lowered[i + 1 :]
    return lowered


def title_case_name(text: str) -> str:
    """Person names as written in running text ("ANH DŨNG" -> "Anh Dũng") from signatures in capitals."""
    return _WORD_RE.sub(lambda m: _capitalize(m.group()), nfc(text))


def _latin_letters(predicate: Callable[[str], bool]) -> str:
    """Every Latin letter Vietnamese can use (basic, Latin-1/Extended-A/B, Extended Additional)."""
    blocks = ((0x41, 0x5A), (0x61, 0x7A), (0x00C0, 0x024F), (0x1E00, 0x1EFF))
    return "".join(chr(c) for lo, hi in blocks for c in range(lo, hi + 1) if predicate(chr(c)))


# Regex character-class bodies: f"[{UPPER}]" matches one upper-case Vietnamese letter. They hold
# letters only, so no character in them is special inside a class ("-", "]", "\\", "^" never occur).
UPPER: str = _latin_letters(str.isupper)
LOWER: str = _latin_letters(str.islower)

_MOVABLE_RE = _movable_re()
