"""Summaries with the real parse: verbless lines, imperatives and captions are never quoted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.fragments import parse_fragment

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _flag(analyzer: Analyzer, sentence: str) -> bool:
    doc = analyzer.nlp(sentence)
    return parse_fragment(next(iter(doc.sents)))


@pytest.mark.parametrize("sentence", [
    "Capitol dome detail with a waving flag.",
    "Protesters outside the central bank building in the capital.",
    "Edited by Jane Doe.",
    "Start every morning with our briefing on crypto policy.",
    "Get started with the wallet app on your phone today.",
    "Don't miss the full interview with the governor on our channel.",
    "Taking the number of approved licences in the country to 300.",
    "A trader walks past a screen showing coin prices in the city on Monday.",
    "Finance Minister Jane Roe speaks during the launch of the digital currency in the capital.",
])
def test_parse_fragments(analyzer: Analyzer, sentence: str) -> None:
    assert _flag(analyzer, sentence)


@pytest.mark.parametrize("sentence", [
    "The central bank raised its key rate by half a point on Thursday.",
    "The minister was upbeat, but said the reserve would grow slowly.",
    "Speaking at the summit, the minister said the country would buy more coins.",
    "According to the regulator, 49 exchanges registered during the year.",
    "The decision arrives at a time when miners face higher power prices.",
    "Inflation stands at 3 percent, the statistics office said.",
    "Do investors still trust the exchange after the fine?",
])
def test_parse_statements(analyzer: Analyzer, sentence: str) -> None:
    assert not _flag(analyzer, sentence)


TEXT = """Lawmakers Approve A Stablecoin Law After A Long Debate In The Senate

Capitol dome detail with a waving flag.
Editorial credit: Jane Doe / Example Images

The senate approved a law on Tuesday that sets reserve rules for issuers of stablecoins.

Issuers must hold one dollar in cash or short-term bonds for every coin in circulation.

The law now goes to the lower house, where a vote is expected next month.

Subscribe to our newsletter for daily updates on crypto policy.

The post Lawmakers Approve A Stablecoin Law appeared first on Example News.
"""


def test_article_summary_skips_caption_credit_and_boilerplate(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Stablecoin law", text=TEXT))
    assert analysis.summary == (
        "The senate approved a law on Tuesday that sets reserve rules for issuers of stablecoins.",
        "Issuers must hold one dollar in cash or short-term bonds for every coin in circulation.",
        "The law now goes to the lower house, where a vote is expected next month.",
    )
    assert "Capitol dome" not in analysis.clean_text
    assert "appeared first on" not in analysis.clean_text
