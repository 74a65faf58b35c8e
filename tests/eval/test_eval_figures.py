"""Unit mapping and the figure-case matcher, including cases that must be judged wrong."""

from __future__ import annotations

from bench.eval.figure_cases import DOMAIN_CASES, FigureCase, _recognizer_readings
from bench.eval.figures import Found, case_correct
from bench.eval.units import canonical, category_of, values_match


def _f(value: float, unit: str, category: str = "money") -> Found:
    return Found(value, canonical(unit)[0], category)


def test_unit_mapping_table() -> None:
    assert canonical("dollar")[0] == {"USD"}
    assert canonical("United States dollar")[0] == {"USD"}
    assert canonical("pound sterling")[0] == {"GBP"}
    assert canonical("euro")[0] == {"EUR"}
    assert canonical("percentage")[0] == {"%"}
    assert canonical("megawatt")[0] == {"MW"}
    assert canonical("metre")[0] == {"m"}
    assert canonical("Chinese yuan")[0] == {"CNY"}
    assert canonical("cent") == (frozenset({"USD"}), 0.01)
    assert canonical("barrels")[0] == {"bbl"}
    assert canonical("dimensionless")[0] == {""}
    assert canonical("holders")[0] == {"holders"}
    assert canonical("MW")[0] != canonical("m")[0]


def test_unit_categories() -> None:
    assert category_of(canonical("BTC")[0]) == "money"
    assert category_of(canonical("PKR")[0]) == "money"
    assert category_of(canonical("%")[0]) == "percent"
    assert category_of(canonical("GWh")[0]) == "dimension"
    assert category_of(canonical("people")[0]) == "count"


def test_values_match_is_relative() -> None:
    assert values_match(0.333333333333333, 1 / 3)
    assert values_match(1.2e9, 1.2e9 + 1)
    assert not values_match(1.2e9, 1.2e6)
    assert not values_match(5, 5.01)


def test_case_needs_every_expected_figure_with_the_right_unit() -> None:
    case = FigureCase("t", "money", "x", (((5.0, "%"),), ((140e9, "euro"),)))
    assert case_correct(case, [_f(5, "%", "percent"), _f(140e9, "EUR")])
    assert not case_correct(case, [_f(5, "%", "percent")])  # one missing
    assert not case_correct(case, [_f(5, "%", "percent"), _f(140e9, "USD")])  # wrong currency
    assert not case_correct(case, [_f(5, "%", "percent"), _f(140e6, "EUR")])  # wrong scale


def test_a_price_per_unit_states_the_amount_a_case_expects() -> None:
    case = FigureCase("t", "money", "x", (((98.0, "dollar"),),))
    assert case_correct(case, [_f(98, "USD/share")])
    assert not case_correct(case, [_f(98, "EUR/share")])  # still the currency it names
    per_kwh = FigureCase("t", "money", "x", (((0.05, "USD/kWh"),),))
    assert not case_correct(per_kwh, [_f(0.05, "USD")])  # a price case needs its "per"


def test_unitless_expectation_accepts_any_unit_but_not_twice() -> None:
    case = FigureCase("t", "count", "x", (((68.0, ""),), ((68.0, ""),)))
    assert not case_correct(case, [_f(68, "votes", "count")])
    assert case_correct(case, [_f(68, "votes", "count"), _f(68, "", "count")])


def test_alternatives_and_subunit_scaling() -> None:
    quarter = FigureCase("t", "count", "x", (((0.25, ""), (25.0, "%")),))
    assert case_correct(quarter, [_f(25, "%", "percent")])
    assert not case_correct(quarter, [_f(4, "", "count")])
    cents = FigureCase("t", "money", "x", (((5.0, "cent"),),))
    assert case_correct(cents, [_f(0.05, "USD")])
    assert not case_correct(cents, [_f(5, "USD")])


def test_negative_case_fails_when_a_figure_of_its_category_is_reported() -> None:
    neg = FigureCase("t", "count", "In 2021 the law passed.", ())
    assert case_correct(neg, [])
    assert not case_correct(neg, [_f(2021, "", "count")])


def test_recognizer_resolutions() -> None:
    assert _recognizer_readings("percent", {"value": "100%"}) == [(100.0, "%")]
    assert _recognizer_readings("range", {"value": "[20,30)"}) == [(20.0, ""), (30.0, "")]
    assert _recognizer_readings("range", {"value": "(,-30]"}) == [(-30.0, "")]
    assert _recognizer_readings("money", {"value": "75000000", "unit": "Dollar"}) == [
        (75e6, "Dollar")]
    assert _recognizer_readings("money", {"value": None, "unit": "Dollar"}) == []


def test_domain_set_covers_the_issue_examples() -> None:
    texts = " ".join(c.text for c in DOMAIN_CASES)
    for needle in ("$1.2bn", "745 million", "2,000 megawatts", "6,240 BTC", "a quarter",
                   "20 million"):
        assert needle in texts
    assert any(not c.expected for c in DOMAIN_CASES)  # has negative (year) cases
