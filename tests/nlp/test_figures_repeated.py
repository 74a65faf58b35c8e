"""A figure said again for the same subject (a headline restated in the body, a caption
repeated) is listed once; the same number for another subject or measure is kept."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn, Figure
from bot.nlp.analyzer import Analyzer, distinct_figures


def _figures(analyzer: Analyzer, text: str) -> list[tuple[str | None, float, str]]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return [(f.subject, f.value, f.unit) for f in analysis.figures]


@pytest.mark.spacy
def test_a_repeated_sentence_lists_its_figure_once(analyzer: Analyzer) -> None:
    line = "The Central Bank of Kenya holds reserves of $7.2 billion."
    found = _figures(analyzer, f"{line}\n\nOfficials met on Monday.\n\n{line}")
    assert found.count(("Central Bank of Kenya", 7.2e9, "USD")) == 1


@pytest.mark.spacy
def test_the_same_number_for_two_subjects_is_kept_for_each(analyzer: Analyzer) -> None:
    found = _figures(analyzer, "Binance was fined $4 million by the regulator. "
                               "Kraken was fined $4 million by the same regulator.")
    assert {s for s, v, u in found if (v, u) == (4e6, "USD")} == {"Binance", "Kraken"}


def _fine(sentence: str, qualifier: str | None = None) -> Figure:
    return Figure(value=4e6, unit="USD", text="$4 million", sentence=sentence, kind="money",
                  qualifier=qualifier, subject="Binance", measure="fine")


def test_a_restated_figure_is_listed_once() -> None:
    kept = distinct_figures([_fine("Binance was fined $4 million."),
                             _fine("The $4 million fine was the largest this year.")])
    assert [f.sentence for f in kept] == ["Binance was fined $4 million."]


def test_a_figure_said_of_a_new_event_is_kept() -> None:
    kept = distinct_figures([_fine("Binance was fined $4 million in March."),
                             _fine("In June it was fined another $4 million.")])
    assert len(kept) == 2


def test_the_same_figure_in_other_years_is_kept() -> None:
    kept = distinct_figures([_fine("Binance paid a $4 million fine in 2023."),
                             _fine("Binance paid a $4 million fine in 2025 as well.")])
    assert len(kept) == 2


def test_a_repeat_sharing_a_year_is_merged() -> None:
    kept = distinct_figures([_fine("In 2024 Binance was fined $4 million."),
                             _fine("The 2024 fine of $4 million, in 2025 terms, stands.")])
    assert len(kept) == 1


def test_an_up_to_figure_and_a_plain_one_are_two() -> None:
    kept = distinct_figures([_fine("Binance could be fined up to $4 million.", "up to"),
                             _fine("Binance was fined $4 million.")])
    assert [f.qualifier for f in kept] == ["up to", None]


def test_the_same_sentence_again_is_merged_even_with_a_cue() -> None:
    line = "Binance was fined another $4 million."
    assert len(distinct_figures([_fine(line), _fine(line)])) == 1
