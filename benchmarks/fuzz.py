"""A fuzz run of the number, date and sentence-splitting code, with hypothesis and many examples.

    python benchmarks/fuzz.py                    # 20,000 examples per target
    python benchmarks/fuzz.py --examples 100000 --out docs/fuzzing.md   # the recorded run
    python benchmarks/fuzz.py --examples 200     # a quick look (the test suite runs it so)

Each target states a property of the code on any input the strategy draws, from plain Unicode to
article-like text built from the pieces numbers and dates are written with. A failure is shrunk by
hypothesis to a minimal input and shown; the table gives, per target, the examples tried, the time
and what was found. Exit code 0 when nothing was found, 1 otherwise. The unit tests hold the same
kinds of property at a few hundred examples; this is the long run, kept out of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kg.dates import find_dates, format_date, parse_date
from kg.numbers import find_amounts, format_number, parse_number
from kg.read import ArticleError, article_from_text

# The pieces Vietnamese news writes numbers and dates with, to mix among arbitrary text.
NUMBER_PIECES = ["1", "2", "9", "0", ".", ",", " ", "000", "tỷ", "triệu", "nghìn", "ngàn", "đồng", "%", "trên",
                 "hơn", "gần", "khoảng", "kế hoạch", "-", "−", "lần", "người", "điểm", "1.2.3", "100.000.000.000"]
DATE_PIECES = ["ngày", "tháng", "năm", "quý", "I", "IV", "V", "/", ".", "-", " ", "2020", "1999", "31", "29", "2",
               "12", "13", "0", "Sáng", "Chiều", "19.10.2016", "27/5/2022", "quý I/2015", "31/2/2020"]
SENTENCE_PIECES = ["Bưu điện tỉnh Hà Tĩnh", ".", "!", "?", "…", " ", "\n", "\n\n", "TP.", "TS.", "Ông", "\"", "“",
                   "”", "(", ")", "Chia sẻ:", "TIN LIÊN QUAN", "Đường dây nóng: 1900", "a", "Z", "1", "v.v."]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


def mixed(pieces: list[str]) -> st.SearchStrategy[str]:
    """Text made of the given pieces and arbitrary characters, in any order."""
    return st.lists(st.one_of(st.sampled_from(pieces), ANY_TEXT.map(lambda t: t[:8])), max_size=40).map("".join)


def check_amounts(text: str) -> None:
    previous_end = 0
    for match in find_amounts(text):
        assert previous_end <= match.start < match.end <= len(text), (match, previous_end)
        assert text[match.start : match.end] == match.text, match
        assert match.amount.value.is_finite(), match
        previous_end = match.end


def check_number_round_trip(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


def check_dates(text: str) -> None:
    previous_end = 0
    for match in find_dates(text):
        assert previous_end <= match.start < match.end <= len(text), (match, previous_end)
        assert text[match.start : match.end] == match.text, match
        previous_end = match.end


def check_date_round_trip(value: dt.date) -> None:
    assert parse_date(format_date(value)) == value


def check_sentences(text: str) -> None:
    """Sentences lie in the article's text, in order, without overlap, each its exact slice."""
    try:
        article = article_from_text(text, "fuzz")
    except ArticleError:
        return
    previous_end = 0
    for number, sentence in enumerate(article.sentences):
        assert sentence.index == number, sentence
        assert previous_end <= sentence.start < sentence.end <= len(article.text), (sentence, previous_end)
        assert article.text[sentence.start : sentence.end] == sentence.text, sentence
        assert sentence.text.strip(), sentence
        previous_end = sentence.end


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy
    check: Callable[[object], None]


TARGETS = [
    Target("find_amounts on number-like text", mixed(NUMBER_PIECES), check_amounts),
    Target("find_amounts on any text", ANY_TEXT, check_amounts),
    Target("format_number -> parse_number", st.decimals(allow_nan=False, allow_infinity=False, places=6),
           check_number_round_trip),
    Target("find_dates on date-like text", mixed(DATE_PIECES), check_dates),
    Target("find_dates on any text", ANY_TEXT, check_dates),
    Target("format_date -> parse_date", st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
           check_date_round_trip),
    Target("sentence splitting on article-like text", mixed(SENTENCE_PIECES), check_sentences),
    Target("sentence splitting on any text", ANY_TEXT, check_sentences),
]


@dataclass
class Outcome:
    target: str
    examples: int
    seconds: float
    found: str


def fuzz(target: Target, examples: int) -> Outcome:
    """Run one target for `examples` examples; the minimal failing input, if any, as text."""
    tried = 0

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
    @given(target.strategy)
    def run(value):
        nonlocal tried
        tried += 1
        target.check(value)

    started = time.perf_counter()
    try:
        run()
    except Exception as failure:  # the shrunk counterexample, reported rather than raised
        found = f"{type(failure).__name__}: {failure}".splitlines()[0][:300]
        traceback.print_exc(file=sys.stderr)
    else:
        found = "nothing"
    return Outcome(target.name, tried, time.perf_counter() - started, found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per target (default 20,000)")
    parser.add_argument("--out", type=Path, default=None, help="also write the table as Markdown to this file")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    outcomes = []
    for target in TARGETS:
        print(f"fuzzing {target.name} …", file=sys.stderr, flush=True)
        outcomes.append(fuzz(target, args.examples))
    table = markdown_table(outcomes)
    print(table)
    if args.out is not None:
        command = " ".join(["python benchmarks/fuzz.py", *(sys.argv[1:] if argv is None else argv)])
        args.out.write_text(f"# Fuzzing\n\nGenerated by `{command}` on {started:%Y-%m-%d %H:%M} UTC on "
                            f"{os.cpu_count()} cores; do not edit by hand, run the script again.\n\n{table}\n",
                            encoding="utf-8")
    return 0 if all(o.found == "nothing" for o in outcomes) else 1


def markdown_table(outcomes: list[Outcome]) -> str:
    """The outcomes as a Markdown table, then the totals."""
    lines = ["| target | examples | seconds | found |", "| --- | ---: | ---: | --- |"]
    for o in outcomes:
        cells = (o.target, f"{o.examples:,}", f"{o.seconds:.1f}", o.found)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    total = sum(o.seconds for o in outcomes)
    lines += ["", f"{sum(o.examples for o in outcomes):,} examples in {total:.1f} s"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
