"""Vietnamese numbers and amounts: "7.337 triệu đồng", "2 tỷ 967 triệu đồng", "99,7%", "30 nghìn hồ sơ".

Vietnamese writes "." between thousands and "," before decimals, and spells large money with scale
words. Values are exact Decimals: a fact "7.337 triệu đồng" must come out as 7337000000, never as a
float. `find_amounts` also keeps dates, document numbers and phone numbers out of the figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from types import MappingProxyType

from kg.dates import find_dates
from kg.text import match_key

__all__ = [
    "QUALIFIERS",
    "Amount",
    "AmountMatch",
    "find_amounts",
    "format_number",
    "parse_amount",
    "parse_number",
    "qualifier_before",
]

MAX_MAGNITUDE = Decimal(10) ** 18  # larger figures are misreadings, not facts about a post office
MAX_DECIMALS = 6  # more precision than this never occurs in the press and would print as "1E-7"

_SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9}
_MONEY_EXPONENT = 6  # "249 tỷ" or "80 triệu" with no unit is money; "51 nghìn" is a count
_PER = {"người": "person", "tháng": "month", "năm": "year", "ngày": "day", "quý": "quarter", "tuần": "week"}
# Nouns that, right after "triệu"/"tỷ", show a count rather than money ("2 triệu lượt").
_COUNT_NOUNS = (
    "người", "lượt", "hộ", "hồ sơ", "khách hàng", "sản phẩm", "bưu gửi", "bưu phẩm", "bưu kiện",
    "đơn hàng", "tài khoản", "giao dịch", "đối tượng", "lao động",
)  # fmt: skip
# Words after which a number names a document or a rank, not a quantity ("Chỉ thị 02", "lần thứ 5").
_REFERENCE_WORDS = frozenset(
    {"số", "thứ", "điều", "khoản", "chỉ thị", "quyết định", "nghị định", "nghị quyết", "thông tư",
     "công văn", "văn bản", "hotline"}
)  # fmt: skip

QUALIFIERS: Mapping[str, str] = MappingProxyType(
    {
        "trên": "over",
        "hơn": "over",
        "vượt": "over",
        "vượt trên": "over",
        "gần": "nearly",
        "khoảng": "about",
        "ước": "about",
        "ước tính": "about",
        "ước đạt": "about",
        "kế hoạch": "target",
        "mục tiêu": "target",
        "phấn đấu": "target",
        "chỉ tiêu": "target",
    }
)
_QUALIFIER_KEYS = {match_key(k): v for k, v in QUALIFIERS.items()}
_QUALIFIER_WINDOW = 3
_LOOKBACK = 200  # characters searched for the words before a figure; far more than three words need
_CLAUSE_END = tuple(',.;:!?)]}"”’»…')

_NUMBER_RE = re.compile(r"-?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
_TOKEN_RE = re.compile(r"(?<![0-9.,])[0-9](?:[0-9.,]*[0-9])?")
_SIGNED_TOKEN_RE = re.compile(r"-?[0-9](?:[0-9.,]*[0-9])?")
_SCALE_RE = re.compile(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)", re.IGNORECASE)
_NEXT_PART_RE = re.compile(r"\s+([0-9](?:[0-9.,]*[0-9])?)")
_CURRENCY_RE = re.compile(
    r"\s*(?:đồng(?!\s+(?:chí|nghiệp|bào|thời|hành|bằng|bộ|loạt|ý|đội|hồ|phục|ruộng|tâm)(?!\w))"
    r"|VNĐ|VND|đ)(?!\w)",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(r"\s?%")
_PER_RE = re.compile(r"\s*/\s*(người|tháng|năm|ngày|quý|tuần)(?!\w)", re.IGNORECASE)
_COUNT_NOUN_RE = re.compile(r"\s+(?:" + "|".join(map(re.escape, _COUNT_NOUNS)) + r")(?!\w)", re.IGNORECASE)
_CODE_BEFORE = "/:-‐–—−.,+#_"
_CODE_JOINERS = ":-‐–—−"
_PHONE_DIGITS = 8  # "1900 54 54 81": groups of digits separated by spaces, too many to be a list
_PHONE_RE = re.compile(r"(?<![0-9.,])[0-9]{2,4}(?:[ \u00a0][0-9]{2,4}){2,}(?![0-9])")


@dataclass(frozen=True)
class Amount:
    """A figure with its unit ("VND", "percent", "count", "VND/person/month").

    scale_text holds the scale words as written ("tỷ triệu" for "2 tỷ 967 triệu đồng"), "" if none.
    """

    value: Decimal
    unit: str
    scale_text: str


@dataclass(frozen=True)
class AmountMatch:
    """An amount found in running text, with its offsets and the qualifier written before it."""

    start: int
    end: int
    text: str
    amount: Amount
    qualifier: str


def parse_number(text: str) -> Decimal:
    """Read a Vietnamese-written number ("7.337" -> 7337, "99,7" -> 99.7) exactly."""
    stripped = text.strip()
    if not _NUMBER_RE.fullmatch(stripped):
        raise ValueError(f"not a Vietnamese number: {text!r}")
    return Decimal(stripped.replace(".", "").replace(",", "."))


def format_number(value: Decimal) -> str:
    """Write a Decimal the Vietnamese way ("7.337", "99,7"); parse_number reads it back unchanged."""
    if not value.is_finite():
        raise ValueError(f"cannot write {value!r} as a Vietnamese number")
    sign = "-" if value.is_signed() else ""
    digits = format(value.copy_abs(), "f")  # copy_abs, unlike unary minus, never rounds to the context
    whole, _, fraction = digits.partition(".")
    groups = [whole[max(i - 3, 0) : i] for i in range(len(whole), 0, -3)][::-1]
    fraction = fraction.rstrip("0")
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def _exact(value: Decimal, text: str) -> Decimal:
    """Plain-notation Decimal (no exponent) within sane bounds, or ValueError naming the text."""
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"amount too large to be real: {text!r}")
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise ValueError(f"more than {MAX_DECIMALS} decimal places: {text!r}")
    return value


@dataclass
class _Parse:
    """Where a scan of one amount got to, and what it found."""

    end: int
    value: Decimal
    exponents: list[int]
    scale_words: list[str]
    unit: str = "count"


def _scale_group(text: str, pos: int) -> tuple[int, list[str]]:
    """Read consecutive scale words ("nghìn tỷ") from pos; returns the end and the words."""
    words: list[str] = []
    while match := _SCALE_RE.match(text, pos):
        words.append(match.group(1))
        pos = match.end()
    return pos, words


def _exponent(words: list[str]) -> int:
    """Power of ten of a group of scale words: "nghìn tỷ" is 10^12."""
    return sum(_SCALES[w.lower()] for w in words)


def _scan_figure(text: str, token: re.Match[str]) -> _Parse:
    """Read the number and its scale words: "2 tỷ 967 triệu" is 2*10^9 + 967*10^6."""
    number = parse_number(token.group())
    end, words = _scale_group(text, token.end())
    exponent = _exponent(words)
    state = _Parse(end, number.scaleb(exponent), [exponent] if words else [], list(words))
    while words and (nxt := _NEXT_PART_RE.match(text, state.end)):
        part_end, part_words = _scale_group(text, nxt.end())
        part_exponent = _exponent(part_words)
        if not part_words or part_exponent >= state.exponents[-1]:
            break
        part = parse_number(nxt.group(1))
        if part >= Decimal(10) ** (state.exponents[-1] - part_exponent):
            break
        state.value += part.scaleb(part_exponent)
        state.exponents.append(part_exponent)
        state.scale_words.extend(part_words)
        state.end = part_end
    return state


def _scan_unit(text: str, state: _Parse) -> None:
    """Read the currency or "%" and any "/người/tháng" after the figure; decides the unit."""
    if match := _PERCENT_RE.match(text, state.end):
        state.unit, state.end = "percent", match.end()
    elif match := _CURRENCY_RE.match(text, state.end):
        state.unit, state.end = "VND", match.end()
    elif max(state.exponents, default=0) >= _MONEY_EXPONENT and not _COUNT_NOUN_RE.match(text, state.end):
        state.unit = "VND"
    if state.unit == "count":
        return
    while match := _PER_RE.match(text, state.end):
        state.unit += "/" + _PER[match.group(1).lower()]
        state.end = match.end()


def _scan(text: str, token: re.Match[str]) -> tuple[Amount, int]:
    """Parse the amount that starts with the number token; returns it and where it ends."""
    pos = token.start()
    with localcontext() as ctx:
        ctx.prec = 60
        state = _scan_figure(text, token)
        _scan_unit(text, state)
        value = _exact(state.value, text[pos : state.end])
    return Amount(value, state.unit, " ".join(state.scale_words)), state.end


def parse_amount(text: str) -> Amount:
    """Read one amount ("2 tỷ 967 triệu đồng", "99,7%", "30 nghìn hồ sơ"); trailing nouns are ignored."""
    stripped = text.strip()
    token = _SIGNED_TOKEN_RE.match(stripped)
    if token is None:
        raise ValueError(f"no number at the start of {text!r}")
    amount, end = _scan(stripped, token)
    if end < len(stripped) and stripped[end].isalnum():
        raise ValueError(f"unexpected text after the amount in {text!r}")
    return amount


def _words_before(text: str, start: int, count: int) -> list[str]:
    """The last `count` whitespace-separated words before start (looks back a bounded distance only)."""
    window_start = max(0, start - _LOOKBACK)
    words = text[window_start:start].split()
    if window_start > 0 and words:
        words = words[1:]  # may be cut in the middle
    return words[-count:]


def _previous_words(text: str, start: int) -> list[str]:
    """Up to three words right before start, not crossing punctuation or another number."""
    words: list[str] = []
    for raw in reversed(_words_before(text, start, _QUALIFIER_WINDOW)):
        if raw.endswith(_CLAUSE_END) or not any(ch.isalpha() for ch in raw):
            break
        word = raw.lstrip("([{\"“‘'«")
        words.insert(0, match_key(word))
        if word != raw:
            break
    return words


def qualifier_before(text: str, start: int) -> str:
    """Slug of the qualifier ("trên" -> "over") among the 3 words before start; "exact" if none."""
    words = _previous_words(text, start)
    for end in range(len(words), 0, -1):
        for size in (2, 1):
            if end - size >= 0 and (slug := _QUALIFIER_KEYS.get(" ".join(words[end - size : end]))):
                return slug
    return "exact"


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that hold digits but no amount: dates, periods and phone numbers."""
    spans = [(m.start, m.end) for m in find_dates(text)]
    phones = (m for m in _PHONE_RE.finditer(text) if sum(ch.isdigit() for ch in m.group()) >= _PHONE_DIGITS)
    spans.extend(m.span() for m in phones)
    return spans


