"""The earlier value of a change written without its unit takes the unit of the value the
change went to ("rose to 10.16 billion rupees, up from 2.3 billion"). Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures


def _units(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "earlier"), [
    ("E-rupee circulation rose to 10.16 billion rupees, up from 2.3 billion a year earlier.",
     (2.3e9, "PKR")),  # rupees without a country; the analyzer picks the article's
    ("Reserves fell to $5.2 billion from 6.1 billion in May.", (6.1e9, "USD")),
    ("The airport expects 25 million arrivals this year, up from 21 million.",
     (21e6, "arrivals")),
    ("Holdings reached 120,000 BTC, compared with 95 thousand in June.", (95e3, "BTC")),
])
def test_the_earlier_value_takes_the_unit_of_the_new_one(text: str,
                                                        earlier: tuple[float, str]) -> None:
    assert earlier in _units(text)


@pytest.mark.parametrize("text", [
    "Reserves fell to $5.2 billion. From 6.1 billion people, few hold crypto.",  # a new sentence
    "Inflation rose to 5%, up from 2.3 billion in losses.",  # a rate gives no amount's unit
    "The fund raised $5 million, and a rival raised 3 million from investors.",  # no cue
])
def test_no_unit_without_the_cue_in_the_same_sentence(text: str) -> None:
    assert all(unit != "USD" or value != 6.1e9 for value, unit in _units(text))
    assert not any(unit in {"USD", "%"} and value in {2.3e9, 3e6} for value, unit in
                   _units(text))
