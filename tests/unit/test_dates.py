"""Tests of kg.dates: day-first dates, quarters, months, years, and what must not be read as dates."""

from __future__ import annotations

import dataclasses
import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import DateMatch, Period, find_dates, format_date, parse_date

D = datetime.date

# --- parse_date ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/5/2022", D(2022, 5, 27)),
        ("11/01/2021", D(2021, 1, 11)),
        ("19.10.2016", D(2016, 10, 19)),
        ("19-10-2016", D(2016, 10, 19)),
        ("Ngày 07 tháng 01 năm 2019", D(2019, 1, 7)),
        ("ngày 7 tháng 1 năm 2019", D(2019, 1, 7)),
        ("Thứ ba, 17/05/2022", D(2022, 5, 17)),
        ("Thứ ba,  17/05/2022", D(2022, 5, 17)),
        ("Thứ Hai, 3/1/2022", D(2022, 1, 3)),
        ("12:55:15 | 11/5/2023", D(2023, 5, 11)),
        ("17/05/2022 08:30", D(2022, 5, 17)),
        ("  27/5/2022\n", D(2022, 5, 27)),
        ("15/8/1945", D(1945, 8, 15)),
        ("29/2/2020", D(2020, 2, 29)),
        ("1/1/1900", D(1900, 1, 1)),
        ("31/12/2100", D(2100, 12, 31)),
    ],
)
def test_parse_date(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "31/2/2020",
        "29/2/2019",
        "0/1/2020",
        "1/0/2020",
        "1/13/2020",
        "32/1/2020",
        "1/1/1899",
        "1/1/2101",
        "19.10-2016",  # mixed separators
        "27/5/22",  # two-digit year
        "27/5",
        "4702/QĐ-UBND",
        "16/CT-TTg",
        "45/2016",
        "45/2016/QĐ-TTg",
        "1900 54 54 81",
        "2 tỷ 967 triệu",
        "7.337",
        "năm 2020",
        "quý I/2015",
        "ngày 27/5/2022 của UBND",
    ],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


# --- format_date -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D(2019, 1, 7), "7/1/2019"), (D(2022, 5, 27), "27/5/2022"), (D(2020, 12, 31), "31/12/2020")],
)
def test_format_date(value: datetime.date, expected: str) -> None:
    assert format_date(value) == expected


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_format_date_round_trips(value: datetime.date) -> None:
    assert parse_date(format_date(value)) == value
    found = find_dates(f"ngày {format_date(value)}, ")
    assert [m.value for m in found] == [value]


# --- Period ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2020), "2020"),
        (Period(2015, quarter=1), "Q1/2015"),
        (Period(2020, quarter=4), "Q4/2020"),
        (Period(2022, month=5), "5/2022"),
        (Period(2022, month=12), "12/2022"),
    ],
)
def test_period_label(period: Period, label: str) -> None:
    assert period.label == label


