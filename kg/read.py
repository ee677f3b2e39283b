"""Read stage: corpus files -> `Article` (metadata, NFC text, sentences with character offsets).

The articles are raw web pages: a title line, maybe a hotline banner or a date line, picture
captions between paragraphs, navigation crumbs, and a byline or source line at the end. This
module separates that page furniture from the body without changing a character of the text:
evidence offsets point into `Article.text`, the NFC form of the whole file.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from collections.abc import Iterable
from pathlib import Path

from kg.dates import parse_date
from kg.errors import UserInputError
from kg.model import Article, Sentence, SkippedArticle
from kg.text import UPPER, nfc, normalize_tones, title_case_name

SIDECAR_SUFFIX = ".meta.json"
# The seed articles are 5 to 8 KB; a file hundreds of times larger is not one news article.
MAX_ARTICLE_BYTES = 2 * 1024**2
# A page saved as HTML: a doctype or an <html>/<head>/<body> tag before any text.
_HTML_PAGE = re.compile(r"\A\ufeff?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.IGNORECASE)
SIDECAR_FIELDS = {"title", "date", "publisher", "author", "url", "province"}

_BANNER = re.compile(r"đường dây nóng|hotline", re.IGNORECASE)
_NAVIGATION = re.compile(
    r"^(?:tìm kiếm theo ngày|trang chủ|in bài|bình luận|xem thêm|quay lại|đọc thêm|bài viết liên quan)\W*$"
    r"|^(?:chia sẻ|share|tags?|từ khóa)\b.{0,80}$",
    re.IGNORECASE,
)
# A "related articles" heading: it and the headlines under it are not the article.
_RELATED = re.compile(r"^(?:tin liên quan|tin cùng chuyên mục|bài liên quan|tin khác|các tin khác)\W*$", re.IGNORECASE)
# "Cập nhật: 11/01/2024 - 08:45": a date line with a label and a time around the date.
_DATE_LABEL = re.compile(
    r"^(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|thời\s+gian|ngày\s+cập\s+nhật)\s*:?\s*"
    r"|\s*[-–|]\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?\s*$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:nguồn|theo)\s*:\s*(?P<publisher>.+?)\s*$", re.IGNORECASE)
# "Bài, ảnh: HOÀNG VY", "Bài và ảnh: Đức Lam", "Theo Lê Hà (Báo Thanh Hóa)": the author (and publisher).
_CREDIT = re.compile(
    r"^(?:(?:bài|tin|ảnh|bài\s*,\s*ảnh|bài\s+và\s+ảnh|tin\s*,\s*ảnh|tin\s+và\s+ảnh)\s*:\s*(?P<author>[^:()]{2,40})"
    r"|theo\s+(?P<named>[^:()]{2,40}?)\s*\((?P<publisher>[^()]{2,60})\))\s*$",
    re.IGNORECASE,
)
_AGENCY_TAG = re.compile(r"^\((?P<tag>[A-ZĐ]{2,10})\)")
_NAME_WORD = rf"[{UPPER}][^\s\d.,;:!?()]*"
_PERSON_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}$")
_ALL_CAPS_LINE = re.compile(rf"^[{UPPER}]+(?:\s+[{UPPER}]+){{0,4}}\.?$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(\[]?[" + UPPER + r"0-9])")
_ABBREVIATIONS = ("TP.", "TS.", "ThS.", "PGS.", "GS.", "BS.", "Th.S.", "v.v.", "St.", "Tp.")

# Byline/news-agency tags that name a publisher at the head of a lead paragraph.
_AGENCY_TAGS = {
    "LSO": "Báo Lạng Sơn",
    "TTXVN": "Thông tấn xã Việt Nam",
    "VOV": "Đài Tiếng nói Việt Nam",
    "HNM": "Báo Hà Nội Mới",
    "QĐND": "Báo Quân đội nhân dân",
    "ICTnews": "ICTnews",
}


def read_corpus(corpus_dir: Path) -> tuple[list[Article], list[SkippedArticle]]:
    """Read every `*.txt` of a corpus folder, in file-name order.

    Unreadable files are returned as `SkippedArticle`s rather than raised, so one bad page
    never stops a build. A missing or empty corpus is the user's error.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.exists():
        raise UserInputError(f"corpus folder {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise UserInputError(f"corpus path {corpus_dir} is a file, not a folder of .txt articles")
    paths = sorted(p for p in corpus_dir.glob("*.txt") if p.is_file())
    if not paths:
        raise UserInputError(f"corpus folder {corpus_dir} holds no article (*.txt)")
    articles: list[Article] = []
    skipped: list[SkippedArticle] = []
    first_with_text: dict[str, str] = {}  # an article's text -> the file it was first read from
    for path in paths:
        try:
            article = read_article(path)
        except ArticleError as problem:
            skipped.append(SkippedArticle(str(path), str(problem)))
            continue
        earlier = first_with_text.setdefault(article.text, path.name)
        if earlier != path.name:
            skipped.append(SkippedArticle(str(path), f"the same text as {earlier}, which is built instead"))
            continue
        articles.append(article)
    return articles, skipped


class ArticleError(Exception):
    """One article cannot be read; the reason is shown to the user and the article skipped."""


def read_article(path: Path) -> Article:
    """Read one article file (and its optional `<stem>.meta.json` sidecar)."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{size / 1024**2:.1f} MB, larger than the {MAX_ARTICLE_BYTES // 1024**2} MB an article can be: "
            "not a news article (split it, or remove what is not the article)"
        )
    text = _decode(path.read_bytes())
    if _HTML_PAGE.match(text):
        raise ArticleError("an HTML page, not the article's text: save the page as text (the article only)")
    return article_from_text(text, path.stem, source_file=path.name, sidecar=_read_sidecar(path))


def article_from_text(
    text: str, article_id: str, source_file: str | None = None, sidecar: dict[str, str] | None = None
) -> Article:
    """Make an Article of a page's text, exactly as if it had been read from a file."""
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    sidecar = sidecar or {}
    lines = list(_lines_with_offsets(text))
    layout = _page_layout(lines)
    sentences = tuple(_sentences(text, layout.body_blocks))
    if not sentences:
        raise ArticleError("no text after removing page furniture")
    return Article(
        id=article_id,
        source_file=source_file or f"{article_id}.txt",
        title=sidecar.get("title") or (layout.title[2] if layout.title else None),
        date=_sidecar_date(article_id, sidecar) or layout.date,
        publisher=sidecar.get("publisher") or layout.publisher,
        author=sidecar.get("author") or layout.author,
        text=text,
        search_text=normalize_tones(text),
        sentences=sentences,
        url=sidecar.get("url"),
        province_hint=sidecar.get("province"),
    )


def _decode(raw: bytes) -> str:
    """The text of an article file: UTF-8 (a BOM tolerated) or UTF-16 with its byte-order mark.

    Empty and binary files are refused, and so is text in another encoding, with the encoding it
    looks like: a legacy Vietnamese file (Windows-1258) decodes without error as Latin-1 too, into
    wrong letters, so guessing would put misspelt names into the graph."""
    if not raw.strip():
        raise ArticleError("empty file")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("starts with a UTF-16 byte-order mark but is not UTF-16 text") from None
        if not text.strip():
            raise ArticleError("empty file")
        return text
    if b"\x00" in raw:
        if _looks_like_utf16(raw):
            raise ArticleError(
                "UTF-16 text without a byte-order mark; save it as UTF-8, e.g. `iconv -f utf-16le -t utf-8`"
            )
        raise ArticleError("binary file (contains NUL bytes), not a UTF-8 text article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        name, codec = _legacy_encoding(raw)
        raise ArticleError(
            f"not UTF-8 text (byte {problem.start}); it looks like {name}: convert it, "
            f"e.g. `iconv -f {codec} -t utf-8`"
        ) from None


def _looks_like_utf16(raw: bytes) -> bool:
    """Most odd (little-endian) or most even (big-endian) bytes are NUL, as in UTF-16 Latin text."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs == 0:
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return max(odd, even) >= 0.3 * pairs and min(odd, even) <= 0.05 * pairs


# Letters and tone marks that Windows-1258 has and Latin-1 has not (ă đ ơ ư, combining tones).
_CP1258_VIETNAMESE = set("ăĂđĐơƠưƯ\u0300\u0301\u0303\u0309\u0323")


def _legacy_encoding(raw: bytes) -> tuple[str, str]:
    """The 8-bit encoding a non-UTF-8 file most likely uses, as (name, iconv name)."""
    if any(ch in _CP1258_VIETNAMESE for ch in raw.decode("cp1258", errors="replace")):
        return "Windows-1258 (Vietnamese)", "cp1258"
    return "Latin-1 or Windows-1252", "cp1252"


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar_path = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar_path.exists():
        return {}
    try:
        data = json.loads(sidecar_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise ArticleError(f"sidecar {sidecar_path.name} is not valid UTF-8 JSON: {problem}") from None
    if not isinstance(data, dict):
        raise ArticleError(f"sidecar {sidecar_path.name} must hold a JSON object")
    unknown = set(data) - SIDECAR_FIELDS
    if unknown:
        raise ArticleError(
            f"sidecar {sidecar_path.name} has unknown fields {sorted(unknown)}; allowed: {sorted(SIDECAR_FIELDS)}"
        )
    if not all(isinstance(value, str) for value in data.values()):
        raise ArticleError(f"sidecar {sidecar_path.name}: every value must be a string")
    return {key: nfc(value.strip()) for key, value in data.items()}


def _sidecar_date(article_id: str, sidecar: dict[str, str]) -> datetime.date | None:
    if "date" not in sidecar:
        return None
    try:
        return datetime.date.fromisoformat(sidecar["date"])
    except ValueError:
        parsed = parse_date(sidecar["date"])
        if parsed is None:
            raise ArticleError(f"sidecar of {article_id}: date {sidecar['date']!r} is not a date") from None
        return parsed


Line = tuple[int, int, str]  # start offset, end offset, stripped text


def _lines_with_offsets(text: str) -> Iterable[Line]:
    """Non-blank lines with the offsets of their stripped content."""
    offset = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if stripped:
            start = offset + raw_line.index(stripped[0])
            yield start, start + len(stripped), stripped
        offset += len(raw_line) + 1


class _Layout:
    """What the page furniture says: title line, date, publisher, author, and the body blocks."""

    def __init__(self) -> None:
        self.title: Line | None = None
        self.date: datetime.date | None = None
        self.publisher: str | None = None
        self.author: str | None = None
        self.body_blocks: list[tuple[int, int]] = []


def _page_layout(lines: list[Line]) -> _Layout:
    layout = _Layout()
    furniture: set[int] = set()
    related_from = next((n for n, line in enumerate(lines) if _RELATED.match(line[2])), None)
    for number, (_, _, content) in enumerate(lines):
        related = related_from is not None and number >= related_from and _related_headline(lines, number, related_from)
        if related or _BANNER.search(content) or _NAVIGATION.match(content):
            furniture.add(number)
        elif (credit := _CREDIT.match(content)) and _looks_like_name(credit.group("author") or credit.group("named")):
            furniture.add(number)
            layout.author = _author_name(credit.group("author") or credit.group("named"))
            layout.publisher = layout.publisher or credit.group("publisher")
        elif len(content) <= 60 and (date := parse_date(_DATE_LABEL.sub("", content))) is not None:
            furniture.add(number)
            layout.date = layout.date or date
        elif match := _SOURCE.match(content):
            furniture.add(number)
            layout.publisher = match.group("publisher")
        elif match := _AGENCY_TAG.match(content):
            layout.publisher = layout.publisher or _AGENCY_TAGS.get(match.group("tag"))
    byline = _byline(lines, furniture) if layout.author is None else None
    if byline is not None:
        author_line, block = byline
        layout.author = _author_name(lines[author_line][2])
        furniture.update(block)
        layout.body_blocks.append((lines[block[0]][0], lines[block[-1]][1]))
    for number, line in enumerate(lines):
        if number in furniture:
            continue
        if layout.title is None:
            layout.title = line
        layout.body_blocks.append((line[0], line[1]))
    layout.body_blocks.sort()
    return layout


def _byline(lines: list[Line], furniture: set[int]) -> tuple[int, list[int]] | None:
    """The signature at the end of the page: a name line, optionally followed by a role line.

    Returns the name line number and the line numbers of the whole block.
    """
    tail = [n for n in range(len(lines)) if n not in furniture][-2:]
    if not tail:
        return None
    last = tail[-1]
    if _looks_like_name(lines[last][2]):
        return last, [last]
    role_line = lines[last][2]
    if len(tail) == 2 and _looks_like_name(lines[tail[0]][2]) and len(role_line) <= 80 and not role_line.endswith("."):
        return tail[0], tail
    return None


def _related_headline(lines: list[Line], number: int, related_from: int) -> bool:
    """The related-articles heading and the short, unpunctuated headline lines right under it."""
    if number == related_from:
        return True
    return all(len(line[2]) <= 150 and not line[2].endswith(".") for line in lines[related_from + 1 : number + 1])


def _looks_like_name(content: str | None) -> bool:
    if not content:
        return False
    content = content.strip()
    return bool(_ALL_CAPS_LINE.match(content) or _PERSON_LINE.match(content)) and len(content) <= 40


def _author_name(content: str) -> str:
    content = content.strip().rstrip(".")
    return title_case_name(content) if content.isupper() else content


def _sentences(text: str, blocks: list[tuple[int, int]]) -> Iterable[Sentence]:
    """Split each body block into sentences, keeping offsets into `text`."""
    index = 0
    for paragraph, (block_start, block_end) in enumerate(blocks):
        for start, end in _split_block(text, block_start, block_end):
            yield Sentence(index, start, end, text[start:end], paragraph)
            index += 1


def _split_block(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    block = text[start:end]
    if "\n" in block:  # a byline block stays one unit: name and role belong together
        yield start, end
        return
    cursor = 0
    for boundary in _SENTENCE_END.finditer(block):
        before = block[cursor : boundary.start()]
        if before.endswith(_ABBREVIATIONS) or not before.strip():
            continue
        yield start + cursor, start + boundary.start() + len(boundary.group().rstrip())
        cursor = boundary.end()
    tail = block[cursor:]
    if tail.strip():
        yield start + cursor, end
