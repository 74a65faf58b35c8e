"""Hostile article text is read within bounds: length, repeated marks, giant tokens, run-ons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.bounds import (
    MAX_FIGURES_PER_SENTENCE,
    MAX_RUN,
    MAX_SENTENCE_TOKENS,
    MAX_TEXT_CHARS,
    MAX_TOKEN_CHARS,
    MAX_WORDS,
    bound_text,
)

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


def test_ordinary_prose_is_unchanged() -> None:
    text = "Pakistan set aside 2,000 MW... for mining (see https://example.org/a?b=1).\nNext."
    assert bound_text(text) == text


def test_runs_long_tokens_and_length_are_cut() -> None:
    assert bound_text('"' * 50_000) == '"' * MAX_RUN
    assert bound_text("a" * 30_000 + " 5%") == "a" * MAX_TOKEN_CHARS + " 5%"
    long = bound_text("Pakistan holds 5% more.\n" * 10_000)
    assert len(long) <= MAX_TEXT_CHARS and long.endswith("more.")
    many = bound_text("1 " * 50_000)
    assert len(many.split()) == MAX_WORDS


@pytest.mark.spacy
@pytest.mark.parametrize("text", [
    '"' * 40_000, "." * 40_000, "1% " * 6_000, "- " * 30_000,
    "Bitcoin reserve grew 5% in Pakistan. " * 40_000,  # 1.5 MB: past spaCy's own limit
    "Â£5 â€™" * 60_000,  # mojibake marks everywhere: the charset repair sees all of them
    " ".join(f"Digital sales in Japan rose {i}%." for i in range(1_500)),  # a figure a line
    " ".join(f"The Asset Authority{i} (AA{i}) fined Acme $5 million." for i in range(1_000)),
    " ".join(f"Voters paid {i % 3}p per vote, the Tories 79p." for i in range(1_000)),  # 0p
], ids=["quotes", "dots", "percent-run", "dashes", "over-spacy-limit", "mojibake",
        "named-figures", "many-names", "free-prices"])
@pytest.mark.slow
def test_hostile_articles_are_understood_within_bounds(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="t", text=text))
    assert len(analysis.clean_text) <= MAX_TEXT_CHARS
    assert all(len(s.split()) <= MAX_SENTENCE_TOKENS for s in analysis.sentences)
    assert len(analysis.figures) <= len(analysis.sentences) * MAX_FIGURES_PER_SENTENCE
