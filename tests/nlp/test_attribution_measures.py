"""Taxes, rates and laws own no figures; a currency stands for the country that issues it; an
asset's unit price goes to the asset; a named payer keeps what it pays. Sentences written for
these rules, with made-up places and firms where the rule does not depend on the name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.nlp.figure_helpers import subject_of

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "figure", "owner"), [
    ("The United Kingdom raised taxes again. VAT rose to 20% in 2011.", "20%",
     "United Kingdom"),
    ("Kenya's parliament approved the bill. The Digital Asset Tax was cut to 1.5% from 3%.",
     "1.5%", "Kenya"),
])
def test_a_tax_or_rate_named_as_subject_is_the_measure_not_the_owner(
        analyzer: Analyzer, text: str, figure: str, owner: str) -> None:
    assert subject_of(analyzer, text, figure) == owner


def test_a_law_that_sets_a_levy_gives_it_to_the_country(analyzer: Analyzer) -> None:
    text = "Nigeria passed new tax rules. The Finance Act sets a 10% tax on crypto gains."
    assert subject_of(analyzer, text, "10%") == "Nigeria"


def test_a_currency_as_subject_stands_for_its_issuing_country(analyzer: Analyzer) -> None:
    text = ("Nigeria's currency is under pressure. The naira weakened to 1,600 per dollar, "
            "according to Investing.com.")
    assert subject_of(analyzer, text, "1,600") == "Nigeria"


def test_a_currency_word_that_is_also_english_is_not_a_country(analyzer: Analyzer) -> None:
    text = ("South Korea opened a crypto desk. Kestrel Estates sold real estate worth "
            "$3 million in Seoul.")
    assert subject_of(analyzer, text, "$3 million") != "Brazil"


@pytest.mark.parametrize(("text", "figure"), [
    ("El Salvador began buying bitcoin when BTC was around $45,000.", "$45,000"),
    ("Bhutan holds 12,000 bitcoins worth $1.2 billion, with each coin worth about $100,000.",
     "$100,000"),
])
def test_a_coins_own_price_goes_to_the_coin(analyzer: Analyzer, text: str, figure: str) -> None:
    assert subject_of(analyzer, text, figure) == "Bitcoin"


def test_a_holding_worth_a_sum_stays_with_the_holder(analyzer: Analyzer) -> None:
    text = "Bhutan holds 12,000 bitcoins worth $1.2 billion, with each coin worth about $100,000."
    assert subject_of(analyzer, text, "$1.2 billion") == "Bhutan"


def test_a_named_payer_keeps_what_it_pays(analyzer: Analyzer) -> None:
    text = ("Block Inc, the parent company of Cash App, agreed to pay $40 million to New York "
            "regulators.")
    assert subject_of(analyzer, text, "$40 million") == "Block Inc"


@pytest.mark.parametrize(("text", "figure"), [
    ("Iran hosts many miners. The Bitcoin network consumes about 150 terawatt-hours a year.",
     "150 terawatt-hours"),
    ("Kazakhstan hosts many miners. Bitcoin's hashrate reached 600 exahashes per second.",
     "600 exahashes"),
    ("Russia hosts many miners. The annual power use of the Bitcoin network was put at 129 "
     "terawatt-hours.", "129 terawatt-hours"),
])
def test_a_figure_of_the_assets_network_is_the_assets(analyzer: Analyzer, text: str,
                                                       figure: str) -> None:
    assert subject_of(analyzer, text, figure) == "Bitcoin"


def test_mining_in_a_country_stays_the_countrys(analyzer: Analyzer) -> None:
    text = "Norway hosts many miners. Bitcoin mining in Norway uses 0.5% of its electricity."
    assert subject_of(analyzer, text, "0.5%") == "Norway"


def test_a_sellers_loss_is_no_price_of_what_it_sold(analyzer: Analyzer) -> None:
    text = ("Orvane Capital sold 2,500 BTC at an average price of $84,000, realising a $50 "
            "million loss.")
    assert subject_of(analyzer, text, "$84,000") == "Bitcoin"
    assert subject_of(analyzer, text, "$50 million") != "Bitcoin"


def test_a_price_verb_after_a_price_verb_still_quotes_the_coin(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "Bitcoin rose 5%, hitting $100,000 on Monday.",
                      "$100,000") == "Bitcoin"


def test_what_holdings_are_held_in_is_not_their_holder(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "Tether holds $120 billion in US Treasuries.",
                      "$120 billion") == "Tether"


def test_an_amount_in_a_place_is_still_the_places(analyzer: Analyzer) -> None:
    assert subject_of(analyzer, "Inflation cost $5 billion in Nigeria.", "$5 billion") == "Nigeria"
