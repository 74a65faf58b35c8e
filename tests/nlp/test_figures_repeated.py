"""A figure said again for the same subject (a headline restated in the body, a caption
repeated) is listed once; the same number for another subject or measure is kept."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _figures(analyzer: Analyzer, text: str) -> list[tuple[str | None, float, str]]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return [(f.subject, f.value, f.unit) for f in analysis.figures]


def test_a_repeated_sentence_lists_its_figure_once(analyzer: Analyzer) -> None:
    line = "The Central Bank of Kenya holds reserves of $7.2 billion."
    found = _figures(analyzer, f"{line}\n\nOfficials met on Monday.\n\n{line}")
    assert found.count(("Central Bank of Kenya", 7.2e9, "USD")) == 1


def test_the_same_number_for_two_subjects_is_kept_for_each(analyzer: Analyzer) -> None:
    found = _figures(analyzer, "Binance was fined $4 million by the regulator. "
                               "Kraken was fined $4 million by the same regulator.")
    assert {s for s, v, u in found if (v, u) == (4e6, "USD")} == {"Binance", "Kraken"}
