"""Tests of kg.text: tone placement, lookup keys, ASCII folding, slugs, letter classes."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text import (
    LOWER,
    TONE_MARKS,
    UPPER,
    _letter_classes,
    _normalize_tones_by_word,
    fold_ascii,
    match_key,
    nfc,
    normalize_tones,
    slugify,
    title_case_name,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def tones_of(text: str) -> list[str]:
    return [ch for ch in nfd(text) if ch in TONE_MARKS]


def strip_tones(text: str) -> str:
    return nfc("".join(ch for ch in nfd(text) if ch not in TONE_MARKS))


# --- nfc -------------------------------------------------------------------------------------------


def test_nfc_composes_decomposed_vietnamese() -> None:
    decomposed = "Bu\u031bu đie\u0302\u0323n"
    assert nfc(decomposed) == "Bưu điện"
    assert len(nfc(decomposed)) == 8


# --- normalize_tones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "canonical", "expected"),
    [
        ("hoá", "hóa", "hóa"),
        ("thuỷ", "thủy", "thủy"),
        ("Hoà", "Hòa", "Hòa"),
        ("hoà", "hòa", "hòa"),
        ("khoẻ", "khỏe", "khỏe"),
        ("Thuỵ", "Thụy", "Thụy"),
        ("HOÀ", "HÒA", "HÒA"),
        ("Uỷ ban", "Ủy ban", "Ủy ban"),
        ("Văn hoá xã", "Văn hóa xã", "Văn hóa xã"),
    ],
)
def test_normalize_tones_unifies_old_and_new_placement(variant: str, canonical: str, expected: str) -> None:
    assert normalize_tones(variant) == expected
    assert normalize_tones(canonical) == expected


@pytest.mark.parametrize(
    ("misplaced", "expected"),
    [
        ("hòan", "hoàn"),  # closed oa: last vowel
        ("tóan", "toán"),
        ("khúyên", "khuyến"),  # ê attracts the tone
        ("maí", "mái"),  # open two-vowel: first vowel
        ("muá", "múa"),
        ("kià", "kìa"),
        ("tuí", "túi"),
        ("ngòai", "ngoài"),  # open three-vowel: middle vowel
        ("xóay", "xoáy"),
        ("khủyu", "khuỷu"),
        ("qúy", "quý"),  # qu is a consonant
        ("qùa", "quà"),
        ("gía", "giá"),  # gi before a vowel is a consonant
        ("ngừơi", "người"),  # ơ wins in ươ
        ("rựơu", "rượu"),
        ("cưả", "cửa"),  # ư when no other diacritic vowel
        ("tiếp", "tiếp"),
        ("hùynh", "huỳnh"),  # closed uy: last vowel
        ("NGÒAI", "NGOÀI"),
    ],
)
def test_normalize_tones_moves_tone_to_canonical_vowel(misplaced: str, expected: str) -> None:
    assert normalize_tones(misplaced) == expected


@pytest.mark.parametrize(
    "canonical",
    [
        "hoàn",
        "toán",
        "khuyến",
        "mái",
        "múa",
        "kìa",
        "túi",
        "ngoài",
        "xoáy",
        "khuỷu",
        "quý",
        "quà",
        "giá",
        "gìn",
        "người",
        "rượu",
        "thưở",
        "yến",
        "khuya",
    ],
)
def test_normalize_tones_keeps_canonical_words(canonical: str) -> None:
    assert normalize_tones(canonical) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "Postmart",
        "COD",
        "EMS",
        "Covid-19",
        "Postmart.vn",
        "1900 54 54 81",
        "7.337 triệu",
        "hoa",
        "",
        "  \n\t",
        "(LSO) –",
        "café",  # a toned word that is not a Vietnamese syllable
    ],
)
def test_normalize_tones_leaves_other_text_alone(text: str) -> None:
    assert normalize_tones(text) == nfc(text)


def test_normalize_tones_leaves_words_with_two_tones_unchanged() -> None:
    word = nfc("ho\u0301a\u0300")  # hóà: two tone marks on one syllable
    assert normalize_tones(word) == word


def test_normalize_tones_leaves_words_with_a_stray_mark_unchanged() -> None:
    word = nfc("hoa\u0323\u0300")  # dot below + grave on a: no precomposed letter for the pair
    assert len(word) == 4
    assert normalize_tones(word) == word


def test_normalize_tones_accepts_decomposed_input() -> None:
    assert normalize_tones(nfd("Bưu điện - Văn hoá xã")) == "Bưu điện - Văn hóa xã"


def test_normalize_tones_rewrites_only_the_affected_words_of_a_sentence() -> None:
    text = "phát huy vai trò cấp quản lý thứ Tư tại Bưu điện - Văn hoá xã, tối ưu hoá việc sử dụng"
    expected = "phát huy vai trò cấp quản lý thứ Tư tại Bưu điện - Văn hóa xã, tối ưu hóa việc sử dụng"
    assert normalize_tones(text) == expected


@given(st.text())
def test_normalize_tones_preserves_length_of_any_text(text: str) -> None:
    result = normalize_tones(text)
    assert len(result) == len(nfc(text))
    assert unicodedata.is_normalized("NFC", result)
    assert normalize_tones(result) == result


_VIETNAMESE_ALPHABET = list("aăâeêioôơuưyqgđhnctkAĂÂĐƠƯ \u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


@given(st.text(alphabet=st.sampled_from(_VIETNAMESE_ALPHABET), max_size=12))
def test_normalize_tones_preserves_length_of_vietnamese_like_noise(text: str) -> None:
    result = normalize_tones(text)
    assert len(result) == len(nfc(text))
    assert unicodedata.is_normalized("NFC", result)


_INITIALS = ["", "b", "c", "ch", "d", "đ", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "t", "th", "tr", "x"]
_CLUSTERS = [
    "a", "e", "ô", "ư", "oa", "oe", "uy", "ai", "ao", "ua", "ia", "ui", "ưa", "ươ", "uô", "iê",
    "oai", "oay", "uyu", "ươi", "uyê", "ươu",
]  # fmt: skip
_FINALS = ["", "c", "m", "n", "ng", "nh", "p", "t"]


@st.composite
def toned_syllables(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A Vietnamese-looking syllable, written with its tone on each vowel in turn."""
    initial = draw(st.sampled_from(_INITIALS))
    cluster = draw(st.sampled_from(_CLUSTERS))
    final = draw(st.sampled_from(_FINALS))
    tone = draw(st.sampled_from(sorted(TONE_MARKS)))
    upper = draw(st.sampled_from(["lower", "upper", "title"]))
    variants = []
    for i in range(len(cluster)):
        toned = cluster[:i] + nfc(nfd(cluster[i]) + tone) + cluster[i + 1 :]
        word = initial + toned + final
        variants.append({"lower": word, "upper": word.upper(), "title": word[:1].upper() + word[1:]}[upper])
    return initial + cluster + final, variants


