"""Currencies beyond USD/EUR, read from CLDR data: codes, home-locale symbols, English names and
home-language plurals; ambiguous signs resolved by the article's countries; weak forms ("R",
"RM", "TOP") only with evidence."""

from __future__ import annotations

import pytest

from bot.nlp.cldr_build import TARGET as CURRENCY_FILE
from bot.nlp.cldr_build import render
from bot.nlp.figures import find_figures
from bot.nlp.places import countries_named, currency_countries

AMOUNTS = [  # text, countries, value, unit
    ("The state set aside N62 million for the clinics.", (), 62e6, "NGN"),
    ("The agency lent ₦200 million to traders.", (), 2e8, "NGN"),
    ("The ministry spent RM 457 million on bridges.", (), 457e6, "MYR"),
    ("The budget gives RM5bn to rural roads.", (), 5e9, "MYR"),
    ("Farmers got R$ 3 billion in credit.", (), 3e9, "BRL"),
    ("The dam cost 2.5 billion reais to build.", (), 2.5e9, "BRL"),
    ("The fine was 10 million guaranies.", (), 1e7, "PYG"),
    ("The fund holds 300 billion tenge.", (), 3e11, "KZT"),
    ("Chipmakers get 3 trillion won in aid.", (), 3e12, "KRW"),
    ("A ticket costs 500 baht at the gate.", (), 500, "THB"),
    ("Exports reached 40 billion yuan.", (), 4e10, "CNY"),
    ("A loaf now costs 15 lira.", (), 15, "TRY"),
    ("The permit costs 50 dirhams.", (), 50, "AED"),
    ("The grant was R1.86 million.", (), 1.86e6, "ZAR"),
    ("The county spent KSh 5 billion on water.", (), 5e9, "KES"),
    ("The tower cost HK$2.1 billion.", (), 2.1e9, "HKD"),
    ("The island raised J$800 million in bonds.", (), 8e8, "JMD"),
    ("Losses hit 53bn roubles.", (), 53e9, "RUB"),
    ("The bank holds 700 million Kenyan shillings.", (), 7e8, "KES"),
    ("The lender booked 12 billion South African rand.", (), 1.2e10, "ZAR"),
    ("It costs ₸5,000 a month.", (), 5000, "KZT"),
    ("The state will spend Rs 33,200 crore on roads.", (), 3.32e11, "PKR"),
    ("The state will spend Rs 33,200 crore on roads.", ("IN",), 3.32e11, "INR"),
    ("The exchange paid 188.2 million rupees.", ("IN", "US"), 188.2e6, "INR"),
    ("The exchange paid 188.2 million rupees.", ("LK",), 188.2e6, "LKR"),
    ("The state spent $33 billion on care.", ("AU",), 33e9, "AUD"),
    ("The state spent $33 billion on care.", ("US", "AU"), 33e9, "USD"),
    ("The state spent $33 billion on care.", ("AR",), 33e9, "USD"),  # pesos are not dollars
    ("Output was worth ¥500 billion.", (), 5e11, "JPY"),
    ("Output was worth ¥500 billion.", ("CN",), 5e11, "CNY"),
    ("Savers hold kr 500 million.", (), 5e8, "SEK"),
    ("Savers hold kr 500 million.", ("NO",), 5e8, "NOK"),
    ("A meal costs RM50 in the capital.", ("MY",), 50, "MYR"),
    ("Seoul charges a 5,000 won fee.", ("KR",), 5000, "KRW"),
    ("The import duty is SAR 500.", ("SA",), 500, "SAR"),
    ("Bitcoin broke the $100 000 mark.", (), 1e5, "USD"),  # thousands grouped by spaces
    ("The state paid 3,600 bolívares a month.", ("VE",), 3600, "VES"),  # accents kept
    ("Miners paid 5 billion guaranies in fees.", ("PY",), 5e9, "PYG"),  # or dropped
    ("The fine was 5 million colónes.", ("CR",), 5e6, "CRC"),
    # a mixed-case symbol in capitals ("MTN" for "MTn") is the firm, unless its country is named
    ("Regulators fined MTN 500 million shillings.", ("UG",), 5e8, "UGX"),
    ("The bank lent MTN 300 million to farmers.", ("MZ",), 3e8, "MZN"),
    ("The treasury raised KSH 50 billion.", ("KE",), 5e10, "KES"),
]


