"""Number reading added for issue 3: spaced tokens, currencies, ranges, counts, bare numbers."""

from __future__ import annotations

import json

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.figures import find_figures
from bot.nlp.numbers import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("6,240", 6240), ("46 . 8", 46.8), ("7 3 / 4", 7.75), ("3/8", 0.375), (".5", 0.5),
    ("twenty-five", 25), ("one hundred and seven", 107), ("half a billion", 5e8),
    ("four dozen", 48), ("three eighths", 0.375), ("two and a half", 2.5),
    ("six point two five", 6.25), ("minus seven", -7), ("negative two", -2), ("2.4e3", 2400),
    ("a tenth", 0.1), ("¾", 0.75), ("hello", None), ("half million", 5e5),
    ("a quarter of a million", 2.5e5), ("two thirds of a million", 2e6 / 3),
    ("two-thirds", 2 / 3), ("twenty-third", None),
    ("three lakh crore", 3e12), ("one crore twenty lakh", 1.2e7), ("two thousand million", 2e9),
    ("one million two hundred thousand", 1.2e6), ("12,34,567.89", 1234567.89),
])
def test_parse_number(text: str, value: float | None) -> None:
    got = parse_number(text)
    assert got == (pytest.approx(value) if value is not None else None)


ARTICLE_CASES = [  # text, value, unit, kind, value_high
    ("the miner raised c $ 24.5 million in May", 24.5e6, "CAD", "money", None),
    ("sales reached hk $ 3.2 billion .", 3.2e9, "HKD", "money", None),
    ("a $ 12 . 5 million bond sale", 12.5e6, "USD", "money", None),
    ("fees rose 4 . 5 % last year", 4.5, "%", "percent", None),
    ("a 15-cent levy on each token", 0.15, "USD", "money", None),
    ("shares closed at 88 pence", 0.88, "GBP", "money", None),
    ("it paid 600 million yuan in fines", 6e8, "CNY", "money", None),
    ("it sold 80 million australian dollars of notes", 8e7, "AUD", "money", None),
    ("tax on miners ranges from 9% to 12%", 9, "%", "percent", 12),  # "fell from": two
    ("a grant of between $3 million and $4 million", 3e6, "USD", "money", 4e6),
    ("nearly eleven percent of voters", 11, "%", "percent", None),
    ("output was minus three percent", -3, "%", "percent", None),
    ("more than 8,500 registered traders joined", 8500, "traders", "count", None),
    ("about 300,000 small holders", 3e5, "holders", "count", None),
    ("one in four adults owns a token", 25, "%", "percent", None),
    ("half a million euros", 5e5, "EUR", "money", None),
    ("three million", 3e6, "", "quantity", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "kind", "high"), ARTICLE_CASES)
def test_article_figures(text: str, value: float, unit: str, kind: str,
                         high: float | None) -> None:
    (fig,) = find_figures(text)
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.kind) == (unit, kind)
    assert fig.value_high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize("text", [
    "The score was 52 to 47 on Friday.",  # a pair of numbers, but no vote
    "The range is 7-2.",
    "Twelve of them spoke.",
    "Details at https://example.org/report-2024/page/12 today.",
    "The 180cc scooter and the 3rd unit.",
    "Phone 555-0142 now.",
    "He was one of them.",
])
def test_article_mode_leaves_out_plain_numbers(text: str) -> None:
    assert find_figures(text) == []


def test_counts_keep_their_noun_in_bare_mode() -> None:
    (fig,) = find_figures("It has twelve members.", bare_numbers=True)
    assert (fig.value, fig.unit, fig.kind) == (12, "members", "count")


@pytest.mark.parametrize(("text", "values"), [
    ("The score stood at 52 to 47 on Friday.", [52, 47]),
    ("It listed twelve, then one hundred and four.", [12, 104]),
    ("pick between 15 and 40", [15, 40]),
    ("two out of five", [0.4]),
    ("It was about five eighths full", [0.625]),
])
def test_bare_numbers_mode(text: str, values: list[float]) -> None:
    figs = find_figures(text, bare_numbers=True)
    got = [v for f in figs for v in (f.value, f.value_high) if v is not None]
    assert got == pytest.approx(values)
    assert all(f.unit == "" and f.kind == "number" for f in figs)


