"""How a figure is shown: tiny shares keep their digits, huge amounts their significant digits,
prices per unit their unit (bot.chat.format)."""

from __future__ import annotations

import pytest

from bot.chat.format import format_figure


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (0.0004, "%", "0.0004%"),
    (0.032, "USD/kWh", "$0.032/kWh"),
    (25, "KZT/kWh", "25 KZT/kWh"),
    (1.7e-07, "BTC", "0.00000017 BTC"),
    (2 / 3 * 100, "%", "66.6667%"),
    (745e6, "USD", "$745 million"),
    (20.87e6, "wallets", "20.87 million wallets"),
    (1.234567e9, "EUR", "€1.23457 billion"),
    (3.32e11, "INR", "332 billion INR"),
    (6240, "BTC", "6,240 BTC"),
    (123456.75, "GBP", "£123,456.75"),
    (-5, "%", "-5%"),
    (-2.5e6, "USD", "-$2.5 million"),
    (25, "bp", "25 bp"),
])
def test_format_figure(value: float, unit: str, shown: str) -> None:
    assert format_figure(value, unit) == shown


def test_range_and_qualifier() -> None:
    assert format_figure(10e6, "USD", "about", 12e6) == "about $10 million–12 million"
