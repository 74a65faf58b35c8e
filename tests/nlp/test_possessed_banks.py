"""A central bank written as "<country>'s National Bank" is that country's bank by its own
name, so two countries' central banks never become one "National Bank" entity."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from bot.nlp.possessed_banks import generic_bank

pytestmark = pytest.mark.spacy


def _entities(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: e.type for e in analysis.entities}


def test_two_countries_generic_bank_names_stay_apart(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "Kyrgyzstan's National Bank said the stablecoin would launch. "
                               "Uzbekistan's Central Bank disagreed.")
    assert ents.get("National Bank of Kyrgyzstan") == "ORG"
    assert ents.get("Central Bank of Uzbekistan") == "ORG"
    assert "National Bank" not in ents and "Central Bank" not in ents


def test_the_generic_name_later_in_the_article_is_the_same_bank(analyzer: Analyzer) -> None:
    text = ("Kazakhstan's National Bank plans to invest up to $300 million of its reserves in "
            "crypto. The National Bank said the fund would grow.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    banks = [e for e in analysis.entities if "Bank" in e.name]
    assert [(e.name, e.mentions) for e in banks] == [("National Bank of Kazakhstan", 2)]
    assert {(f.value, f.subject) for f in analysis.figures} == {
        (300_000_000.0, "National Bank of Kazakhstan")}


@pytest.mark.parametrize(("name", "generic"), [
    ("National Bank", True), ("Central Bank", True), ("Reserve Bank", True),
    ("Bank", False), ("National Bank of Kazakhstan", False), ("Equity Bank", False),
])
def test_generic_bank_names(name: str, generic: bool) -> None:
    assert generic_bank(name) is generic
