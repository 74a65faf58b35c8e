"""An article's figures say what they measure: a bare scaled number is left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn, Figure
from bot.nlp.analyzer import measured

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


def test_measured_needs_a_unit_a_count_or_a_measure() -> None:
    bare = Figure(value=2.8e6, unit="", text="2.8 million", sentence="", kind="quantity")
    assert not measured(bare)
    assert measured(Figure(value=2.8e6, unit="people", text="2.8 million people", sentence="",
                           kind="count"))
    assert measured(Figure(value=2e6, unit="", text="2 million", sentence="", kind="quantity",
                           measure="likes"))


@pytest.mark.spacy
def test_a_bare_scaled_number_is_not_an_articles_figure(analyzer: Analyzer) -> None:
    text = ("Officials in Tallinn said 2.8 million have applied so far. The scheme has paid "
            "out 3.1 million euros to 40,000 families.")
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    values = {(f.value, f.unit) for f in figures}
    assert (2.8e6, "") not in values
    assert (3.1e6, "EUR") in values
