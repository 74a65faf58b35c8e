"""Unit mapping used to compare figure extractors: every name becomes a set of canonical units.

Canonical units are PolicyWire's: ISO 4217 codes for money, tickers for crypto, "%" for
percentages, SI-style symbols for physical quantities. "" means unitless (a plain number): an
expected unitless value matches a found figure with any unit. Sub-units are scaled into their
main currency ("5 cents" -> 0.05 USD). Bare "$"/"dollar" is taken as USD (the usual reading in
these datasets); ambiguous names ("rupee", "franc") accept any of their currencies.
"""

from __future__ import annotations

# name (lower-cased; quantulum3 and Recognizers-Text spellings) -> (canonical units, factor)
UNIT_MAP: dict[str, tuple[frozenset[str], float]] = {}


def _add(names: str, units: str, factor: float = 1.0) -> None:
    for name in names.split("|"):
        UNIT_MAP[name.strip().lower()] = (frozenset(units.split("|")), factor)


# --- money -----------------------------------------------------------------------------------
_add("dollar|united states dollar|us dollar|usd|$", "USD")
_add("cent", "USD", 0.01)
_add("dime", "USD", 0.1)
_add("euro|eur|€", "EUR")
_add("pound sterling|british pound|gbp|£", "GBP")
_add("pound", "GBP|lb")  # ambiguous: Recognizers' dimension specs mean the weight
_add("penny|pence", "GBP", 0.01)
_add("japanese yen|yen|jpy|¥", "JPY")
_add("sen", "JPY", 0.01)
_add("chinese yuan|yuan|renminbi|cny", "CNY")
_add("canadian dollar|cad", "CAD")
_add("australian dollar|aud", "AUD")
_add("hong kong dollar|hkd", "HKD")
_add("new zealand dollar|nzd", "NZD")
_add("swiss franc|chf", "CHF")
_add("franc", "CHF|FRF|BEF|XAF|XOF")
_add("turkish lira|try", "TRY")
_add("mexican peso|mxn", "MXN")
_add("rupee", "INR|PKR|LKR|NPR")
_add("indian rupee|inr", "INR")
_add("pakistani rupee|pkr", "PKR")
_add("sri lankan rupee|lkr", "LKR")
_add("costa rican colón|crc", "CRC")
_add("georgian lari|gel", "GEL")
_add("lao kip|lak", "LAK")
_add("finnish markka|fim", "FIM")
_add("peseta|esp", "ESP")
_add("netherlands guilder|guilder|nlg", "NLG")
_add("nigerian naira|naira|ngn", "NGN")
_add("bitcoin|btc", "BTC")
_add("satoshi", "BTC", 1e-8)
_add("ether|eth", "ETH")
# --- percent and plain numbers ---------------------------------------------------------------
_add("percentage|percent|per cent|%", "%")
_add("dimensionless|number|count|", "")
# --- power and energy ------------------------------------------------------------------------
_add("watt|w", "W")
_add("kilowatt|kw", "kW")
_add("megawatt|mw", "MW")
_add("gigawatt|gw", "GW")
_add("watt hour|wh", "Wh")
_add("kilowatt hour|kwh", "kWh")
_add("megawatt hour|mwh", "MWh")
_add("gigawatt hour|gwh", "GWh")
_add("terawatt hour|twh", "TWh")
_add("joule|j", "J")
_add("british thermal unit|btu", "BTU")
# --- length, area, volume, mass, speed, temperature, data ------------------------------------
_add("metre|meter|m", "m")
_add("kilometre|kilometer|km", "km")
_add("centimetre|centimeter|cm", "cm")
_add("millimetre|millimeter|mm", "mm")
_add("decimetre|decimeter|dm", "dm")
_add("nanometre|nanometer|nm", "nm")
_add("picometre|picometer|pm", "pm")
_add("attometre|attometer", "am")
_add("mile|mi", "mi")
_add("foot|feet|ft", "ft")
_add("inch|in", "in")
_add("square metre|square meter|m2", "m2")
_add("square kilometre|square kilometer|km2", "km2")
_add("square mile|mi2", "mi2")
_add("acre", "acre")
_add("cubic kilometre|km3", "km3")
_add("cubic centimetre|cm3", "cm3")
_add("cubic foot|ft3", "ft3")
_add("litre|liter|l", "l")
_add("millilitre|milliliter|ml", "ml")
_add("centilitre|centiliter|cl", "cl")
_add("gallon|gal", "gal")
_add("barrel", "bbl")
_add("cup", "cup")
_add("tablespoon", "tbsp")
_add("teaspoon", "tsp")
_add("kilogram|kg", "kg")
_add("gram|g", "g")
_add("milligram|mg", "mg")
_add("microgram", "µg")
_add("pound-mass|lb|lbs", "lb")
_add("ounce|oz", "oz")
_add("dram", "dr")
_add("tonne|metric ton", "t")
_add("ton", "ton|t")
_add("kilometre per hour|kilometer per hour|km/h", "km/h")
_add("mile per hour|mph", "mph")
_add("degree celsius|°c", "°C")
_add("degree fahrenheit|°f", "°F")
_add("kelvin", "K")
_add("degree|°", "°")
_add("radian|rad", "rad")
_add("turn", "turn")
_add("gray|gy", "Gy")
_add("bit", "bit")
_add("byte", "B")
_add("kibibyte", "KiB")
_add("megabyte", "MB")
_add("megabit", "Mbit")
_add("exabyte", "EB")

MONEY_UNITS = frozenset(u for (units, _f) in UNIT_MAP.values() for u in units
                        if u.isupper() and len(u) == 3 and u not in {"BTU"})


def canonical(name: str | None) -> tuple[frozenset[str], float]:
    """Map a unit name or symbol to (canonical units, factor); unknown names map to themselves.

    Lookup is case-insensitive on names, but an exact match wins first so that symbols that
    differ only by case keep their meaning ("MW" megawatt).
    """
    raw = (name or "").strip()
    if raw in UNIT_MAP:
        return UNIT_MAP[raw]
    if "/" in raw.strip("/") and raw not in {"EH/s", "TH/s", "PH/s", "km/h"}:
        (top, tf), (per, pf) = (canonical(p) for p in raw.split("/", 1))  # "USD/kWh"
        return frozenset(f"{a}/{b}" for a in top for b in per), tf / pf
    key = raw.lower()
    if key in UNIT_MAP:
        return UNIT_MAP[key]
    if key.endswith("s") and key[:-1] in UNIT_MAP:  # plural nouns: "barrels", "degrees"
        return UNIT_MAP[key[:-1]]
    if len(raw) == 3 and raw.isalpha() and raw.isupper():
        return frozenset({raw}), 1.0  # an ISO code we do not list
    return frozenset({key}), 1.0


def category_of(units: frozenset[str]) -> str:
    """money | percent | count | dimension for a canonical unit set."""
    tops = {u.split("/")[0] for u in units}  # a price "USD/kWh" is money
    if tops & MONEY_UNITS or any(len(u) == 3 and u.isalpha() and u.isupper() for u in tops):
        return "money"
    if "%" in units:
        return "percent"
    if units <= {""} or not any(u in _PHYSICAL for u in units):
        return "count"
    return "dimension"


_PHYSICAL = frozenset(u for (units, _f) in UNIT_MAP.values() for u in units) - MONEY_UNITS - {
    "%", ""}


def values_match(expected: float, found: float, rel: float = 1e-6) -> bool:
    """True when two values agree within a relative tolerance (absolute near zero)."""
    return abs(expected - found) <= rel * max(abs(expected), abs(found), 1e-12)
