"""Figure extraction and normalisation on plain text (no spaCy)."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures

CASES = [  # text, value, unit, kind, qualifier, value_high
    ("holds more than 6,240 BTC", 6240, "BTC", "crypto", "more than", None),
    ("valued at $745 million", 745e6, "USD", "money", None, None),
    ("a profit of over $350 million", 350e6, "USD", "money", "over", None),
    ("2,000 megawatts of power", 2000, "MW", "power", None, None),
    ("up to 20 million Pakistanis", 20e6, "people", "count", "up to", None),
    ("about 1 million Filipino users", 1e6, "users", "count", "about", None),
    ("300,000 Nigerian customers", 3e5, "customers", "count", None, None),
    ("raised $10-12 million", 10e6, "USD", "money", None, 12e6),
    ("between 5 and 10 miners", 5, "miners", "count", "between", 10),
    ("five percent", 5, "%", "percent", None, None),
    ("5 per cent", 5, "%", "percent", None, None),
    ("roughly 40%", 40, "%", "percent", "roughly", None),
    ("two million people", 2e6, "people", "count", None, None),
    ("3,000 miners", 3000, "miners", "count", None, None),
    ("a quarter of users", 25, "%", "percent", None, None),
    ("US$5m", 5e6, "USD", "money", None, None),
    ("€3bn", 3e9, "EUR", "money", None, None),
    ("£2 million", 2e6, "GBP", "money", None, None),
    ("Rs 500 billion", 5e11, "PKR", "money", None, None),
    ("500 rupees", 500, "PKR", "money", None, None),
    ("50 cents", 0.5, "USD", "money", None, None),
    ("9¢/kWh", 0.09, "USD/kWh", "money", None, None),
    ("100,000 sats", 0.001, "BTC", "crypto", None, None),
    ("7 ETH", 7, "ETH", "crypto", None, None),
    ("12 TWh", 12, "TWh", "energy", None, None),
    ("3 GW", 3, "GW", "power", None, None),
    ("fell -5%", -5, "%", "percent", None, None),
    ("~198,109 BTC", 198109, "BTC", "crypto", "about", None),
    ("nearly 1.5 trillion rupees", 1.5e12, "PKR", "money", "nearly", None),
    ("at least 300 bitcoins", 300, "BTC", "crypto", "at least", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "kind", "qualifier", "high"), CASES)
def test_figure_normalisation(text: str, value: float, unit: str, kind: str,
                              qualifier: str | None, high: float | None) -> None:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    fig = figures[0]
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.kind, fig.qualifier) == (unit, kind, qualifier)
    assert fig.value_high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize("text", [
    "The law takes effect in 2025.",
    "The vote is on May 21.",
    "Call 555-1234 for details.",
    "It was the 21st attempt.",
    "Section 5302 of Title 31 applies.",
    "It is one of the most active markets.",
])
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_figure_span_covers_surface_text() -> None:
    text = "Reserves stand at more than 6,240 BTC today."
    fig = find_figures(text)[0]
    assert text[fig.start:fig.end] == fig.text == "more than 6,240 BTC"
