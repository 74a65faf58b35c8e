"""Organisations' descriptions are kept as their roles, with the org they belong to."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_the_countrys_central_bank(analyzer: Analyzer) -> None:
    text = ("In October, Nigeria launched its digital currency. The Central Bank of Nigeria, "
            "the country's central bank, said millions had been minted.")
    roles = roles_of(analyzer, text)["Central Bank of Nigeria"]
    assert ("central bank", "Nigeria") in roles


def test_operator_of_a_named_exchange(analyzer: Analyzer) -> None:
    text = "Bit Trade Pty Ltd, the operator of exchange Kraken, was fined by the court."
    assert ("operator", "Kraken") in roles_of(analyzer, text)["Bit Trade Pty Ltd"]


def test_operates_clause(analyzer: Analyzer) -> None:
    text = "Bit Trade Pty Ltd, which operates Kraken, was fined by the court."
    assert ("operator", "Kraken") in roles_of(analyzer, text)["Bit Trade Pty Ltd"]


def test_ranking_words_are_left_out(analyzer: Analyzer) -> None:
    text = "Binance, the world's largest crypto exchange, agreed to pay the fine."
    assert ("crypto exchange", None) in roles_of(analyzer, text)["Binance"]


def test_regulator_of_a_country(analyzer: Analyzer) -> None:
    text = "The FCA, the UK's financial regulator, fined the bank on Tuesday."
    roles = roles_of(analyzer, text)
    assert ("financial regulator", "United Kingdom") in roles["FCA"]


def test_local_means_the_country_of_the_story(analyzer: Analyzer) -> None:
    text = ("Nigeria licensed two exchanges this year. Nigeria's regulator said Quidax "
            "Technologies, a local crypto exchange, met every condition.")
    roles = roles_of(analyzer, text)["Quidax Technologies"]
    assert ("local crypto exchange", "Nigeria") in roles


def test_description_before_the_name(analyzer: Analyzer) -> None:
    text = ("The unit said crypto exchange KuCoin registered in March, and Russian state "
            "news agency TASS reported the deal.")
    roles = roles_of(analyzer, text)
    assert ("crypto exchange", None) in roles["KuCoin"]
    assert ("state news agency", "Russia") in roles["TASS"]


def test_place_of_business_is_not_the_org(analyzer: Analyzer) -> None:
    text = "The court fined United States-based cryptocurrency exchange Kraken on Monday."
    assert roles_of(analyzer, text)["Kraken"] == {("cryptocurrency exchange", None)}


def test_a_plural_description_before_a_list(analyzer: Analyzer) -> None:
    text = ("Nigeria's regulator licensed two exchanges. It named the two local crypto "
            "exchanges, Busha Digital and Quidax Technologies, in a statement.")
    roles = roles_of(analyzer, text)
    assert ("local crypto exchange", "Nigeria") in roles["Quidax Technologies"]
    assert ("local crypto exchange", "Nigeria") in roles["Busha Digital"]


def test_its_points_to_the_coordinated_organisation(analyzer: Analyzer) -> None:
    text = ("The regulator fined the exchange, which paid 10 million dirhams, and reprimanded "
            "Huobi and its founder Leon Li.")
    assert ("founder", "Huobi") in roles_of(analyzer, text)["Leon Li"]
