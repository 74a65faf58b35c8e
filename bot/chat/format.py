"""Human formatting of figures and dates, shared by handlers, cards and every renderer."""

from __future__ import annotations

from datetime import date, datetime

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(value: float) -> str:
    for scale, word in _SCALES:
        if abs(value) >= scale:
            scaled = value / scale
            text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_figure(
    value: float, unit: str, qualifier: str | None = None, value_high: float | None = None
) -> str:
    """ "more than 6,240 BTC", "$745 million", "2,000 MW", "up to 20 million holders"."""
    amount = _number(value)
    if value_high is not None and value_high != value:
        amount = f"{amount}–{_number(value_high)}"
    symbol = _SYMBOLS.get(unit)
    if symbol:
        text = f"{'-' if value < 0 else ''}{symbol}{amount.lstrip('-')}"
    elif unit == "%":
        text = f"{amount}%"
    elif unit:
        text = f"{amount} {unit}"
    else:
        text = amount
    return f"{qualifier} {text}" if qualifier else text


def format_date(value: date | datetime | None) -> str:
    """ISO date (YYYY-MM-DD) or an empty string."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()