@pytest.mark.parametrize(
    "kwargs",
    [{"quarter": 0}, {"quarter": 5}, {"month": 0}, {"month": 13}, {"quarter": 1, "month": 1}],
)
def test_period_rejects_impossible_values(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Period(2020, **kwargs)


def test_period_and_date_match_are_frozen_and_hashable() -> None:
    period = Period(2015, quarter=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        period.year = 2016  # type: ignore[misc]
    assert {period, Period(2015, quarter=1)} == {period}
    match = DateMatch(0, 4, "2020", period)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 1  # type: ignore[misc]


# --- find_dates ------------------------------------------------------------------------------------


def found(text: str) -> list[tuple[str, datetime.date | Period]]:
    matches = find_dates(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.value) for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thực hiện Quyết định số 4702/QĐ-UBND ngày 27/5/2022 của UBND tỉnh Long An",
            [("27/5/2022", D(2022, 5, 27))],
        ),
        (
            "theo Quyết định số 45/2016/QĐ-TTg ngày 19.10.2016 của Thủ tướng Chính phủ",
            [("19.10.2016", D(2016, 10, 19))],
        ),
        (
            "trong thời gian thực hiện Chỉ thị 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ",
            [("31/3/2020", D(2020, 3, 31))],
        ),
        ("Sau 15 năm chia tách (kể từ 01/01/2008), với", [("01/01/2008", D(2008, 1, 1))]),
        ("12:55:15 | 11/5/2023", [("11/5/2023", D(2023, 5, 11))]),
        ("Thứ ba,  17/05/2022", [("17/05/2022", D(2022, 5, 17))]),
        ("Ngày 07 tháng 01 năm 2019", [("Ngày 07 tháng 01 năm 2019", D(2019, 1, 7))]),
        ("họp ngày 15 tháng 8 năm 1945 tại", [("ngày 15 tháng 8 năm 1945", D(1945, 8, 15))]),
        ("Ngày 11/01/2021, Bưu điện tỉnh Hà Tĩnh", [("11/01/2021", D(2021, 1, 11))]),
        (
            "dịch vụ tiết kiệm bưu điện trong quý I/2015 đạt hơn 111 tỷ đồng",
            [("quý I/2015", Period(2015, quarter=1))],
        ),
        ("trong quý 1/2015", [("quý 1/2015", Period(2015, quarter=1))]),
        ("Quý IV năm 2020 tăng", [("Quý IV năm 2020", Period(2020, quarter=4))]),
        (
            "quý III/2021 và quý II/2021",
            [
                ("quý III/2021", Period(2021, quarter=3)),
                ("quý II/2021", Period(2021, quarter=2)),
            ],
        ),
        ("đến tháng 5/2022,", [("tháng 5/2022", Period(2022, month=5))]),
        ("trong tháng 5 năm 2022", [("tháng 5 năm 2022", Period(2022, month=5))]),
        ("Khép lại năm 2022, Bưu điện tỉnh", [("năm 2022", Period(2022))]),
        ("Năm 2020, chung tay", [("Năm 2020", Period(2020))]),
        (
            "doanh thu năm 2015 của đơn vị chỉ đạt hơn 73 tỷ đồng thì đến năm 2019 đã tăng",
            [("năm 2015", Period(2015)), ("năm 2019", Period(2019))],
        ),
        (
            "mức độ 3, 4, năm 2022, Bưu điện tỉnh Long An",
            [("năm 2022", Period(2022))],
        ),
        (
            "từ 1/1/2020-31/12/2020",
            [("1/1/2020", D(2020, 1, 1)), ("31/12/2020", D(2020, 12, 31))],
        ),
    ],
)
def test_find_dates(text: str, expected: list[tuple[str, datetime.date | Period]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Quyết định số 4702/QĐ-UBND",
        "Chỉ thị số 1559/CT-UBND về việc",
        "Chỉ thị 16/CT-TTg của Thủ tướng",
        "theo Quyết định số 45/2016/QĐ-TTg của Thủ tướng",
        "Đường dây nóng hỗ trợ   1900 54 54 81",
        "nộp ngân sách 2 tỷ 967 triệu đồng",
        "nộp ngân sách nhà nước 7.337 triệu đồng",
        "trong giai đoạn 2015 – 2019, Bưu điện tỉnh",
        "Ngày 15/8 hàng năm được lấy làm ngày truyền thống",
        "phòng, chống dịch Covid-19",
        "Trải qua 75 năm xây dựng và phát triển",
        "tháng 13/2022",
        "quý V/2020",
        "ngày 31/2/2020",
        "năm 20222",
        "năm 1800",
        "năm học 2020-2021",
        "đến 30/11",
    ],
)
def test_find_dates_ignores_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_reports_offsets_in_order_without_overlap() -> None:
    text = (
        "Ngày 07 tháng 01 năm 2019 - năm 2018 được đánh giá là năm có những bước chuyển; "
        "đến 30/11/2018, có 940 khách hàng; đến ngày 15/12/2018, phát triển được 1.245 khách hàng; "
        "quý I/2016 đạt hơn 232 tỷ đồng"
    )
    matches = find_dates(text)
    assert [m.text for m in matches] == [
        "Ngày 07 tháng 01 năm 2019", "năm 2018", "30/11/2018", "15/12/2018", "quý I/2016",
    ]  # fmt: skip
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    assert matches[2].start == text.index("30/11/2018")
    assert matches[2].end == text.index("30/11/2018") + len("30/11/2018")
