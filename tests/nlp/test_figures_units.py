"""Units policy news uses (codes as in bench/eval/labels/GUIDE.md) and prices per unit."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures

UNITS = [  # text, value, unit, kind
    ("The bank cut rates by 25 basis points.", 25, "bp", "percent"),
    ("Spreads widened 40bp in a week.", 40, "bp", "percent"),
    ("Unemployment fell 1.5 percentage points.", 1.5, "pp", "percent"),
    ("Growth beat forecasts by 2 pp.", 2, "pp", "percent"),
    ("Miners used 129 terawatt-hours last year.", 129, "TWh", "energy"),
    ("The grid lost 6,543 TWh in all.", 6543, "TWh", "energy"),
    ("The plants add 3.5 GWs of capacity.", 3.5, "GW", "power"),
    ("The network runs at 5 EH/s now.", 5, "EH/s", "quantity"),
    ("The reserve covers 1,500 km² of forest.", 1500, "km2", "quantity"),
    ("The park spans 300 square kilometres.", 300, "km2", "quantity"),
    ("Farmers planted 2,000 hectares of cane.", 2000, "ha", "quantity"),
    ("The plot is 40 ha in size.", 40, "ha", "quantity"),
    ("The mine shipped 3 tonnes of ore.", 3, "t", "quantity"),
    ("Output reached 40,000 barrels a day.", 40000, "bbl", "quantity"),
    ("Each family gets 10 litres of fuel.", 10, "L", "quantity"),
    ("The line runs 12 km along the coast.", 12, "km", "quantity"),
    ("The road is 80 kilometres long.", 80, "km", "quantity"),
    ("Warming must stay below 1.5 degrees Celsius.", 1.5, "°C", "quantity"),
    ("The wall is 3 metres high.", 3, "m", "quantity"),
    ("He forfeited 513.25 in bitcoin.", 513.25, "BTC", "crypto"),
    ("He forfeited 12.5 in bitcoin cash.", 12.5, "BCH", "crypto"),
    ("Up to 11 inches of snow fell overnight.", 11, "in", "quantity"),
    ("The sea wall is 30 feet high.", 30, "ft", "quantity"),
    ("Its base is 2 ft thick.", 2, "ft", "quantity"),
    ("The laptop ships with 256GB of storage.", 256, "GB", "quantity"),
    ("Each drive holds 2 terabytes.", 2, "TB", "quantity"),
    ("The screen refreshes at 120Hz.", 120, "Hz", "quantity"),
    ("The chip runs at 3.5 GHz.", 3.5, "GHz", "quantity"),
    ("The galaxy is 230 million light-years wide.", 230e6, "ly", "quantity"),
    ("The plant etches 5 nanometres wide lines.", 5, "nm", "quantity"),
]


@pytest.mark.parametrize("text", ["Team GB won 5 GB medals.", "The 40 MB members met."])
def test_a_spaced_data_code_is_no_unit(text: str) -> None:
    """ "GB" and "MB" are units only glued to the number ("256GB"): spaced they are names."""
    assert all(f.unit not in {"GB", "MB"} for f in find_figures(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Whites will drop from 87.2 per cent in 2011 to 75.7 per cent in 2015.",
     [(87.2, None, "%"), (75.7, None, "%")]),
    ("Exports in 2019 to 40 countries grew.", [(40, None, "countries")]),
    ("Output will grow from 2,000 to 3,000 MW.", [(2000, 3000, "MW")]),
    ("We produced nothing in 2013-14.", []),
])
def test_a_year_before_to_is_no_range(text: str, want: list[tuple[float, float | None, str]]
                                      ) -> None:
    """A bare year, then "to" and a lower figure, starts no range: the figure is the second."""
    assert [(f.value, f.value_high, f.unit) for f in find_figures(text)] == want


@pytest.mark.parametrize(("text", "value", "unit", "kind"), UNITS)
def test_unit(text: str, value: float, unit: str, kind: str) -> None:
    (fig,) = find_figures(text)
    assert (fig.value, fig.unit, fig.kind) == (pytest.approx(value), unit, kind)


PRICES = [  # text, countries, value, unit
    ("Miners pay 3.2 US cents per kWh under the deal.", (), 0.032, "USD/kWh"),
    ("Miners pay around 3.2 cents per kilowatt-hour.", (), 0.032, "USD/kWh"),
    ("The tariff is $0.05/kWh for miners.", (), 0.05, "USD/kWh"),
    ("Plants sell power at 25 tenge per kWh.", (), 25, "KZT/kWh"),
    ("Users pay PKR 22 per unit of electricity.", ("PK",), 22, "PKR/kWh"),
    ("Diesel costs $1.10 per litre.", (), 1.1, "USD/L"),
    ("Crude traded at $80 a barrel.", (), 80, "USD/bbl"),
    ("The stamp costs 3.2 cents more.", (), 0.032, "USD"),
    ("Kits sell at $5 per unit in shops.", (), 5, "USD"),  # "per unit" is per kWh only for power
    ("The firm earned $2.52 a share in the quarter.", (), 2.52, "USD/share"),
    ("Profit came to $2.53 per diluted share.", (), 2.53, "USD/share"),
    ("Gold rose to $2,400 an ounce.", (), 2400, "USD/oz"),
    ("The fee is 5 rupees per transaction.", ("PK",), 5, "PKR/transaction"),
    ("The fund paid around $44,800 per bitcoin.", (), 44800, "USD"),  # a coin's price is money
    # what is bought, cast or counted: per vote, per person, per watt of capacity
    ("The party spent 68p per vote cast.", (), 0.68, "GBP/vote"),
    ("Campaigns spent £1.45 a vote.", (), 1.45, "GBP/vote"),
    ("Modules fell to around $0.23/W this year.", (), 0.23, "USD/W"),
    ("The council pays £120 per pupil.", (), 120, "GBP/pupil"),
    ("Health spending is $4,000 per capita.", (), 4000, "USD/person"),
    ("The levy is €5 a head.", (), 5, "EUR/person"),
    ("Each household gets $300 per household.", (), 300, "USD/household"),
    ("Land sold for $2,000 per hectare.", (), 2000, "USD/ha"),
    ("Petrol averaged $2.554 a gallon in December.", (), 2.554, "USD/gal"),
    ("The minimum wage rises to £7.85 an hour.", (), 7.85, "GBP/hour"),  # a wage, a fee
    # other time is not a unit a price is listed per here ("$53 million a week" is an amount)
    ("Smuggling moves $53 million a week.", (), 53e6, "USD"),
]


@pytest.mark.parametrize(("text", "countries", "value", "unit"), PRICES)
def test_price_per_unit(text: str, countries: tuple[str, ...], value: float, unit: str) -> None:
    (fig,) = find_figures(text, countries=countries)
    assert (fig.value, fig.unit, fig.kind) == (pytest.approx(value), unit, "money")


def test_price_text_covers_the_unit() -> None:
    text = "Miners pay 3.2 US cents per kWh."
    (fig,) = find_figures(text)
    assert fig.text == text[fig.start:fig.end] == "3.2 US cents per kWh"


@pytest.mark.parametrize(("text", "countries", "value", "unit"), [
    ("In his last physical exam he clocked in at 243 pounds.", ("US",), 243, "lb"),
    ("The parcel weighed 12 pounds.", ("GB",), 12, "lb"),
    ("Police seized 58lb of cannabis.", (), 58, "lb"),
    ("The council will spend 10 million pounds on roads.", ("US",), 10e6, "GBP"),
    ("A stamp costs 2 pounds 40 pence.", (), 2.4, "GBP"),
    ("Fans paid 50 pounds for a ticket in London.", ("GB",), 50, "GBP"),
])
def test_spelled_pounds_are_money_or_weight_by_their_context(
        text: str, countries: tuple[str, ...], value: float, unit: str) -> None:
    (fig,) = find_figures(text, countries=countries)
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "units"), [
    # the bare amounts of a list of prices take the unit of the price before them
    ("For Labour it is 26p per vote, the Conservatives 79p and the Lib Dems £1.45.",
     ["GBP/vote", "GBP/vote", "GBP/vote"]),
    ("A trust was quoted £130 an hour for a surgeon when the cap is meant to be £76.",
     ["GBP/hour", "GBP/hour"]),
    ("Module costs fall from around $0.23/W today to $0.10 by 2030.", ["USD/W", "USD/W"]),
    # not an amount of another order, with a scale, after a clause break or naming its noun
    ("The firm earned $2.52 a share, and revenue rose to $10 billion.", ["USD/share", "USD"]),
    ("Shares rose to $45 a share; the company paid $300.", ["USD/share", "USD"]),
    ("Shares rose to $45 a share and the firm paid $300 in fees.", ["USD/share", "USD"]),
])
def test_listed_prices_share_their_unit(text: str, units: list[str]) -> None:
    assert [f.unit for f in find_figures(text, countries=("GB",))] == units


def test_a_free_price_before_a_list_breaks_nothing() -> None:
    """A price of nothing ("0p per vote") opens no list (it had divided by zero)."""
    figs = find_figures("Voters paid 0p per vote, the Conservatives 79p.")
    assert [(f.value, f.unit) for f in figs] == [(0.0, "GBP/vote"), (0.79, "GBP")]
