"""Reading raw pages: metadata from the page furniture, sentences with exact offsets."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

import pytest

from kg.errors import UserInputError
from kg.read import MAX_ARTICLE_BYTES, read_article, read_corpus
from tests.conftest import SEED_CORPUS, windows_1258

SEED_METADATA = {
    "000_4ad5afaab90b6b3b": (
        "Bưu điện tỉnh Long An: Vượt trên thách thức, giữ trọn niềm tin",
        datetime.date(2023, 5, 11), "Vietnam Business Forum", "Ôn Thị Kim Hồng",
    ),
    "001_03f34e878f89fc66": (
        "Bưu điện tỉnh Hưng Yên: Phát huy truyền thống vẻ vang, hoàn thành xuất sắc nhiệm vụ trong tình hình mới",
        None, None, None,
    ),
    "002_51e71c3eaaa63f44": ("Bưu điện - đổi mới để phát triển", datetime.date(2019, 1, 7), None, None),
    "003_ddc1865ba3911d06": (
        "Bưu điện tỉnh Hà Tĩnh tổ chức Hội nghị triển khai kế hoạch năm 2021", None, None, None,
    ),
    "004_7772b1bb6a6b4c9b": (
        "Bưu điện Lạng Sơn: Lấy thi đua làm động lực phát triển",
        datetime.date(2022, 5, 17), "Báo Lạng Sơn", "Anh Dũng",
    ),
}


@pytest.mark.parametrize("article_id", sorted(SEED_METADATA))
def test_seed_metadata(article_id):
    article = read_article(SEED_CORPUS / f"{article_id}.txt")
    assert (article.title, article.date, article.publisher, article.author) == SEED_METADATA[article_id]


@pytest.mark.parametrize("article_id", sorted(SEED_METADATA))
def test_sentences_point_into_the_text_and_skip_furniture(article_id):
    article = read_article(SEED_CORPUS / f"{article_id}.txt")
    assert len(article.sentences) > 10
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    texts = [s.text for s in article.sentences]
    assert not any(t.startswith(("Nguồn:", "Tìm kiếm theo ngày", "Đường dây nóng")) for t in texts)
    assert len(article.search_text) == len(article.text)


def test_sentence_split_keeps_numbers_and_abbreviations_together():
    article = read_article(SEED_CORPUS / "000_4ad5afaab90b6b3b.txt")
    assert any("7.337 triệu đồng" in s.text for s in article.sentences)
    assert any(s.text.startswith("Thực hiện Quyết định số 4702/QĐ-UBND ngày 27/5/2022") for s in article.sentences)


def test_sidecar_overrides_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nBưu điện tỉnh Nam Định phát triển.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"date": "2020-08-15", "publisher": "Báo Nam Định", "province": "Nam Định"}), encoding="utf-8"
    )
    article = read_article(tmp_path / "a.txt")
    assert (article.date, article.publisher, article.province_hint) == (
        datetime.date(2020, 8, 15), "Báo Nam Định", "Nam Định",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[1, 2]", "JSON object"), ("{bad json", "not valid"), ('{"colour": "red"}', "unknown fields")],
)
def test_malformed_sidecar_skips_the_article_with_a_reason(tmp_path, content, reason):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nMột câu.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Tiêu đề khác\n\nMột câu khác.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(content, encoding="utf-8")
    articles, skipped = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert len(skipped) == 1 and reason in skipped[0].reason


def test_crlf_and_bom_read_like_plain_utf8(tmp_path):
    text = (SEED_CORPUS / "004_7772b1bb6a6b4c9b.txt").read_text(encoding="utf-8")
    (tmp_path / "x.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain = read_article(SEED_CORPUS / "004_7772b1bb6a6b4c9b.txt")
    odd = read_article(tmp_path / "x.txt")
    assert odd.text == plain.text and odd.sentences == plain.sentences


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_reads_like_utf8(tmp_path, encoding):
    text = (SEED_CORPUS / "004_7772b1bb6a6b4c9b.txt").read_text(encoding="utf-8")
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / "x.txt").write_bytes(raw)
    plain, odd = read_article(SEED_CORPUS / "004_7772b1bb6a6b4c9b.txt"), read_article(tmp_path / "x.txt")
    assert odd.text == plain.text and odd.sentences == plain.sentences and odd.title == plain.title


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (windows_1258("Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua."), "looks like Windows-1258 (Vietnamese)"),
        ("Le café de l'été.".encode("latin-1"), "looks like Latin-1 or Windows-1252"),
        ("Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua.".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        ("Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua.".encode("utf-16-be"), "UTF-16 text without a byte-order mark"),
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", "binary file"),
    ],
)
def test_other_encodings_are_refused_with_the_encoding_they_look_like(tmp_path, raw, reason):
    (tmp_path / "bad.txt").write_bytes(raw)
    (tmp_path / "good.txt").write_text("Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua.\n", encoding="utf-8")
    articles, skipped = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert len(skipped) == 1 and reason in skipped[0].reason, skipped


def test_a_huge_file_and_an_html_page_are_skipped_with_the_reason(tmp_path):
    sentence = "Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua.\n"
    (tmp_path / "a_good.txt").write_text(sentence, encoding="utf-8")
    (tmp_path / "huge.txt").write_text(sentence * (MAX_ARTICLE_BYTES // len(sentence.encode()) + 1), encoding="utf-8")
    page = f"<!DOCTYPE html>\n<html><body><p>{sentence}</p></body></html>"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    (tmp_path / "tags.txt").write_text(f"\n  <HTML lang='vi'><p>{sentence}</p></HTML>", encoding="utf-8")
    articles, skipped = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["a_good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "larger than the 2 MB an article can be" in reasons["huge.txt"]
    assert reasons["page.txt"].startswith("an HTML page") and reasons["tags.txt"].startswith("an HTML page")


def test_the_same_article_under_two_names_is_built_once(tmp_path):
    text = (SEED_CORPUS / "004_7772b1bb6a6b4c9b.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(unicodedata.normalize("NFD", text).replace("\n", "\r\n"), encoding="utf-8")
    articles, skipped = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["a"]
    reasons = [(Path(s.path).name, s.reason) for s in skipped]
    assert reasons == [("b.txt", "the same text as a.txt, which is built instead")]


def test_an_article_without_a_date_line_or_a_title_line_is_read_without_them(tmp_path):
    """Two of the five seed articles give no date; such a page is normal, not an error: it is read,
    its date stays unknown (a sidecar can give it), and its first line stands for the title."""
    (tmp_path / "plain.txt").write_text("Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua năm 2020.\n", encoding="utf-8")
    article = read_article(tmp_path / "plain.txt")
    assert article.date is None and len(article.sentences) == 1
    assert article.title == "Bưu điện tỉnh Hà Tĩnh đón nhận Cờ thi đua năm 2020."
    (tmp_path / "plain.meta.json").write_text(json.dumps({"date": "2020-12-30"}), encoding="utf-8")
    assert read_article(tmp_path / "plain.txt").date == datetime.date(2020, 12, 30)


def test_missing_corpus_is_a_user_error(tmp_path):
    with pytest.raises(UserInputError, match="does not exist"):
        read_corpus(tmp_path / "missing")


def test_related_articles_and_credits_are_page_furniture(tmp_path):
    page = (
        "Bưu điện tỉnh Nam Định đón nhận Cờ thi đua\n\nCập nhật: 11/01/2024 - 08:45\n\n"
        "Bưu điện tỉnh Nam Định nhận Cờ thi đua của Bộ Thông tin và Truyền thông năm 2023.\n\n"
        "Chia sẻ:  Facebook  Zalo\n\nBài, ảnh: HOÀNG VY\n\nTIN LIÊN QUAN\n"
        "Bưu điện tỉnh Thái Bình mở rộng dịch vụ thu thuế\nNgười cao tuổi nhận lương hưu tận nhà\n"
    )
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert (article.date, article.author) == (datetime.date(2024, 1, 11), "Hoàng Vy")
    texts = [s.text for s in article.sentences]
    assert texts == [
        "Bưu điện tỉnh Nam Định đón nhận Cờ thi đua",
        "Bưu điện tỉnh Nam Định nhận Cờ thi đua của Bộ Thông tin và Truyền thông năm 2023.",
    ]


def test_theo_credit_gives_author_and_publisher(tmp_path):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nMột câu.\n\nTheo Lê Hà (Báo Thanh Hóa)\n", encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert (article.author, article.publisher) == ("Lê Hà", "Báo Thanh Hóa")
