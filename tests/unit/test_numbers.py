"""Tests of kg.numbers: Vietnamese-written numbers, amounts with scale words, qualifiers."""

from __future__ import annotations

import dataclasses
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.numbers import (
    QUALIFIERS,
    Amount,
    find_amounts,
    format_number,
    parse_amount,
    parse_number,
    qualifier_before,
)

# --- parse_number ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.337", "7337"),
        ("27.000", "27000"),
        ("99,7", "99.7"),
        ("18,2", "18.2"),
        ("217,7", "217.7"),
        ("1.245", "1245"),
        ("100.000.000.000", "100000000000"),
        ("249", "249"),
        ("0", "0"),
        ("0,5", "0.5"),
        ("1.234,56", "1234.56"),
        ("-7.337", "-7337"),
        ("-0,25", "-0.25"),
        (" 80 ", "80"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    value = parse_number(text)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    "text",
    ["1.2.3", "", "   ", "abc", "1,2,3", "12.34", "1.2345", "1234.567", "1..000", ".5", "5,", "5.", "0.500",
     "--5", "5-", "1 000", "7.337 triệu", "٣"],
)  # fmt: skip
def test_parse_number_rejects_malformed_text(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_number(text)
    assert repr(text) in str(excinfo.value)


# --- format_number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("7337"), "7.337"),
        (Decimal("99.7"), "99,7"),
        (Decimal("100000000000"), "100.000.000.000"),
        (Decimal("249"), "249"),
        (Decimal("999"), "999"),
        (Decimal("1000"), "1.000"),
        (Decimal("1234.56"), "1.234,56"),
        (Decimal("0.5"), "0,5"),
        (Decimal("-7337"), "-7.337"),
        (Decimal("1.50"), "1,5"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("0"), "0"),
    ],
)
def test_format_number(value: Decimal, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_format_number_rejects_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(value)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_format_number_round_trips(value: Decimal) -> None:
    written = format_number(value)
    assert parse_number(written) == value
    assert "E" not in written


# --- parse_amount ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "scale_text"),
    [
        ("7.337 triệu đồng", "7337000000", "VND", "triệu"),
        ("220 tỷ đồng", "220000000000", "VND", "tỷ"),
        ("2 tỷ 967 triệu đồng", "2967000000", "VND", "tỷ triệu"),
        ("3 tỷ 389 triệu đồng", "3389000000", "VND", "tỷ triệu"),
        ("249 tỷ", "249000000000", "VND", "tỷ"),
        ("51 nghìn", "51000", "count", "nghìn"),
        ("30 nghìn hồ sơ", "30000", "count", "nghìn"),
        ("6 triệu đồng/người/tháng", "6000000", "VND/person/month", "triệu"),
        ("136 triệu đồng/người/năm", "136000000", "VND/person/year", "triệu"),
        ("99,7%", "99.7", "percent", ""),
        ("18,2%", "18.2", "percent", ""),
        ("80 triệu đồng", "80000000", "VND", "triệu"),
        ("1,5 tỷ đồng", "1500000000", "VND", "tỷ"),
        ("27.000", "27000", "count", ""),
        ("217,7 tỷ đồng", "217700000000", "VND", "tỷ"),
        ("5 ngàn", "5000", "count", "ngàn"),
        ("3 tỉ đồng", "3000000000", "VND", "tỉ"),
        ("2 nghìn tỷ đồng", "2000000000000", "VND", "nghìn tỷ"),
        ("500 VNĐ", "500", "VND", ""),
        ("500 VND", "500", "VND", ""),
        ("100.000đ", "100000", "VND", ""),
        ("100 %", "100", "percent", ""),
        ("700 hộ", "700", "count", ""),
        ("2 triệu lượt khách", "2000000", "count", "triệu"),
        ("0,000001%", "0.000001", "percent", ""),
        ("-5%", "-5", "percent", ""),
    ],
)
def test_parse_amount(text: str, value: str, unit: str, scale_text: str) -> None:
    amount = parse_amount(text)
    assert amount == Amount(Decimal(value), unit, scale_text)
    assert str(amount.value) == value


@pytest.mark.parametrize(
    "text",
    ["1.2.3 tỷ", "100.000.000.000 tỷ", "2 triệu tỷ tỷ đồng", "abc", "", "tỷ đồng", "5S", "0,0000001%"],
)
def test_parse_amount_rejects_malformed_or_absurd_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False))
def test_parse_amount_is_exact_without_exponents(value: Decimal) -> None:
    amount = parse_amount(format_number(value) + " tỷ đồng")
    assert amount.value == value * 10**9
    assert amount.unit == "VND"
    assert "E" not in str(amount.value)
    percent = parse_amount(format_number(value) + "%")
    assert percent.value == value
    assert "E" not in str(percent.value)


def test_amount_is_frozen() -> None:
    amount = parse_amount("220 tỷ đồng")
    with pytest.raises(dataclasses.FrozenInstanceError):
        amount.unit = "count"  # type: ignore[misc]


