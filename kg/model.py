"""Plain data passed between the pipeline stages.

No rdflib here: read, extract and resolve speak in these dataclasses, and only
`kg.assemble` turns them into RDF terms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or caption, title, byline) with its character span in the article text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus.

    `text` is the NFC form of the file; `search_text` is the same text with one tone-mark
    placement (same length, so offsets are shared). Evidence offsets point into `text`.
    """

    id: str
    source_file: str
    title: str | None
    date: datetime.date | None
    publisher: str | None
    author: str | None
    text: str
    search_text: str
    sentences: tuple[Sentence, ...]
    url: str | None = None
    province_hint: str | None = None


@dataclass(frozen=True)
class SkippedArticle:
    """A corpus file that could not be read, and why (shown to the user as a warning)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was found: article, sentence, character span in the article text, rule."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    rule_id: str
    confidence: Decimal


@dataclass(frozen=True)
class Mention:
    """A name of something in an article.

    `ref` is the gazetteer key of what it names when the name alone says it; an anaphoric
    mention ("Bưu điện tỉnh", "đơn vị") has `anaphor` set instead and is bound by resolve;
    an ambiguous one lists `candidates` (a district name shared by several provinces).
    """

    kind: str
    text: str
    start: int
    end: int
    evidence: Evidence
    ref: str | None = None
    anaphor: str | None = None
    candidates: tuple[str, ...] = ()
    value: int | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        """One of the details a mention carries (a document's number, a date's ISO form...)."""
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class Assertion:
    """A relation stated in one sentence: named arguments (mentions) plus the rule's evidence."""

    relation: str
    args: tuple[tuple[str, Mention], ...]
    evidence: Evidence
    values: tuple[tuple[str, str], ...] = ()

    def arg(self, name: str) -> Mention | None:
        """The mention filling argument `name`, if any."""
        for key, mention in self.args:
            if key == name:
                return mention
        return None


@dataclass(frozen=True)
class Extraction:
    """Everything extract found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]


@dataclass
class Entity:
    """One real thing, after resolution, with everything the articles and gazetteers say of it."""

    key: str
    kind: str
    slug: str
    label_vi: str
    label_en: str | None = None
    alt_labels: set[str] = field(default_factory=set)
    links: set[tuple[str, str]] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Fact:
    """A resolved n-ary fact (award conferral, membership) with all its evidence."""

    kind: str
    slug: str
    args: dict[str, object]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleContext:
    """What resolve learned about an article: its province, publisher and author entities."""

    province: str | None
    publisher: str | None
    author: str | None


@dataclass(frozen=True)
class ResolvedCorpus:
    """The output of resolve: articles, canonical entities and facts, ready to assemble."""

    articles: tuple[Article, ...]
    contexts: dict[str, ArticleContext]
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    rules: dict[str, str]