@pytest.mark.parametrize(("text", "countries", "value", "unit"), AMOUNTS)
def test_currency(text: str, countries: tuple[str, ...], value: float, unit: str) -> None:
    (fig,) = find_figures(text, countries=countries)
    assert (fig.value, fig.unit, fig.kind) == (pytest.approx(value), unit, "money")


@pytest.mark.parametrize("text", [
    "The G7 met after the Q3 results.",  # one letter without a scale or digit groups
    "They won the match and took the R2 trophy.",
    "Our TOP 10 exchanges list.",
    "Delegates at COP 28 talked.",
    "There are 2 real problems here.",  # names that are English words need more
    "A meal costs RM50 in the capital.",  # two letters without a country that uses them
    "The 2015 UAH career fair drew students.",
    "Regulators fined MTN 500 million.",  # the telecoms firm, not the metical
])
def test_weak_forms_are_not_money(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "money"] == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The peso traded at 1,400 pesos to the dollar.", 1400, "ARS/USD"),
    ("The rate was 1,600 naira per US dollar.", 1600, "NGN/USD"),
    ("It sent $5 million to the euro zone.", 5e6, "USD"),  # a place, not a rate
    ("Argentina's peso fell to 1,400 per dollar.", 1400, "ARS/USD"),
])
def test_exchange_rate(text: str, value: float, unit: str) -> None:
    (fig,) = find_figures(text, countries=("AR", "NG"))
    assert (fig.value, fig.unit) == (value, unit)


def test_country_hint_from_entities() -> None:
    ents = [("Reserve Bank of India", "ORG"), ("Indian", "NORP"), ("Pakistan", "GPE"),
            ("India", "GPE"), ("Reuters", "ORG")]
    assert countries_named(ents) == ("IN", "PK")


def test_bare_dollar_is_us_when_the_local_dollar_is_named() -> None:
    text = "A court fined the firm 8 million Australian dollars ($5.1 million)."
    countries = currency_countries(text, [("Australia", "GPE")])
    assert countries[0] == "US"
    figs = find_figures(text, countries=countries)
    assert [(f.value, f.unit) for f in figs] == [(8e6, "AUD"), (5.1e6, "USD")]


def test_currency_data_is_what_babel_gives() -> None:
    """currencies.json is generated (python -m bot.nlp.cldr_build --write), never edited."""
    assert CURRENCY_FILE.read_text(encoding="utf-8") == render()


@pytest.mark.parametrize(("ents", "first"), [
    ([("ASIC", "ORG"), ("Bit Trade", "ORG")], "AU"),  # a regulator names its country
    ([("Federal Reserve", "ORG"), ("Canada", "GPE")], "US"),  # ties: first named first
    ([("Texas", "GPE"), ("Texas", "GPE"), ("Canada", "GPE")], "US"),  # a state, its country
    ([("Wall Street", "LOC"), ("Nasdaq", "ORG"), ("Canada", "GPE")], "US"),  # its markets
])
def test_bodies_states_and_markets_name_their_country(ents: list[tuple[str, str]],
                                                      first: str) -> None:
    assert countries_named(ents)[0] == first


def test_markets_the_model_leaves_untagged_still_name_their_country() -> None:
    text = ("Wall Street predicted $2.52 a share. The shares beat the Dow Jones Industrial "
            "Average, though Canada was a headwind.")
    countries = currency_countries(text, [("Canada", "GPE")])
    assert countries[0] == "US"
    assert [f.unit for f in find_figures(text, countries=countries)][:1] == ["USD/share"]