# --- qualifiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "slug"),
    [
        ("trên", "over"), ("hơn", "over"), ("vượt", "over"), ("vượt trên", "over"), ("gần", "nearly"),
        ("khoảng", "about"), ("ước", "about"), ("ước tính", "about"), ("ước đạt", "about"),
        ("kế hoạch", "target"), ("mục tiêu", "target"), ("phấn đấu", "target"), ("chỉ tiêu", "target"),
    ],
)  # fmt: skip
def test_qualifier_words(word: str, slug: str) -> None:
    assert QUALIFIERS[word] == slug
    assert qualifier_before(f"doanh thu {word} 220 tỷ đồng", len(f"doanh thu {word} ")) == slug


@pytest.mark.parametrize(
    ("text", "figure", "slug"),
    [
        ("doanh thu đạt trên 220 tỷ đồng", "220", "over"),
        ("nộp ngân sách nhà nước 7.337 triệu đồng", "7.337", "exact"),
        ("gần 5.000", "5.000", "nearly"),
        ("đã trích kinh phí khoảng 80 triệu đồng", "80", "about"),
        ("doanh thu của Bưu điện tỉnh vượt trên 10% kế hoạch giao", "10%", "over"),
        ("phấn đấu đạt 300 tỷ đồng", "300", "target"),
        ("ước tính đạt 12 tỷ đồng", "12", "about"),
        ("đặt mục tiêu doanh thu đạt trên 250 tỷ đồng", "250", "over"),
        ("mục tiêu doanh thu đạt 250 tỷ đồng", "250", "exact"),  # more than 3 words away
        ("trên địa bàn tỉnh, 79 điểm", "79", "exact"),  # a comma ends the clause
        ("hơn 3 và 5 lần", "5", "exact"),  # another number in between
        ("(khoảng 80 triệu)", "80", "about"),
        ("khoảng (80 triệu)", "80", "exact"),
        ("80 triệu", "80", "exact"),
        ("Gần 5.000 hộ", "5.000", "nearly"),
    ],
)
def test_qualifier_before(text: str, figure: str, slug: str) -> None:
    assert qualifier_before(text, text.index(figure)) == slug


# --- find_amounts ----------------------------------------------------------------------------------


