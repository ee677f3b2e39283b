"""Resolve stage: mentions -> one canonical entity per real thing, assertions -> facts.

Binds what the articles leave implicit ("Bưu điện tỉnh" = the article's own provincial post, a
district name shared by several provinces = the one in the article's province), builds each
entity's description from the gazetteer, merges repeated facts (a caption repeating the body is
one fact with two evidences), and gives every entity and fact a slug that depends only on names,
so IRIs are the same in every build. Public entry point: `resolve(extractions, gazetteer, rules)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.gazetteer import Gazetteer
from kg.model import ArticleContext, Extraction, Fact, ResolvedCorpus
from kg.resolve.binding import article_province, bind
from kg.resolve.entities import CORPORATION, EntityBuilder
from kg.resolve.facts import ArticleFacts, add_fact, fact_slug
from kg.resolve.identity import likely_same_people

__all__ = ["CORPORATION", "RESOLVE_RULES", "resolve"]

# Rules applied by this stage rather than by the rule files, as named in evidence.
RESOLVE_RULES = {
    "resolve.same-post-similar-name": "Two people holding the same post in one article, with the same family "
    "and given names but different middle names, are likely one person.",
}


def resolve(extractions: Iterable[Extraction], gazetteer: Gazetteer, rules: dict[str, str]) -> ResolvedCorpus:
    """Turn per-article extractions into canonical entities and merged facts."""
    extractions = sorted(extractions, key=lambda e: e.article.id)
    builder = EntityBuilder(gazetteer)
    facts: dict[str, Fact] = {}
    contexts: dict[str, ArticleContext] = {}
    for extraction in extractions:
        article = extraction.article
        province = article_province(extraction, gazetteer)

        def binder(mention, province=province, article_id=article.id):
            return bind(mention, province, gazetteer, article_id)

        for mention in extraction.mentions:
            for key in binder(mention):
                builder.add(key, mention)
        article_facts = ArticleFacts(builder, gazetteer, binder, province, article.text).run(extraction.assertions)
        for fact in article_facts + likely_same_people(article_facts, builder):
            add_fact(facts, fact)
        contexts[article.id] = ArticleContext(
            province=province,
            publisher=builder.named("publisher", article.publisher) if article.publisher else None,
            author=builder.named("person", article.author) if article.author else None,
        )
    entities = builder.finish()
    ordered = sorted(facts.values(), key=lambda f: (f.kind, sorted(map(str, f.args.items()))))
    for fact in ordered:
        fact.slug = fact_slug(fact, entities)
    ordered.sort(key=lambda f: (f.kind, f.slug))
    all_rules = {**rules, **RESOLVE_RULES}
    return ResolvedCorpus(tuple(e.article for e in extractions), contexts, entities, tuple(ordered), all_rules)
