"""Acronyms a place owns ("Hong Kong's SFC") are organisations; measures, codes and districts
written the same way ("China's GDP", "Sydney's CBD") are not. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _entities(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return {e.name: e.type for e in analysis.entities}


def test_a_places_acronym_is_its_body_and_owns_the_figure(analyzer: Analyzer) -> None:
    text = "Hong Kong's SFC has approved 10 licensed virtual asset trading platforms."
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert {e.name: e.type for e in analysis.entities}.get("SFC") == "ORG"
    assert [(f.subject, f.value) for f in analysis.figures] == [("SFC", 10.0)]


@pytest.mark.parametrize(("text", "word"), [
    ("China's GDP grew 5% last year.", "GDP"),
    ("The club sits in Sydney's CBD, near the station.", "CBD"),
    ("El Salvador's BTC holdings rose again.", "BTC"),
])
def test_measures_codes_and_districts_are_no_bodies(analyzer: Analyzer, text: str,
                                                    word: str) -> None:
    assert _entities(analyzer, text).get(word) != "ORG"