@given(toned_syllables())
def test_normalize_tones_is_independent_of_where_the_tone_was(syllable: tuple[str, list[str]]) -> None:
    toneless, variants = syllable
    results = {normalize_tones(v) for v in variants}
    assert len(results) == 1
    result = results.pop()
    assert len(result) == len(variants[0])
    assert strip_tones(result).lower() == toneless
    assert len(tones_of(result)) == 1
    assert tones_of(result) == tones_of(variants[0])


# The fast path of normalize_tones retones only some runs of letters; it must agree with the plain
# definition, word by word, on any text.
_NOISE = _VIETNAMESE_ALPHABET + list("ḿǹṇÑñýỳỵ ÀÁàáòóỏọÓÒíìỉỊ-.,'1ßαİıΣ\u0301\u0300\u0323")


@given(st.text(alphabet=st.sampled_from(_NOISE), max_size=30))
def test_normalize_tones_agrees_with_its_word_by_word_definition(text: str) -> None:
    assert normalize_tones(text) == _normalize_tones_by_word(text)


@given(st.text())
def test_normalize_tones_agrees_with_its_word_by_word_definition_on_any_text(text: str) -> None:
    assert normalize_tones(text) == _normalize_tones_by_word(text)


@given(toned_syllables(), st.sampled_from(["", " ", "-", "x", "ß", "\u0301", "1"]))
def test_normalize_tones_agrees_with_its_definition_on_syllables_in_context(
    syllable: tuple[str, list[str]], neighbour: str
) -> None:
    for variant in syllable[1]:
        text = neighbour + variant + neighbour + " " + variant
        assert normalize_tones(text) == _normalize_tones_by_word(text)


def test_the_letters_of_retonable_words_are_all_in_the_fast_path_classes() -> None:
    """Every letter of Unicode that a word can be retoned with is one the fast path looks at."""
    letters = set(_letter_classes()[0])
    for code in range(0x110000):
        ch = chr(code)
        if not ch.isalpha() or ch in letters or unicodedata.normalize("NFC", ch) != ch:
            continue
        base = strip_tones(ch)
        assert not (len(base) == 1 and base.lower() in "abcdefghijklmnopqrstuvwxyzđăâêôơư"), repr(ch)