def amounts(text: str) -> list[tuple[str, str, str, str]]:
    matches = find_amounts(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
    return [(m.text, str(m.amount.value), m.amount.unit, m.qualifier) for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "trong đó doanh thu đạt trên 220 tỷ đồng, hoàn thành chỉ tiêu nộp lợi nhuận về Tổng Công ty và "
            "nộp ngân sách nhà nước 7.337 triệu đồng, đảm bảo",
            [
                ("220 tỷ đồng", "220000000000", "VND", "over"),
                ("7.337 triệu đồng", "7337000000", "VND", "exact"),
            ],
        ),
        (
            "Năm qua, Bưu điện tỉnh nộp ngân sách 2 tỷ 967 triệu đồng; các chế độ thanh toán",
            [("2 tỷ 967 triệu đồng", "2967000000", "VND", "exact")],
        ),
        (
            "thu nhập bình quân đạt trên 8 triệu đồng/người/tháng, tăng 3% so với thực hiện năm 2017",
            [
                ("8 triệu đồng/người/tháng", "8000000", "VND/person/month", "over"),
                ("3%", "3", "percent", "exact"),
            ],
        ),
        (
            "Cụ thể, Tổng doanh thu của đơn vị đạt 249 tỷ. Trong đó",
            [("249 tỷ", "249000000000", "VND", "exact")],
        ),
        (
            "trợ cấp bảo hiểm xã hội cho trên 51 nghìn đối tượng với số tiền trên 196 tỷ đồng.",
            [("51 nghìn", "51000", "count", "over"), ("196 tỷ đồng", "196000000000", "VND", "over")],
        ),
        (
            "tỷ lệ thu thành công đạt trên 99,7%/số tiền giao thu",
            [("99,7%", "99.7", "percent", "over")],
        ),
        (
            "đến năm 2019 đã tăng gấp hơn 3 lần, đạt trên 224 tỷ đồng, tăng 18,2% so với năm 2018.",
            [
                ("3", "3", "count", "over"),
                ("224 tỷ đồng", "224000000000", "VND", "over"),
                ("18,2%", "18.2", "percent", "exact"),
            ],
        ),
        (
            "với năng suất bình quân 136 triệu đồng/người/năm. Theo đó",
            [("136 triệu đồng/người/năm", "136000000", "VND/person/year", "exact")],
        ),
        (
            "hoàn thành mục tiêu đạt tổng doanh thu 217,7 tỷ đồng, vượt 3% kế hoạch được giao",
            [("217,7 tỷ đồng", "217700000000", "VND", "exact"), ("3%", "3", "percent", "over")],
        ),
        (
            "Bưu điện tỉnh Long An đã tư vấn và hỗ trợ cho 700 hộ sản xuất nông nghiệp, hợp tác xã đưa hơn "
            "6.000 sản phẩm lên sàn",
            [("700", "700", "count", "exact"), ("6.000", "6000", "count", "over")],
        ),
        ("có 940 khách hàng phát sinh doanh thu", [("940", "940", "count", "exact")]),
        ("còn mở thêm 237 điểm chi trả ở tận thôn", [("237", "237", "count", "exact")]),
        ("với 645 cán bộ nhân viên", [("645", "645", "count", "exact")]),
        ("xã với hơn 27.000 hồ sơ.", [("27.000", "27000", "count", "over")]),
        ("chuyển phát thành công trên 30 nghìn hồ sơ", [("30 nghìn", "30000", "count", "over")]),
        ("trích kinh phí khoảng 80 triệu đồng tham gia", [("80 triệu đồng", "80000000", "VND", "about")]),
        ("với 100% các cơ quan", [("100%", "100", "percent", "exact")]),
        ("gần 5.000 hộ", [("5.000", "5000", "count", "nearly")]),
        ("đạt 1,5 tỷ đồng", [("1,5 tỷ đồng", "1500000000", "VND", "exact")]),
    ],
)
def test_find_amounts(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Quyết định số 4702/QĐ-UBND ngày 27/5/2022 của UBND tỉnh Long An",
        "Chỉ thị số 1559/CT-UBND ngày 27/5/2022",
        "theo Quyết định số 45/2016/QĐ-TTg ngày 19.10.2016 của Thủ tướng Chính phủ",
        "Chỉ thị 16/CT-TTg ngày 31/3/2020",
        "Đẩy mạnh triển khai thực hiện Chỉ thị 02 của Tổng Giám đốc",
        "dịch vụ tiết kiệm bưu điện trong quý I/2015",
        "Khép lại năm 2022, Bưu điện tỉnh",
        "Đường dây nóng hỗ trợ   1900 54 54 81",
        "phòng, chống dịch Covid-19",
        "phòng, chống dịch Covid -19,",
        "duy trì công tác 5S...",
        "điều chỉnh các tuyến đường thư cấp 2,3 khớp nối",
        "12:55:15 | 11/5/2023",
        "Thứ ba,  17/05/2022",
        "Ngày 07 tháng 01 năm 2019",
        "Ngày 15/8 hàng năm được lấy làm ngày truyền thống",
        "trong giai đoạn 2015 – 2019, Bưu điện tỉnh",
        "giai đoạn 2020 – 2025",
        "tháng 5/2022",
        "gọi 0912345678",
        "lần thứ 5",
        "Bưu điện tỉnh (LSO) – Những năm gần đây",
    ],
)
def test_find_amounts_skips_dates_codes_years_and_phones(text: str) -> None:
    assert find_amounts(text) == []


def test_find_amounts_keeps_amounts_next_to_dates_and_codes() -> None:
    text = (
        "Năm 2020, theo Chỉ thị 16/CT-TTg ngày 31/3/2020, Bưu điện tỉnh đã chi trả trên 196 tỷ đồng; "
        "quý I/2016 đạt hơn 232 tỷ đồng; hotline 1900 54 54 81; tăng 23% so với năm 2017"
    )
    assert amounts(text) == [
        ("196 tỷ đồng", "196000000000", "VND", "over"),
        ("232 tỷ đồng", "232000000000", "VND", "over"),
        ("23%", "23", "percent", "exact"),
    ]


def test_find_amounts_offsets_are_ordered_and_disjoint() -> None:
    text = "nộp ngân sách 2 tỷ 967 triệu đồng; đóng BHXH với số tiền 3 tỷ 389 triệu đồng, tăng 6%."
    matches = find_amounts(text)
    assert [m.start for m in matches] == [text.index("2 tỷ"), text.index("3 tỷ"), text.index("6%")]
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    assert matches[1].amount == Amount(Decimal(3389000000), "VND", "tỷ triệu")


def test_find_amounts_keeps_short_lists_of_numbers_that_are_not_phones() -> None:
    assert amounts("các khối 10 11 12 người") == [
        ("10", "10", "count", "exact"),
        ("11", "11", "count", "exact"),
        ("12", "12", "count", "exact"),
    ]


def test_qualifier_before_looks_only_at_the_nearest_words_of_a_long_text() -> None:
    text = "doanh thu " * 100 + "ước đạt 50 tỷ đồng"
    assert qualifier_before(text, text.index("50")) == "about"
    assert find_amounts(text)[0].qualifier == "about"


def test_format_number_does_not_round_long_numbers() -> None:
    value = Decimal("-10000000000000000000000.000001")  # 29 digits: more than the default precision
    assert format_number(value) == "-10.000.000.000.000.000.000.000,000001"
    assert parse_number(format_number(value)) == value
