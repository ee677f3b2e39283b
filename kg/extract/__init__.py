"""Extract stage: Article -> mentions and assertions, by the rules in kg/data/rules.

Public entry points: `extract(article)`, and `extract_all(articles)` for a corpus (in worker
processes when it is large; see kg.extract.parallel). The matchers (gazetteer, pattern, relation)
live in the modules of this package; what they look for is data, not code.
"""

from __future__ import annotations

from kg.extract.figures import find_figures
from kg.extract.mentions import find_mentions
from kg.extract.parallel import extract_all
from kg.extract.relations import apply_rule, tag_sentence
from kg.extract.rulebook import SUBJECT_KINDS, RuleBook, load_rulebook
from kg.model import Article, Extraction, Mention

__all__ = ["RuleBook", "extract", "extract_all", "load_rulebook"]


def extract(article: Article, rulebook: RuleBook | None = None) -> Extraction:
    """Find every mention and every relation the rules know in one article."""
    rulebook = rulebook or load_rulebook()
    mentions = find_mentions(article, list(rulebook.mention_types), rulebook.gazetteer)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.evidence.sentence_index, []).append(mention)
    assertions = []
    for sentence in article.sentences:
        sentence_mentions = by_sentence.get(sentence.index, [])
        assertions.extend(find_figures(rulebook.figures, article, sentence, sentence_mentions, SUBJECT_KINDS))
        if not sentence_mentions:
            continue
        tagged = tag_sentence(article, sentence, sentence_mentions)
        for rule in rulebook.relation_rules:
            assertions.extend(apply_rule(rule, article, sentence, sentence_mentions, tagged))
    return Extraction(article, tuple(mentions), tuple(assertions))