def _glued(text: str, token: re.Match[str], end: int) -> bool:
    """True when the number is part of a code: "Covid-19", "5S", "16/CT-TTg", "12:55", "2015-2019"."""
    before = text[token.start() - 1] if token.start() > 0 else " "
    if before.isalpha() or before in _CODE_BEFORE:
        return True
    after = text[token.end() : token.end() + 2]
    if after[:1] == "/" or (after[:1].isalpha() and end == token.end()):
        return True
    return after[:1] in _CODE_JOINERS and after[1:2].isalnum()


def _is_reference(text: str, token: re.Match[str]) -> bool:
    """A bare integer that is a year, a phone or id, or a document or rank number ("Chỉ thị 02")."""
    digits = token.group()
    if digits.isdigit() and (
        (len(digits) == 4 and 1900 <= int(digits) <= 2100) or len(digits) >= 8 or digits[0] == "0"
    ):
        return True
    words = _words_before(text, token.start(), 2)
    return any(match_key(" ".join(words[i:])) in _REFERENCE_WORDS for i in range(len(words)))


def _accept(text: str, token: re.Match[str], amount: Amount, end: int) -> bool:
    """Whether a parsed amount is a real figure rather than a code, a year or a list like "cấp 2,3"."""
    if _glued(text, token, end):
        return False
    if amount.unit != "count" or amount.scale_text:
        return True
    return "," not in token.group() and not _is_reference(text, token)


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount in running text, in order: money, percentages, counts; never dates or codes."""
    found: list[AmountMatch] = []
    if _TOKEN_RE.search(text) is None:  # no number at all: nothing to find, nothing to block
        return found
    blocked = _blocked_spans(text)
    pos = 0
    while token := _TOKEN_RE.search(text, pos):
        pos = token.end()
        if any(s < token.end() and token.start() < e for s, e in blocked):
            continue
        try:
            amount, end = _scan(text, token)
        except ValueError:
            continue
        if any(s < end and token.start() < e for s, e in blocked) or not _accept(text, token, amount, end):
            continue
        start = token.start()
        found.append(AmountMatch(start, end, text[start:end], amount, qualifier_before(text, start)))
        pos = end
    return found
