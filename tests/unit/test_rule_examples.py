"""Every example sentence in the rule files is a test: it must (or must not) match its rule."""

from __future__ import annotations

import pytest
import yaml

from kg.extract import extract, load_rulebook
from kg.extract.rulebook import RULES_DIR
from kg.read import article_from_text


def _rule_files():
    for path in sorted(RULES_DIR.glob("*.yaml")):
        yield path.name, yaml.safe_load(path.read_text(encoding="utf-8"))


def _specs(file_name: str, data: dict) -> list[dict]:
    return data.get("mention_types", []) + data.get("rules", []) + data.get("figures", [])


def _cases(kind: str):
    for file_name, data in _rule_files():
        specs = _specs(file_name, data)
        for spec in specs:
            for number, example in enumerate(spec.get(kind, [])):
                yield pytest.param(spec["id"], example, id=f"{spec['id']}-{number}")


def _extract(text: str):
    return extract(article_from_text(text, "example"), load_rulebook())


def test_there_are_examples_for_every_relation_and_mention_rule():
    for _, data in _rule_files():
        for spec in data.get("mention_types", []) + data.get("rules", []):
            assert spec.get("examples"), f"{spec['id']} has no examples"


@pytest.mark.parametrize(("rule_id", "example"), list(_cases("examples")))
def test_example_matches(rule_id, example):
    if isinstance(example, str):  # a mention type: the text holds a mention found by that type
        mentions = _extract(example).mentions
        assert any(m.evidence.rule_id == rule_id for m in mentions), [(m.text, m.evidence.rule_id) for m in mentions]
        return
    if isinstance(example.get("expect"), dict):  # a figure rule: the observation's values
        observations = [
            dict(a.values) for a in _extract(example["text"]).assertions if a.evidence.rule_id == rule_id
        ]
        assert len(observations) == 1, observations
        assert {k: observations[0].get(k) for k in example["expect"]} == example["expect"]
        return
    found = [
        sorted((name, mention.text) for name, mention in assertion.args)
        for assertion in _extract(example["text"]).assertions
        if assertion.evidence.rule_id == rule_id
    ]
    expected = [sorted(args.items()) for args in example["expect"]]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(("rule_id", "text"), list(_cases("counterexamples")))
def test_counterexample_does_not_match(rule_id, text):
    extraction = _extract(text)
    hits = [m.text for m in extraction.mentions if m.evidence.rule_id == rule_id]
    hits += [str(a.args) for a in extraction.assertions if a.evidence.rule_id == rule_id]
    assert hits == []
