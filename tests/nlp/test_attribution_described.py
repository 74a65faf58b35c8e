"""The article's main subject, on sentences written for the rule (not taken from any
article)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.nlp.figure_helpers import subject_of

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


def test_a_short_name_inside_a_title_word_is_not_in_the_title(analyzer: Analyzer) -> None:
    title = "How the mining industry is being tamed"
    text = ("The US has banned some miners. Kazakhstan plans to ration power to miners. "
            "Kazakhstan expects shortages. Demand is expected to top 9,000 MW next week.")
    assert subject_of(analyzer, text, "9,000 MW", title=title) == "Kazakhstan"


@pytest.mark.parametrize(("text", "figure", "subject"), [
    # the parse gives "signed" two subjects ("utility", "ANDE"): the name, not the possessor
    ("Paraguay's state utility ANDE signed a deal to supply 100 MW to a Bitcoin miner.",
     "100 MW", "ANDE"),
    # a broken parse makes "regulator" the root: the name right after it still owns the count
    ("Argentina's securities regulator CNV registered 70 virtual asset providers.",
     "70 virtual asset providers", "CNV"),
])
def test_the_organisation_named_after_its_description(analyzer: Analyzer, text: str,
                                                       figure: str, subject: str) -> None:
    assert subject_of(analyzer, text, figure) == subject


def test_an_unnamed_body_of_a_country_is_still_the_countrys(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "Uruguay's state utility will sell 80 MW to a data centre.",
                      "80 MW") == "Uruguay"
