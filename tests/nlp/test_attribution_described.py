"""The article's main subject, on sentences written for the rule (not taken from any
article)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.nlp.figure_helpers import subject_of

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


def test_a_short_name_inside_a_title_word_is_not_in_the_title(analyzer: Analyzer) -> None:
    title = "How the mining industry is being tamed"
    text = ("The US has banned some miners. Kazakhstan plans to ration power to miners. "
            "Kazakhstan expects shortages. Demand is expected to top 9,000 MW next week.")
    assert subject_of(analyzer, text, "9,000 MW", title=title) == "Kazakhstan"
