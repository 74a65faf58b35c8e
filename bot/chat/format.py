"""Human formatting of figures and dates, shared by handlers, cards and every renderer."""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
SIGNIFICANT = 6  # digits shown of a value that is not a whole number


def _plain(value: float) -> str:
    """A number without exponent: whole numbers exactly, others to `SIGNIFICANT` digits but at
    least two decimals ("0.0004", "66.6667", "123,456.75"), with thousands separators."""
    if float(value).is_integer():
        return f"{int(value):,}"
    digits = math.floor(math.log10(abs(value))) + 1
    places = max(2, SIGNIFICANT - digits)
    text = format(Decimal(repr(round(value, places))), "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def _number(value: float) -> str:
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return _plain(value)


def format_figure(
    value: float, unit: str, qualifier: str | None = None, value_high: float | None = None
) -> str:
    """ "more than 6,240 BTC", "$745 million", "2,000 MW", "0.0004%", "$0.032/kWh",
    "up to 20 million holders"."""
    amount = _number(value)
    if value_high is not None and value_high != value:
        amount = f"{amount}–{_number(value_high)}"
    money, _, per = unit.partition("/")
    symbol = _SYMBOLS.get(money)
    if symbol:
        text = f"{'-' if value < 0 else ''}{symbol}{amount.lstrip('-')}"
        text = f"{text}/{per}" if per else text
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