@pytest.mark.parametrize("text", [
    "The law passed in March 2022.",
    "It met on 14 June and again in 2019.",
    "Section 14 of the act applies.",
    "It was the 33rd vote and the twenty-second debate.",
    "We met at 10:45 on 5/17/2018.",
    "Reach the office on +44 20 7946 0958 or 415-555-0132.",
    "Read www.example.com/a/77 first.",
    "The 29mph road.",
])
def test_bare_numbers_mode_still_skips_non_quantities(text: str) -> None:
    assert find_figures(text, bare_numbers=True) == []


@pytest.mark.spacy
def test_figures_in_reports_bare_numbers_only_on_request(analyzer: Analyzer) -> None:
    text = "The panel split 9 to 4 after Kenya set aside $40 million for 12 towns."
    default = analyzer.figures_in(text)
    bare = analyzer.figures_in(text, bare_numbers=True)
    assert [(f.value, f.unit) for f in default] == [  # a tally is two counts of votes
        (9, "votes"), (4, "votes"), (40e6, "USD"), (12, "towns")]
    assert [(f.value, f.unit) for f in bare] == [(f.value, f.unit) for f in default]
    plain = analyzer.figures_in("It listed 9 to 4 names after Kenya set aside 40 on 12.",
                                bare_numbers=True)
    assert sorted((f.value, f.unit, f.kind) for f in plain) == [
        (9, "names", "count"), (12, "", "number"), (40, "", "number")]


@pytest.mark.parametrize(("text", "value", "high"), [
    ("a wallet of 3 million sats", 0.03, None),
    ("it moved 70 million sats", 0.7, None),
    ("each fee was 17 sats", 1.7e-07, None),
    ("a 4.1 billion dollar deal", 4.1e9, None),
    ("a 1.15 lakh rupee fine", 115_000.0, None),
    ("from 4.1 million to 8.2 million sats", 0.041, 0.082),
])
def test_converted_values_carry_no_float_noise(text: str, value: float,
                                               high: float | None) -> None:
    """Scales and unit factors give the exact decimal the text wrote, as JSON shows it."""
    (fig,) = find_figures(text)
    assert (fig.value, fig.value_high) == (value, high)
    assert json.dumps(fig.value) == repr(value)


@pytest.mark.parametrize(("text", "values"), [
    ("China counts 1 414 021 100 people.", [1414021100]),  # thousands grouped by spaces
    ("40 000 is the same as 40 000", [40000, 40000]),
    ("In 2021 100 000 came.", [100]),  # a year before: the groups are not read, "000" dropped
])
def test_space_grouped_thousands(text: str, values: list[float]) -> None:
    assert [f.value for f in find_figures(text, bare_numbers=True)] == values


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("Fines run from 2,500,000 lire to 5,000,000 lire.", 2.5e6, 5e6, "TRY"),
    ("Plants of between 5 MW and 7 MW qualify.", 5, 7, "MW"),
])
def test_ranges_with_the_unit_at_both_ends(text: str, low: float, high: float,
                                           unit: str) -> None:
    (fig,) = find_figures(text)
    assert (fig.value, fig.value_high, fig.unit) == (low, high, unit)


def test_a_change_is_not_a_range() -> None:
    figs = find_figures("Output rose from 5 MW to 7 MW in a year.")
    assert [(f.value, f.value_high) for f in figs] == [(5, None), (7, None)]


@pytest.mark.parametrize(("text", "want"), [
    ("Its funding was cut by more than £4m to £25.98m.", [(4e6, None), (25.98e6, None)]),
    ("Profits rose by 5% to 12%.", [(5, None), (12, None)]),
    ("Prices of $2 million to $10 million were paid.", [(2e6, 10e6)]),  # no "by": a range
    ("Yields fell by 2 to 3 percent.", [(2, 3)]),  # one unit for both: a range of the change
])
def test_by_then_to_is_a_change_and_a_new_level(text: str,
                                                want: list[tuple[float, float | None]]) -> None:
    assert [(f.value, f.value_high) for f in find_figures(text)] == want


@pytest.mark.parametrize("text", ["1/0", "0/0", "10^400", "9" * 400, "1e999"])
def test_a_number_with_no_finite_value_is_none(text: str) -> None:
    assert parse_number(text) is None


def test_an_amount_scaled_past_any_finite_value_is_no_figure() -> None:
    from bot.nlp.figures import find_figures
    assert find_figures("It costs $1e308 trillion, or 1e308 million BTC.") == []
    assert [f.value for f in find_figures("It costs $5 trillion.")] == [5e12]
