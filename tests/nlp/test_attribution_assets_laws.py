"""Whose a figure is when the sentence names it only by a description or a pronoun: "the
token", "it" for the asset just named, "the bill" for the law, "the Treasury" with no
country to stand for. Sentences of our own."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.nlp.figure_helpers import subject_of

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


@pytest.mark.parametrize(("text", "figure", "subject"), [
    # the tagger reads "token" as an adjective here; "gain" is a verb of price
    ("Bitcoin rose 3% to $97,000 on Friday after the Senate vote. The token has gained 30% "
     "this year.", "30%", "Bitcoin"),
    ("Bitcoin fell 2% on Monday. The cryptocurrency has lost 12% this month.", "12%",
     "Bitcoin"),
    # "it": the last singular subject before it, people and plurals left out
    ("Bitcoin rose 3% on Friday. Analysts at Bernstein expect it to reach $200,000 by the end "
     "of 2025.", "$200,000", "Bitcoin"),
])
def test_a_described_or_pronoun_asset_owns_its_price(analyzer: Analyzer, text: str,
                                                     figure: str, subject: str) -> None:
    assert subject_of(analyzer, text, figure) == subject


def test_it_after_a_country_is_not_the_asset(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "El Salvador bought bitcoin. It has lost $20 million on its "
                                "holdings.", "$20 million") == "El Salvador"


def test_the_bill_owns_its_count_of_co_sponsors(analyzer: Analyzer) -> None:
    text = "Senator Tim Scott introduced the CLARITY Act in May. The bill has 18 co-sponsors."
    assert subject_of(analyzer, text, "18 co-sponsors") == "CLARITY Act"


def test_a_law_still_owns_no_rate_it_sets(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "India's Income Tax Act imposes a 30% levy on crypto gains.",
                      "30%") == "India"


def test_the_treasury_with_no_country_to_stand_for_is_itself(analyzer: Analyzer) -> None:
    text = ("Senator Cynthia Lummis of Wyoming reintroduced the BITCOIN Act, which would have "
            "the Treasury buy 1 million BTC over five years.")
    assert subject_of(analyzer, text, "1 million BTC") == "Treasury"


def test_money_spent_on_an_asset_is_the_buyers(analyzer: Analyzer) -> None:
    text = ("Texas Comptroller Kelly Hancock said the state had bought $5 million of "
            "BlackRock's IBIT.")
    assert subject_of(analyzer, text, "$5 million") == "Texas"


def test_a_stake_in_a_firm_is_still_the_holders(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "Tether holds shares in Juventus worth $100 million.",
                      "$100 million") == "Tether"
