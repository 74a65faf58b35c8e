"""Seeded random text made of the pieces that have broken the readers before (zero and
unbounded numbers, fractions, price lists, mojibake, glued names, titles): nothing raises,
every figure is finite and lies inside its text."""

from __future__ import annotations

import math
import random

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from bot.nlp.figures import find_figures

_FIGURE_WORDS = [
    "0", "1", "0.0", "-0", "1e308", "1e-308", "10^", "^", "400", "9" * 30, "/", "0/0", "1/0",
    "%", "per", "cent", "$", "£", "€", "¥", "Rs", "N", "RM", "HK$", "C$", "million", "billion",
    "bn", "m", "k", "crore", "lakh", "trillion", "MW", "GW", "BTC", "sats", "kWh", "a", "hour",
    "vote", "share", "-", "–", "to", "and", "between", "from", "of", "out", "in", "one", "zero",
    "half", "third", "quarter", "dozen", "percent", "basis", "points", "x", "×", "(", ")",
    ",", ".", ";", ":", "p", "US", "cents", "US$", "A$", "¢", "0p", "1,000", "½", "⅓", "−",
]
_ARTICLE_WORDS = [
    "Kenya", "Japan", "the", "central", "bank", "Governor", "Jane", "Doe", "said", "rose",
    "fell", "$5", "0%", "1/0", "10^400", "Acme", "Inc.", ",", "(", ")", '"', "'s", "State",
    "of", "New", "York", "Senator", "CEO", "who", "is", "company", "its", "it", "she",
    "million", "0p", "per", "vote", "Digital", "-", "Tharp-", "Funeral", "Home", "as", "took",
    "over", "joined", "Mayor", "magazine", "Â£5", "â€™", "\n", "\n\n", ".", "Rs", "crore",
    "liquidity", "GDP", "state", "treasurers", "Wall", "Street", "ASIC", "UK", "Sport", "Rod",
    "Carr", "NYSE:", "HD", ":", ";", "—", "BTC", "MW", "1,000", "two", "thousand", "\ud800",
]


def test_random_figure_text_never_raises_and_every_figure_is_finite() -> None:
    rng = random.Random(20261207)
    for _ in range(5_000):
        text = " ".join(rng.choice(_FIGURE_WORDS) for _ in range(rng.randint(1, 14)))
        for fig in find_figures(text, countries=("US", "IN", "NG")):
            assert math.isfinite(fig.value), text
            assert 0 <= fig.start < fig.end <= len(text), text


@pytest.mark.spacy
@pytest.mark.slow
def test_random_articles_are_understood(analyzer: Analyzer) -> None:
    rng = random.Random(20261207)
    for _ in range(150):
        text = " ".join(rng.choice(_ARTICLE_WORDS) for _ in range(rng.randint(5, 120)))
        title = " ".join(rng.choice(_ARTICLE_WORDS) for _ in range(5))
        analysis = analyzer.analyze(ArticleIn(url=None, title=title, text=text))
        assert all(math.isfinite(f.value) for f in analysis.figures), text
        assert "\ud800" not in analysis.clean_text
