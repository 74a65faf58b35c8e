"""Number words, scales and unit tables used by figure extraction (pure data and parsing)."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a dozen": 12, "dozen": 12,
    "hundred": 100, "a hundred": 100,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "b": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12,
}
FRACTIONS = {"a quarter": 25.0, "one quarter": 25.0, "a third": 100 / 3, "one third": 100 / 3,
             "half": 50.0, "a half": 50.0, "one half": 50.0, "two-thirds": 200 / 3,
             "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
WORD_NUMBER = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|a dozen|a hundred|hundred|zero)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

CURRENCY_PREFIX = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "rs": "PKR", "rs.": "PKR", "pkr": "PKR", "₹": "INR", "inr": "INR",
    "c$": "CAD", "a$": "AUD", "cny": "CNY",
}

# (pattern, unit, kind, multiplier); order matters: longer first.
UNIT_TABLE: list[tuple[str, str, str, float]] = [
    (r"(?i:percentage points?)\b", "pp", "percent", 1.0),
    (r"(?i:per\s?cent|percent|pct)\b", "%", "percent", 1.0),
    (r"%", "%", "percent", 1.0),
    (r"(?i:terawatt[- ]hours?)\b", "TWh", "energy", 1.0),
    (r"(?i:gigawatt[- ]hours?)\b", "GWh", "energy", 1.0),
    (r"(?i:megawatt[- ]hours?)\b", "MWh", "energy", 1.0),
    (r"(?i:kilowatt[- ]hours?)\b", "kWh", "energy", 1.0),
    (r"(?:TWh|GWh|MWh|kWh|Wh)\b", None, "energy", 1.0),
    (r"(?i:gigawatts?)\b", "GW", "power", 1.0),
    (r"(?i:megawatts?)\b", "MW", "power", 1.0),
    (r"(?i:kilowatts?)\b", "kW", "power", 1.0),
    (r"(?i:watts?)\b", "W", "power", 1.0),
    (r"(?:GW|MW|kW|W)\b", None, "power", 1.0),
    (r"(?:EH/s|TH/s|PH/s)", None, "quantity", 1.0),
    (r"(?:BTC|ETH|USDT|USDC|SOL|XRP)\b", None, "crypto", 1.0),
    (r"(?i:bitcoins?)\b", "BTC", "crypto", 1.0),
    (r"(?i:ethers?)\b", "ETH", "crypto", 1.0),
    (r"(?i:satoshis?|sats)\b", "BTC", "crypto", 1e-8),
    (r"(?i:us dollars?|dollars?)\b", "USD", "money", 1.0),
    (r"(?i:euros?)\b", "EUR", "money", 1.0),
    (r"(?i:pounds? sterling|pounds?)\b", "GBP", "money", 1.0),
    (r"(?i:indian rupees?)\b", "INR", "money", 1.0),
    (r"(?i:pakistani rupees?|rupees?)\b", "PKR", "money", 1.0),
    (r"(?i:yen)\b", "JPY", "money", 1.0),
    (r"(?i:cents?)\b|¢", "USD", "money", 0.01),
    (r"(?:USD|EUR|GBP|PKR|JPY|INR|CNY)\b", None, "money", 1.0),
]
UNIT_RE = "|".join(f"(?:{pattern})" for pattern, *_ in UNIT_TABLE)
_COMPILED = [(re.compile(p), u, k, m) for p, u, k, m in UNIT_TABLE]


def parse_unit(text: str) -> tuple[str, str, float] | None:
    """(unit, kind, multiplier) for a unit string such as "megawatts", "BTC" or "%"."""
    text = text.strip()
    for pattern, unit, kind, mult in _COMPILED:
        if pattern.fullmatch(text):
            return (unit or text, kind, mult)
    return None


def parse_number(text: str) -> float | None:
    """The value of "6,240", "2.5", "twenty-five", "a dozen"; None when not a number."""
    text = text.strip().lower().replace("−", "-").replace("–", "-")
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("-").strip()
    if re.fullmatch(DIGITS, text):
        return sign * float(text.replace(",", ""))
    if text in SMALL:
        return sign * float(SMALL[text])
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in SMALL and parts[1] in SMALL:
        return sign * float(SMALL[parts[0]] + SMALL[parts[1]])
    return None
