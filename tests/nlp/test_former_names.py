"""A name and the one it replaced are one entity: the old name is an alias of the new one.
Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def test_the_old_name_is_an_alias_and_its_figures_are_the_new_names(analyzer: Analyzer) -> None:
    text = ("Strategy, formerly known as MicroStrategy, bought 10,000 BTC. MicroStrategy now "
            "holds 600,000 BTC.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    entities = {e.name: e for e in analysis.entities}
    assert entities["Strategy"].type == "ORG"  # an English word opening the sentence
    assert "MicroStrategy" in entities["Strategy"].aliases
    assert {f.subject for f in analysis.figures} == {"Strategy"}


def test_formerly_without_known_as(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="",
                                          text="Meta, formerly Facebook, dropped the project."))
    assert "Facebook" in {e.name: e for e in analysis.entities}["Meta"].aliases


def test_formerly_before_a_description_links_nothing(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="",
                                          text="Binance, formerly the largest exchange, fell."))
    assert [e.aliases for e in analysis.entities if e.name == "Binance"] == [()]
