"""Vietnamese dates and periods: day-first dates, "quý I/2015", "tháng 5/2022", "năm 2020".

Articles date themselves and their facts in these forms; document numbers such as "45/2016/QĐ-TTg"
look like dates and must not be read as such. Expects NFC text (see kg.text.nfc).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["DateMatch", "Period", "find_dates", "format_date", "parse_date"]

MIN_YEAR = 1900
MAX_YEAR = 2100

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Period:
    """A year, or a quarter or month of a year: what "quý I/2015" or "năm 2020" denotes."""

    year: int
    quarter: int | None = None
    month: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.month is not None:
            raise ValueError(f"a period is a quarter or a month, not both: {self!r}")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter out of range: {self.quarter}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @property
    def label(self) -> str:
        """Short human label: "2020", "Q1/2015", "5/2022"."""
        if self.quarter is not None:
            return f"Q{self.quarter}/{self.year}"
        if self.month is not None:
            return f"{self.month}/{self.year}"
        return str(self.year)


@dataclass(frozen=True)
class DateMatch:
    """A date or period found in running text; start/end are offsets into that text."""

    start: int
    end: int
    text: str
    value: datetime.date | Period


_TIME = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*"
# After a year: no more digits, and not the middle of a document number ("45/2016/QĐ-TTg").
# A full date may be followed by "-" (a range "1/1/2020-31/12/2020"); a period may not ("năm 2020-2021").
_DATE_END = r"(?![0-9])(?![/.][0-9]|/\w)"
_PERIOD_END = r"(?![0-9])(?![/.,\-][0-9]|/\w)"
_NUMERIC = r"(?P<d>[0-9]{1,2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
_WORDED = r"(?P<wd>[0-9]{1,2})\s+tháng\s+(?P<wm>[0-9]{1,2})\s+năm\s+(?P<wy>[0-9]{4})"

_FULL_DATE_RE = re.compile(
    rf"(?:{_TIME}\s*\|\s*)?(?:{_WEEKDAY})?(?:ngày\s+)?(?:{_NUMERIC}|{_WORDED})"
    rf"(?:\s*[,|\-]?\s*(?:lúc\s+)?{_TIME})?",
    re.IGNORECASE,
)

_FIND_RE = re.compile(
    rf"""
    (?<!\w)(?P<worded>(?:ngày\s+)?{_WORDED}){_DATE_END}
    | (?<![0-9])(?<![0-9][/.,])(?P<numeric>{_NUMERIC}){_DATE_END}
    | (?<!\w)(?P<quarter>quý\s+(?P<q>iv|iii|ii|i|[1-4])(?!\w)\s*(?:/|-|năm)\s*(?P<qy>[0-9]{{4}})){_PERIOD_END}
    | (?<!\w)(?P<month>tháng\s+(?P<mm>[0-9]{{1,2}})\s*(?:/|-|năm)\s*(?P<my>[0-9]{{4}})){_PERIOD_END}
    | (?<!\w)(?P<year>năm\s+(?P<yy>[0-9]{{4}})){_PERIOD_END}
    """,
    re.IGNORECASE | re.VERBOSE,
)

_DIGIT_RE = re.compile("[0-9]")


def _make_date(year: str, month: str, day: str) -> datetime.date | None:
    """A real calendar date within the supported years, or None."""
    y, m, d = int(year), int(month), int(day)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _date_from(match: re.Match[str]) -> datetime.date | None:
    """The date of a match of the numeric or the worded full-date pattern."""
    if match.group("d") is not None:
        return _make_date(match.group("y"), match.group("m"), match.group("d"))
    return _make_date(match.group("wy"), match.group("wm"), match.group("wd"))


def parse_date(text: str) -> datetime.date | None:
    """Read one day-first date ("27/5/2022", "Ngày 07 tháng 01 năm 2019", "Thứ ba, 17/05/2022")."""
    match = _FULL_DATE_RE.fullmatch(text.strip())
    return None if match is None else _date_from(match)


def _period_from(match: re.Match[str]) -> Period | None:
    """The period of a quarter, month or year match, or None when out of range."""
    if match.group("quarter") is not None:
        year, quarter = int(match.group("qy")), match.group("q").lower()
        number = _ROMAN_QUARTERS.get(quarter) or int(quarter)
        return Period(year, quarter=number) if MIN_YEAR <= year <= MAX_YEAR else None
    if match.group("month") is not None:
        year, month = int(match.group("my")), int(match.group("mm"))
        ok = MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12
        return Period(year, month=month) if ok else None
    year = int(match.group("yy"))
    return Period(year) if MIN_YEAR <= year <= MAX_YEAR else None


def find_dates(text: str) -> list[DateMatch]:
    """Every full date and every quarter/month/year period in running text, in order."""
    found: list[DateMatch] = []
    if _DIGIT_RE.search(text) is None:  # every form holds a year written in digits
        return found
    for match in _FIND_RE.finditer(text):
        kind = next(k for k in ("worded", "numeric", "quarter", "month", "year") if match.group(k))
        value = _date_from(match) if kind in ("worded", "numeric") else _period_from(match)
        if value is not None:
            start, end = match.span(kind)
            found.append(DateMatch(start, end, text[start:end], value))
    return found


def format_date(d: datetime.date) -> str:
    """Write a date the Vietnamese way, day first without padding: "7/1/2019"."""
    return f"{d.day}/{d.month}/{d.year}"