# --- match_key -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bưu điện - Văn hóa xã",
        "bưu điện –văn hoá xã",
        "Bưu điện-Văn hóa xã",
        "Bưu điện — Văn hoá xã",
        "Bưu điện \u2212 Văn hóa xã",
        "Bưu điện \u2010 Văn hóa xã",
        "  Bưu\u00a0điện  -\u00a0Văn   hóa xã \n",
        nfd("BƯU ĐIỆN - VĂN HOÁ XÃ"),
    ],
)
def test_match_key_unifies_dashes_spaces_case_and_tones(text: str) -> None:
    assert match_key(text) == "bưu điện-văn hóa xã"


def test_match_key_ignores_capitalization_of_a_ministry() -> None:
    assert match_key("Bộ Thông tin và truyền thông") == match_key("Bộ Thông tin và Truyền thông")
    assert match_key("Bộ Thông tin và Truyền thông") == "bộ thông tin và truyền thông"


def test_match_key_keeps_distinct_names_distinct() -> None:
    assert match_key("Bưu điện tỉnh Lạng Sơn") != match_key("Bưu điện tỉnh Sơn La")
    assert match_key("Lê Ngọc Châu") != match_key("Lê Văn Châu")


# --- fold_ascii / slugify --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bưu điện tỉnh Hà Tĩnh", "Buu dien tinh Ha Tinh"),
        ("Đường dây nóng", "Duong day nong"),
        ("ĐẶNG", "DANG"),
        ("Tổng công ty Bưu điện Việt Nam", "Tong cong ty Buu dien Viet Nam"),
        ("Ủy ban nhân dân", "Uy ban nhan dan"),
        (nfd("Hưng Yên"), "Hung Yen"),
        ("Bộ TT&TT", "Bo TT&TT"),
    ],
)
def test_fold_ascii(text: str, expected: str) -> None:
    assert fold_ascii(text) == expected
    assert fold_ascii(text).isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bưu điện huyện Nghi Xuân, Hà Tĩnh", "buu-dien-huyen-nghi-xuan-ha-tinh"),
        ("Bộ TT&TT", "bo-tt-tt"),
        ("Bưu điện - Văn hóa xã", "buu-dien-van-hoa-xa"),
        ("  (LSO)  ", "lso"),
        ("Postmart.vn", "postmart-vn"),
        ("Covid-19", "covid-19"),
        ("Đảng uỷ Khối", "dang-uy-khoi"),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slugify(text))


@pytest.mark.parametrize("text", ["", "   ", "---", "&&", "“…”", "–"])
def test_slugify_refuses_names_without_letters_or_digits(text: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        slugify(text)


# --- title_case_name -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANH DŨNG", "Anh Dũng"),
        ("nguyễn văn a", "Nguyễn Văn A"),
        ("ÔN THỊ KIM HỒNG", "Ôn Thị Kim Hồng"),
        ("đặng  THỊ", "Đặng  Thị"),
        ("Phạm Thị Thanh Xuân", "Phạm Thị Thanh Xuân"),
    ],
)
def test_title_case_name(text: str, expected: str) -> None:
    assert title_case_name(text) == expected


# --- UPPER / LOWER ---------------------------------------------------------------------------------

_VIETNAMESE_UPPER = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)


def test_upper_and_lower_hold_every_vietnamese_letter() -> None:
    assert set(_VIETNAMESE_UPPER) <= set(UPPER)
    assert set(_VIETNAMESE_UPPER.lower()) <= set(LOWER)


def test_upper_and_lower_are_disjoint_cased_letters() -> None:
    assert all(ch.isupper() for ch in UPPER)
    assert all(ch.islower() for ch in LOWER)
    assert not set(UPPER) & set(LOWER)
    assert len(set(UPPER)) == len(UPPER)
    assert "×" not in UPPER
    assert "÷" not in LOWER


@pytest.mark.parametrize("special", ["-", "]", "[", "\\", "^"])
def test_upper_and_lower_are_safe_inside_a_character_class(special: str) -> None:
    assert special not in UPPER
    assert special not in LOWER


def test_upper_and_lower_work_as_character_classes() -> None:
    name = re.compile(f"[{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+)*")
    assert name.fullmatch("Nguyễn Kiên Cường")
    assert name.fullmatch("Ôn Thị Kim Hồng")
    assert name.fullmatch("Đặng Ưng")
    assert not name.fullmatch("nguyễn Kiên Cường")
    assert not name.fullmatch("Bộ TT&TT")
    assert re.findall(f"[{UPPER}]+", "Bưu điện - Văn hóa xã (BĐ-VHX)") == ["B", "V", "BĐ", "VHX"]
