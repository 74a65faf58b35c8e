"""Units written after a number and what they normalise to: `UNIT_TABLE`, `UNIT_RE` (a regex
fragment), `PER_RE` (the unit of a price "per kWh", "/litre") and `parse_unit`.

Unit codes are those of bench/eval/labels/GUIDE.md: `%`, `pp`, `bp`, `MW`, `TWh`, `EH/s`,
`km2`, `ha`, `t`, `bbl`, `L`, `km`, `in`, `ft`, `GB`, `Hz`, ISO 4217 codes and crypto tickers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlp.money import CODE_AFTER, CURRENCY_AFTER, NAME_AFTER, currency, currency_name

_MINOR = r"(?:(?:US|U\.S\.|American)\s)?(?i:cents?)\b|¢"

# (pattern, unit, kind, multiplier); order matters: longer first. unit None: as written.
UNIT_TABLE: list[tuple[str, str | None, str, float]] = [
    (r"(?i:percentage[- ]points?|pct\.? points?|ppts?)\b|(?-i:pp)\b", "pp", "percent", 1.0),
    (r"(?i:basis[- ]points?)\b|(?-i:bps?)\b", "bp", "percent", 1.0),
    (r"(?i:per\s?cent|percent|percentage|pct)\b", "%", "percent", 1.0),
    (r"%", "%", "percent", 1.0),
    (r"(?i:terawatt[- ]hours?)\b", "TWh", "energy", 1.0),
    (r"(?i:gigawatt[- ]hours?)\b", "GWh", "energy", 1.0),
    (r"(?i:megawatt[- ]hours?)\b", "MWh", "energy", 1.0),
    (r"(?i:kilowatt[- ]hours?)\b", "kWh", "energy", 1.0),
    (r"(?:TWh|GWh|MWh|kWh|Wh)\b", None, "energy", 1.0),
    (r"(?i:terawatts?)\b", "TW", "power", 1.0),
    (r"(?i:gigawatts?)\b", "GW", "power", 1.0),
    (r"(?i:megawatts?)\b", "MW", "power", 1.0),
    (r"(?i:kilowatts?)\b", "kW", "power", 1.0),
    (r"(?i:watts?)\b", "W", "power", 1.0),
    (r"GWs\b", "GW", "power", 1.0),
    (r"MWs\b", "MW", "power", 1.0),
    (r"(?:TW|GW|MW|kW|W)\b", None, "power", 1.0),
    (r"(?:EH/s|TH/s|PH/s)", None, "quantity", 1.0),
    (r"(?i:exahash(?:es)?\sper\ssecond)\b", "EH/s", "quantity", 1.0),
    (r"(?i:square\skilomet(?:re|er)s?|sq\.?\skm)\b|km²|km2\b", "km2", "quantity", 1.0),
    (r"(?i:square\smiles?|sq\.?\smi(?:les?)?)\b|mi²", "mi2", "quantity", 1.0),
    (r"(?i:square\smet(?:re|er)s?|sq\.?\sm)\b|m²", "m2", "quantity", 1.0),
    (r"(?i:cubic\smet(?:re|er)s?)\b|m³|(?-i:m3)\b", "m3", "quantity", 1.0),
    (r"(?i:billion\scubic\smet(?:re|er)s?)\b|(?-i:bcm)\b", "bcm", "quantity", 1.0),
    (r"(?i:hectares?)\b|(?-i:ha)\b", "ha", "quantity", 1.0),
    (r"(?i:acres?)\b", "acre", "quantity", 1.0),
    (r"(?i:tonnes?|metric\stons?|tons?)\b", "t", "quantity", 1.0),
    (r"(?i:kilograms?|kilos?)\b|kg\b", "kg", "quantity", 1.0),
    (r"(?i:barrels?)\b|bbl\b", "bbl", "quantity", 1.0),
    (r"(?-i:bpd|b/d)\b", "bbl", "quantity", 1.0),  # "40,000 bpd": barrels a day
    (r"(?i:millilit(?:re|er)s?)\b|ml\b", "ml", "quantity", 1.0),
    (r"(?i:lit(?:re|er)s?)\b", "L", "quantity", 1.0),
    (r"(?i:kilomet(?:re|er)s?)\b|km\b", "km", "quantity", 1.0),
    (r"(?i:centimet(?:re|er)s?)\b|cm\b", "cm", "quantity", 1.0),
    (r"(?i:millimet(?:re|er)s?)\b|mm\b", "mm", "quantity", 1.0),
    (r"(?i:met(?:re|er)s?)\b", "m", "quantity", 1.0),
    (r"(?i:milligrams?)\b|mg\b", "mg", "quantity", 1.0),
    (r"(?i:grams?)\b", "g", "quantity", 1.0),
    (r"(?i:degrees?\s(?:Celsius|centigrade))\b|°\s?C\b", "°C", "quantity", 1.0),
    (r"(?i:degrees?\sFahrenheit)\b|°\s?F\b", "°F", "quantity", 1.0),
    (r"(?i:light[- ]years?)\b", "ly", "quantity", 1.0),
    (r"(?i:nanomet(?:re|er)s?)\b", "nm", "quantity", 1.0),  # not "nm": nautical miles too
    (r"(?i:miles)\b", "mi", "quantity", 1.0),
    (r"(?i:inch(?:es)?)\b", "in", "quantity", 1.0),  # never the code "in": a preposition
    (r"(?i:feet|foot)\b|(?-i:ft)\b", "ft", "quantity", 1.0),
    (r"(?i:terabytes?)\b|(?<=\d)(?-i:TB)\b", "TB", "quantity", 1.0),  # glued: "Team GB"
    (r"(?i:gigabytes?)\b|(?<=\d)(?-i:GB)\b", "GB", "quantity", 1.0),
    (r"(?i:megabytes?)\b|(?<=\d)(?-i:MB)\b", "MB", "quantity", 1.0),
    (r"(?i:gigahertz)\b|(?-i:GHz)\b", "GHz", "quantity", 1.0),
    (r"(?i:megahertz)\b|(?-i:MHz)\b", "MHz", "quantity", 1.0),
    (r"(?i:hertz)\b|(?-i:Hz)\b", "Hz", "quantity", 1.0),
    (r"lbs?\b", "lb", "quantity", 1.0),
    (r"(?:BTC|ETH|USDT|USDC|SOL|XRP|BCH|LTC|DOGE|BNB|ADA|TRX)\b", None, "crypto", 1.0),
    (r"(?:in\s)?(?i:bitcoin\scash)\b", "BCH", "crypto", 1.0),  # "512.9 in bitcoin cash"
    (r"(?:in\s)?(?i:bitcoins?)\b", "BTC", "crypto", 1.0),
    (r"(?i:ethers?)\b", "ETH", "crypto", 1.0),
    (r"(?i:satoshis?|sats)\b", "BTC", "crypto", 1e-8),
    (_MINOR, "USD", "money", 0.01),  # "3.2 US cents" = 0.032 USD
    (r"(?i:euro\scents?)\b", "EUR", "money", 0.01),
    (r"(?i:pence|penny|pennies)\b", "GBP", "money", 0.01),
    # "179.1p", "167p a share": pence glued to the number (`figures` refuses a spaced "p");
    # not "5 p.m.", "p.c.", "p.a.", "p. 7", nor video lines ("1080p")
    (r"(?<!\d\d\d\d)(?<!1080|1440|2160|4320)(?<!144|240|360|480|720)p\b(?!\.?\s?m\b)(?!\.\s?\w)",
     "GBP", "money", 0.01),
    (NAME_AFTER, None, "name", 1.0),  # "rupees", "South African rand", "reais"
    (CODE_AFTER, None, "money", 1.0),  # "5 EUR", "30 MUSD", "20 usd"
    (CURRENCY_AFTER, None, "money", 1.0),  # "10 €", "100元", "21 ₿"
]
UNIT_RE = "|".join(f"(?:{pattern})" for pattern, *_ in UNIT_TABLE).replace(" ", r"\s")
_COMPILED = [(re.compile(p), u, k, m) for p, u, k, m in UNIT_TABLE]

# The unit of a price: "per kWh", "/kWh", "per kilowatt-hour", "per litre", "a barrel",
# "175p-a-share"
_PER_UNITS: list[tuple[str, str]] = [
    (r"kilowatt[- ]hours?|kWh", "kWh"), (r"megawatt[- ]hours?|MWh", "MWh"),
    (r"gigawatt[- ]hours?|GWh", "GWh"), (r"kilowatts?|kW", "kW"), (r"megawatts?|MW", "MW"),
    (r"lit(?:re|er)|L", "L"), (r"barrel|bbl", "bbl"), (r"tonne|ton|t", "t"),
    (r"unit", "unit"), (r"(?:diluted\s)?share", "share"),
    (r"ounce|oz", "oz"), (r"transaction", "transaction"), (r"watt|W", "W"),
    # what is bought, cast or served ("68p per vote", "$4,000 per capita", "$2,000 a hectare")
    (r"vote", "vote"), (r"person|head|capita", "person"), (r"household", "household"),
    (r"pupil", "pupil"), (r"student", "student"), (r"patient", "patient"),
    (r"passenger", "passenger"), (r"hectare|ha", "ha"), (r"acre", "acre"),
    (r"square\smet(?:re|er)|m2|m²", "m2"), (r"kilo(?:gram)?|kg", "kg"), (r"gallon|gal", "gal"),
    (r"hour", "hour"),  # a wage or a fee: "£7.85 an hour"
]
PER_RE = (r"(?P<perx>(?:\s?/\s?|\s(?:per|a|an)\s|-(?:a|per)-)(?P<per>"
          + "|".join(p for p, _ in _PER_UNITS) + r")\b)")
_PER_COMPILED = [(re.compile(p, re.IGNORECASE), u) for p, u in _PER_UNITS]


def per_unit(text: str) -> str:
    """The unit code of what a price is per ("kilowatt-hour" -> "kWh", "litre" -> "L")."""
    for pattern, unit in _PER_COMPILED:
        if pattern.fullmatch(text):
            return unit
    return text


def parse_unit(text: str, countries: Sequence[str] = ()) -> tuple[str, str, float] | None:
    """(unit, kind, multiplier) for a unit string such as "megawatts", "BTC", "%" or
    "rupees" (currency names and signs follow the article's countries, ISO alpha-2)."""
    text = re.sub(r"\s+", " ", text.strip())
    glued = "0" + text  # a unit only written glued to its number ("256GB") looks back at it
    for pattern, unit, kind, mult in _COMPILED:
        if pattern.fullmatch(glued, 1):
            if kind == "name":
                return currency_name(text, countries)
            if unit is None and kind == "money":
                return currency(text, countries)
            return (unit or text, kind, mult)
    return None
