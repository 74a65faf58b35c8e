"""Money figures: signs after the amount, codes in any case, country dollars, the M-prefix
finance shorthand, main + minor units, fractional and South Asian scales, and what must not
change (years, labels, phone numbers, tallies, "$" before the next amount)."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.figures import find_figures

ONE_AMOUNT = [  # text, value, unit, kind
    # signs after (or glued to) the number
    ("The visa fee is now 60 € per applicant.", 60, "EUR", "money"),
    ("Tickets went for 25 $ at the gate.", 25, "USD", "money"),
    ("A room costs 450₾ a night in Tbilisi.", 450, "GEL", "money"),
    ("The daily fine is 2,000 ₡ for each truck.", 2000, "CRC", "money"),
    ("Rice sold at 8元 a kilo in the market.", 8, "CNY/kg", "money"),
    ("Each village got 250,000 ₭ from the fund.", 250000, "LAK", "money"),
    ("Vendors were asked for 1,500 ரூ per stall.", 1500, "LKR", "money"),
    ("The protocol caps supply at ₿21,000,000 forever.", 21e6, "BTC", "crypto"),
    # ISO codes and names in lower case, before or after
    ("Exporters were paid 30 rmb a crate.", 30, "CNY", "money"),
    ("They settled for usd 45 each.", 45, "USD", "money"),
    ("The card now costs 12 usd.", 12, "USD", "money"),
    ("The shop kept 900 chinese yuan in cash.", 900, "CNY", "money"),
    # country dollars
    ("The subsidy is aud$ 40 a month.", 40, "AUD", "money"),
    ("A permit costs mxn$ 300 in the state.", 300, "MXN", "money"),
    ("The levy rose to nzd$12 per tonne.", 12, "NZD/t", "money"),  # a price per unit
    ("The ministry set aside Mex$ 4 million for roads.", 4e6, "MXN", "money"),
    ("Miners paid C$ 2 million in fees.", 2e6, "CAD", "money"),
    # scale after the code, and the M-prefix shorthand (millions)
    ("Losses reached 90 USD million last year.", 9e7, "USD", "money"),
    ("Turnover was 45 MEUR in the period.", 45e6, "EUR", "money"),
    ("The buyer paid MGBP 12.5 upfront.", 12.5e6, "GBP", "money"),
    ("The startup raised twelve MUSD from investors.", 12e6, "USD", "money"),
    # currency word before the number
    ("The tender starts at dollar 3.5 million.", 3.5e6, "USD", "money"),
    # main + minor unit
    ("The book costs 4 dollars 75 cents.", 4.75, "USD", "money"),
    ("A meal is twelve dollars and twenty-five cents.", 12.25, "USD", "money"),
    ("A stamp costs 2 pounds 40 pence.", 2.40, "GBP", "money"),
    ("The toll is 6 dollars 20.", 6.2, "USD", "money"),
    ("Parking went up to 9 euros and 80.", 9.8, "EUR", "money"),
    ("The monthly fee will be 21 USD 40.", 21.4, "USD", "money"),
    ("It was priced at eleven dollars thirty five", 11.35, "USD", "money"),
    # fractional scales
    ("The plot sold for half million usd.", 5e5, "USD", "money"),
    ("Donors gave a quarter of a million dollars.", 2.5e5, "USD", "money"),
    ("It cost quarter million us dollars to build.", 2.5e5, "USD", "money"),
    ("The council paid half a million euros.", 5e5, "EUR", "money"),
    ("They bought a half-million-dollar flat.", 5e5, "USD", "money"),
    # South Asian scales and digit grouping
    ("The province approved Rs 5 crore for schools.", 5e7, "PKR", "money"),
    ("Each family will get 35 lakh rupees in aid.", 3.5e6, "PKR", "money"),
    ("The board cleared PKR 1.2 crore on Monday.", 1.2e7, "PKR", "money"),
    ("The scheme costs ₹ 40 lakh a year.", 4e6, "INR", "money"),
    ("The contract is worth Rs 12 cr.", 1.2e8, "PKR", "money"),
    ("The fine was Rs 3 lac for the shop.", 3e5, "PKR", "money"),
    ("He declared assets of 12,34,567.50 rupees.", 1234567.5, "PKR", "money"),
    ("The hospital cost Rs 1,25,00,000 to build.", 1.25e7, "PKR", "money"),
    ("The budget set aside ₹ 2.5 lakh crore for roads.", 2.5e12, "INR", "money"),
    ("Tax revenue reached three lakh crore rupees.", 3e12, "PKR", "money"),
    ("The fund lost three quarters of a million dollars.", 7.5e5, "USD", "money"),
    # pence glued to the number, alone or as a price per unit
    ("Shares closed at 179.1p on Friday.", 1.791, "GBP", "money"),
    ("The bidder offered about 167p a share.", 1.67, "GBP/share", "money"),
    ("Fuel rose 2p per litre.", 0.02, "GBP/L", "money"),
    ("The suitor offered 175p-a-share in cash.", 1.75, "GBP/share", "money"),  # hyphenated
    ("It paid a $1.50-a-share dividend.", 1.5, "USD/share", "money"),
]


@pytest.mark.parametrize(("text", "value", "unit", "kind"), ONE_AMOUNT)
def test_one_amount(text: str, value: float, unit: str, kind: str) -> None:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    fig = figures[0]
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.kind) == (unit, kind)


@pytest.mark.parametrize(("text", "expected"), [
    ("Coins come as 1 €, 2 € and 5 €.", [(1, "EUR"), (2, "EUR"), (5, "EUR")]),
    ("It was 20 $ here and 25 $ there.", [(20, "USD"), (25, "USD")]),
    ("Prices were 10 $ 30 $ at the stalls.", [(10, "USD"), (30, "USD")]),
    ("A coffee is 3 $ 40 cent now.", [(3.4, "USD")]),
    ("The swap was rmb 70 for usd 10.", [(70, "CNY"), (10, "USD")]),
    ("The trade was 70 rmb 10 usd.", [(70, "CNY"), (10, "USD")]),
    ("The rate was rmb 70 usd 10 last week.", [(70, "CNY"), (10, "USD")]),
    ("The bill was 35 dollar 10 rmb in all.", [(35, "USD"), (10, "CNY")]),
    ("In 2021 $4 billion left the country.", [(4e9, "USD")]),
    ("In 2019 € 300 million was paid.", [(3e8, "EUR")]),
    ("The three $20 notes were fake.", [(20, "USD")]),
    ("He paid a $5 fee at the door.", [(5, "USD")]),
    ("Call 021 555 0142 about the Rs 500 fee.", [(500, "PKR")]),
    ("Call +92-51-920-1234 about the Rs 500 fee.", [(500, "PKR")]),
    ("The desk is on 202.555.0147 for the $40 refund.", [(40, "USD")]),
    ("Tokyo fares are 300 yen 50.", [(300, "JPY")]),
    ("The handler returns 404 $app->error() here.", []),
    ("The 2015 UAH career fair drew 500 students.", [(500, "students")]),
    ("The toll rose 15 dollars 50 times over.", [(15, "USD")]),
    ("It cost 15 dollars 150.", [(15, "USD")]),
    ("It cost 15 dollars 50.5", [(15, "USD")]),
    ("The dollar gained 2% against the euro.", [(2, "%")]),
    ("It fell against the dollar 3 percent this week.", [(3, "%")]),
])
def test_amounts_in_order(text: str, expected: list[tuple[float, str]]) -> None:
    got = [(f.value, f.unit) for f in find_figures(text)]
    assert got == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text", [
    "A dollar 10 years ago bought far more.",
    "Amounts are given in usd 2015 prices.",
    "The dollar 10-year swap rate climbed.",
    "Try 10 times before giving up.",
    "Section 14 of the finance act applies.",
    "The law passed in March 2022.",
    "Phone 555-0142 for the desk.",
    "Lawmakers approved it 52 to 47.",
    "At 5 p.m. the vote began.",  # times, pages, rates, forms and video lines are no pence
    "See pages 12 p. 7 of the ruling.",
    "GDP grew 7 p.c. last year.",
    "Interest was 5p.a. fixed.",
    "Fill in Form 10 p 3 today.",
    "It streams in 1080p or 1440p now.",
])
def test_not_money(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind in ("money", "crypto")] == []


@pytest.mark.parametrize(("text", "value", "unit", "kind"), [
    ("About 35 lakh people voted in the city.", 3.5e6, "people", "count"),
    ("A quarter of a million voters stayed home.", 2.5e5, "voters", "count"),
    ("A quarter of voters stayed home.", 25, "%", "percent"),
    ("The page has two-thirds of a million followers.", 2e6 / 3, "followers", "count"),
    ("The camp holds two lakh refugees.", 2e5, "refugees", "count"),
])
def test_scales_outside_money(text: str, value: float, unit: str, kind: str) -> None:
    (fig,) = find_figures(text)
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.kind) == (unit, kind)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Fines run from Rs 50,000 to Rs 1 lakh.", 5e4, 1e5),
    ("The works cost Rs 5-10 crore.", 5e7, 1e8),
    ("Bids were between Rs 2 lakh and Rs 3 lakh.", 2e5, 3e5),
    ("It would cost $500,000 to $1 million.", 5e5, 1e6),
])
def test_money_ranges(text: str, low: float, high: float) -> None:
    (fig,) = find_figures(text)
    assert (fig.value, fig.value_high) == (pytest.approx(low), pytest.approx(high))


def test_merged_amount_covers_both_units() -> None:
    text = "The fare was 4 dollars and 75 cents on Monday."
    (fig,) = find_figures(text, bare_numbers=True)
    assert text[fig.start:fig.end].strip() == fig.text == "4 dollars and 75 cents"


def test_minor_number_kept_when_not_merged() -> None:
    figs = find_figures("The toll rose 15 dollars 50 times over.", bare_numbers=True)
    assert [(f.value, f.unit) for f in figs] == [(15, "USD"), (50, "")]


@pytest.mark.spacy
def test_minor_units_per_sentence(analyzer: Analyzer) -> None:
    text = "The fee is now 15 dollars and 50. Officials raised it 3 dollars 12 times since then."
    got = [(f.value, f.unit) for f in analyzer.figures_in(text)]
    assert got == [(pytest.approx(15.5), "USD"), (3, "USD")]


def test_a_percent_then_an_amount_is_two_figures_not_a_range() -> None:
    found = [(f.value, f.unit, f.value_high) for f in
             find_figures("Sales rose 4.5 percent to $31.4 billion in the quarter.")]
    assert found == [(4.5, "%", None), (31.4e9, "USD", None)]


def test_a_percent_then_a_price_in_pence_is_two_figures_not_a_range() -> None:
    found = [(f.value, f.unit, f.value_high) for f in
             find_figures("Shares fell more than 3 per cent to 338.5p.")]
    assert found == [(3, "%", None), (3.385, "GBP", None)]


@pytest.mark.parametrize(("text", "want"), [
    ("The central bank licensed two dirham-backed stablecoins.", [(2, "stablecoins")]),
    ("The issuer sold 3 euro-denominated bonds.", [(3, "bonds")]),
    ("It sold a 3 billion euro-denominated bond.", [(3e9, "EUR")]),  # a scale: the amount
    ("It cost 40 dollars-worth of fuel.", [(40, "USD")]),
])
def test_a_currency_joined_to_a_participle_describes_what_is_counted(
        text: str, want: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == want
