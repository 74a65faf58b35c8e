"""A capitalised adjective is no entity: the first word of a sentence tagged as an adjective
("Digital currency transactions ..."), or a modifier of a common noun that names no known
place ("31 Olympic and Paralympic sports"). Adjective-looking names of firms and papers stay."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _names(analyzer: Analyzer, text: str) -> set[str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name for e in analysis.entities}


@pytest.mark.parametrize(("text", "word"), [
    ("Japan fined six exchanges. Digital currency transactions in Japan jumped to ¥69 "
     "trillion.", "Digital"),
    ("The agency said £345m will be invested in 31 Olympic and Paralympic sports.",
     "Olympic"),
    ("The agency said £345m will be invested in 31 Olympic and Paralympic sports.",
     "Paralympic"),
    ("Hong Kong's Financial Secretary Paul Chan announced the regime.", "Financial"),
])
def test_an_adjective_is_not_an_entity(analyzer: Analyzer, text: str, word: str) -> None:
    assert word not in _names(analyzer, text)


def test_the_figures_go_to_the_named_owner_instead(analyzer: Analyzer) -> None:
    text = "UK Sport said £345m will be invested in 31 Olympic and Paralympic sports."
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    assert {f.subject for f in analysis.figures} == {"UK Sport"}


@pytest.mark.parametrize(("text", "name"), [
    ("Greenpeace executive director John Sauven said the plan was wrong.", "Greenpeace"),
    ("Swiss lawmakers met in Bern on Monday.", "Bern"),
])
def test_names_used_as_modifiers_stay(analyzer: Analyzer, text: str, name: str) -> None:
    assert name in _names(analyzer, text)


def test_the_models_adjective_list_is_read_from_the_installed_package() -> None:
    from bot.nlp.english_words import adjectives
    words = adjectives()
    assert {"digital", "olympic", "independent"} <= words
    assert "greenpeace" not in words
    assert adjectives("no_such_model_package") == frozenset()
