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


def test_the_central_bank_is_the_one_central_bank_named(analyzer: Analyzer) -> None:
    text = ("The Reserve Bank of India will start a pilot next month. In a statement, the "
            "central bank said four banks would take part.")
    assert ("central bank", "India") in roles_of(analyzer, text)["Reserve Bank of India"]


def test_central_bank_digital_currency_is_not_a_description(analyzer: Analyzer) -> None:
    text = ("The Reserve Bank of India will start a pilot. The central bank digital currency "
            "will be tested in four cities.")
    assert "Reserve Bank of India" not in roles_of(analyzer, text)


def test_established_as_a_regulator(analyzer: Analyzer) -> None:
    text = ("The law established VARA as the emirate's virtual assets regulator in 2022, and "
            "Dubai has licensed firms since.")
    roles = roles_of(analyzer, text)
    assert any(t == "virtual assets regulator" for t, _ in roles["VARA"])


def test_description_with_a_post_modifier(analyzer: Analyzer) -> None:
    text = "Circle, a global financial technology firm responsible for USDC, got a licence."
    roles = roles_of(analyzer, text)
    assert ("global financial technology firm", None) in next(
        r for n, r in roles.items() if "Circle" in n)


def test_the_ruling_party_is_the_countrys(analyzer: Analyzer) -> None:
    text = ("South Korea will tax crypto gains from 2025. South Korea's government and the "
            "ruling party, People Power Party, agreed on the delay.")
    roles = roles_of(analyzer, text)
    assert ("ruling party", "South Korea") in roles["People Power Party"]


def test_a_public_body_never_takes_a_persons_role(analyzer: Analyzer) -> None:
    text = ("Iran's Ministry of Energy, spokesperson for the government, said power cuts "
            "would end.")
    assert "Ministry of Energy" not in roles_of(analyzer, text)


def test_other_kinds_are_not_a_description(analyzer: Analyzer) -> None:
    text = "Workers at other departments such as the Australian Taxation Office got a day off."
    assert "Australian Taxation Office" not in roles_of(analyzer, text)


def test_the_company_is_not_a_regulator(analyzer: Analyzer) -> None:
    text = ("The Securities Commission fined Binance. The Securities Commission said Binance "
            "broke the rules, and Binance will appeal. As the company's CEO, Richard Teng "
            "will lead the appeal, the Securities Commission said.")
    assert ("CEO", "Binance") in roles_of(analyzer, text)["Richard Teng"]


def test_acronym_in_brackets_then_description(analyzer: Analyzer) -> None:
    text = ("Singapore's economy slowed. The Monetary Authority of Singapore (MAS), the "
            "city-state's central bank, tightened policy.")
    roles = roles_of(analyzer, text)["Monetary Authority of Singapore"]
    assert ("central bank", "Singapore") in roles


def test_the_apex_bank(analyzer: Analyzer) -> None:
    text = ("The Governor of the Central Bank of Nigeria said banks have joined and the apex "
            "bank has minted N500 million.")
    assert ("apex bank", "Nigeria") in roles_of(analyzer, text)["Central Bank of Nigeria"]


def test_the_regulator_is_the_one_regulator_named(analyzer: Analyzer) -> None:
    text = ("The Australian Securities and Investments Commission sued the exchange. The "
            "court sided with the country's corporate regulator on Tuesday.")
    roles = roles_of(analyzer, text)["Australian Securities and Investments Commission"]
    assert ("corporate regulator", "Australia") in roles


def test_the_regulator_with_two_regulators_named_is_no_ones(analyzer: Analyzer) -> None:
    text = ("The Securities and Exchange Commission and the Financial Conduct Authority met. "
            "The regulator said rules were coming.")
    roles = roles_of(analyzer, text)
    assert not any(t == "regulator" for r in roles.values() for t, _ in r)


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    ("Coinbase Europe, a unit of Coinbase, received a licence.", "Coinbase Europe", "unit",
     "Coinbase"),
    ("The Kenya Revenue Authority, the country's tax collector, proposed a levy.",
     "Kenya Revenue Authority", "tax collector", None),
])
def test_units_and_collectors_are_kinds_of_organisation(
        analyzer: Analyzer, text: str, name: str, role: str, org: str | None) -> None:
    found = roles_of(analyzer, text).get(name, set())
    assert any(t == role and (org is None or o == org) for t, o in found)


@pytest.mark.parametrize("text", [
    "Huobi is presently the fourth-largest crypto exchange in the world by trading volume.",
    "Huobi is the fourth-largest crypto exchange in the world.",
])
def test_an_untagged_firm_described_by_a_copula_is_that_kind(analyzer: Analyzer,
                                                             text: str) -> None:
    assert "crypto exchange" in {t for t, _ in roles_of(analyzer, text).get("Huobi", set())}


def test_the_thing_an_organisation_owns_names_the_kind(analyzer: Analyzer) -> None:
    text = "Paxos, the issuer of PayPal's stablecoin (PYUSD), minted tokens by mistake."
    assert ("stablecoin issuer", "PayPal") in roles_of(analyzer, text).get("Paxos", set())


@pytest.mark.parametrize(("text", "name"), [
    ("Jane Smith is no longer the chief executive of Acme Corp.", "Jane Smith"),
    ("Tom Jones was never the chairman of Barclays.", "Tom Jones"),
])
def test_a_negated_copula_states_no_role(analyzer: Analyzer, text: str, name: str) -> None:
    assert roles_of(analyzer, text).get(name, set()) == set()


def test_a_places_named_exchange_is_the_roles_organisation(analyzer: Analyzer) -> None:
    text = "Dunamu, the operator of South Korea's Upbit, reported profits."
    assert ("operator", "Upbit") in roles_of(analyzer, text).get("Dunamu", set())


@pytest.mark.parametrize("text", [
    "Singaporean group Bitdeer, one of the world's largest bitcoin miners, said it would grow.",
    "Bitdeer is one of the world's largest bitcoin miners.",
])
def test_a_rank_among_a_plural_kind_is_kept_as_written(analyzer: Analyzer, text: str) -> None:
    texts = {t for t, _ in roles_of(analyzer, text).get("Bitdeer", set())}
    assert "one of the world's largest bitcoin miners" in texts


@pytest.mark.parametrize(("text", "name", "role"), [
    ("A group called Veldar Alliance gave out phones.", "Veldar Alliance", "group"),
    ("The device was built by a hardware firm called RadioStudio.", "RadioStudio",
     "hardware firm"),
    ("A start-up named Zelta raised money.", "Zelta", "start-up"),
])
def test_a_kind_that_calls_the_name(analyzer: Analyzer, text: str, name: str,
                                    role: str) -> None:
    assert (role, None) in roles_of(analyzer, text)[name]


def test_a_verb_of_calling_is_no_description(analyzer: Analyzer) -> None:
    assert "Binance" not in roles_of(analyzer, "She called Binance on Monday.")
