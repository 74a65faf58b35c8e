"""Money details that need the figure match: currency forms that read as something else,
evidence for weak signs and codes, minor units after an amount ("4 dollars 75 cents") and the
unit of a price ("per kWh")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.nlp.currencies import NAMES as CURRENCY_NAMES
from bot.nlp.currencies import USES, used_in
from bot.nlp.money import NAME_AFTER, WEAK_PREFIXES, codes_of, currency_name, shouted
from bot.nlp.numbers import WORD_NUMBER, is_year, parse_number
from bot.nlp.raw import RawFigure
from bot.nlp.units import per_unit

WORD_SCALE = re.compile(r"\b(?:thousand|million|billion|trillion|lakh|crore)\b", re.I)
# cents after a main unit ("3 dollars 50 cents", "and forty-five cents"), or a bare 1-99 that
# ends the sentence ("15 dollars 50.")
_MINOR = re.compile(
    rf"\s+(?:and\s+)?(?P<num>\d{{1,2}}|{WORD_NUMBER})\b"
    rf"(?:\s?(?P<sub>cents?\b|pence\b|¢)|(?=[\s.!?…\"”’')\]]*$))",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|"
                         r"times|decades?|points?|votes?)\b", re.IGNORECASE)
# an exchange rate: "1,400 pesos to the dollar", "per euro", "against the US dollar"
_RATE = re.compile(rf"\s{{1,3}}(?:to|per|against)\s{{1,3}}(?:the\s{{1,3}}|one\s{{1,3}}|a\s{{1,3}})?"
                   rf"(?P<name>{NAME_AFTER})(?![\s-]{{1,3}}(?:zone|area|bloc|region|system|market|"
                   r"economy|countries|nations|members?|bonds?|notes?|assets?)\b)")
_ELECTRIC = re.compile(r"\b(?:electricity|power|tariffs?|energy|kWh|grid|utility|utilities)\b",
                       re.IGNORECASE)


def weak_currency(m: re.Match[str], text: str, cur: str,
                  parsed: tuple[str, str, float] | None) -> bool:
    """A currency word or lower-case code before a number that reads as something else: a
    year ("usd 2015 prices"), a span ("a dollar 10 years ago"), another unit ("dollar 2%")."""
    if cur.isupper() or cur.lower() not in WEAK_PREFIXES:
        return False
    year = is_year(m.group("num")) and not m.group("scale")
    return bool(year or _TIME_AFTER.match(text, m.end("num"))
                or (parsed and parsed[1] != "money"))


def minor(text: str, end: int, bare_ok: bool) -> tuple[float, int] | None:
    """(cents as a fraction, new end) of a minor unit after an amount (see `_MINOR`); a bare
    number counts only when the currency was named after the amount (bare_ok)."""
    m = _MINOR.match(text, end)
    if m is None or not (m.group("sub") or bare_ok):
        return None
    cents = parse_number(m.group("num"))
    if cents is None or not cents.is_integer() or not 1 <= cents <= 99:
        return None
    return cents / 100, m.end()


def price_per(m: re.Match[str], text: str, kind: str) -> str | None:
    """The unit a price is per ("3.2 US cents per kWh" -> "kWh"); "per unit" is per kWh in
    a sentence about electricity, else nothing."""
    if not m.group("per") or kind not in ("money", "crypto"):
        return None
    unit = per_unit(m.group("per"))
    if unit == "unit":
        return "kWh" if _ELECTRIC.search(text) else None
    return unit


def evidence(m: re.Match[str], form: str, countries: tuple[str, ...]) -> bool:
    """A weak sign or code ("R", "RM", "TOP") is money only with a scale word, digit groups
    or a decimal part ("R1.86 million", "RM 12,500"), or in an article naming a country that
    uses it."""
    if shouted(form):
        return used_in(codes_of(form), countries)  # "fined MTN 500 million shillings"
    num = m.group("num")
    return bool(m.group("scale") or WORD_SCALE.search(num) or re.search(r"\d[,.\s]\d", num)
                or used_in(codes_of(form), countries))


def exchange_rate(text: str, end: int, countries: Sequence[str]) -> tuple[str, int] | None:
    """(code, end) of the currency an amount is quoted against ("to the dollar" -> USD)."""
    m = _RATE.match(text, end)
    found = currency_name(m.group("name"), countries) if m else None
    return (found[0], m.end()) if m and found else None


_SPELLED_POUNDS = re.compile(r"(?i:pounds?)")
_WEIGHT_WORDS = re.compile(r"\b(?:weigh(?:s|ed|ing|t|ts)?|heavier|lighter|lbs?)\b", re.IGNORECASE)
_POUNDS_MONEY = re.compile(r"\b(?:pence|sterling|cost|costs|paid|pay|price|worth|spend|spent|"
                           r"fund|funding|budget|loan|fine|fined|salary|raised|bid)\b|£",
                           re.IGNORECASE)
# Countries whose money CLDR calls a "pound" (the UK and its dependencies, Egypt, Lebanon,
# Syria, Sudan, South Sudan, ...).
_POUND_COUNTRIES = frozenset(country for country, codes in USES.items()
                             if set(codes) & set(CURRENCY_NAMES.get("pound", ())))


def weight_in_pounds(text: str, unit_text: str, scaled: bool,
                     countries: Sequence[str]) -> bool:
    """Whether a spelled "pounds" after a number is a weight ("clocked in at 243 pounds",
    "weighed 12 pounds"): said with a word of weight; else, with no word of money and no
    scale, in an article that names no country whose money is the pound."""
    if not _SPELLED_POUNDS.fullmatch(unit_text.strip()):
        return False
    if _WEIGHT_WORDS.search(text):
        return True
    if scaled or _POUNDS_MONEY.search(text):
        return False
    return not _POUND_COUNTRIES & set(countries)


_THE_CURRENCY = re.compile(rf"(?:\b(?i:the)|[A-Za-z]['’]s)\s{{1,3}}(?P<name>{NAME_AFTER})")
_CLAUSE_END = re.compile(r"[;:!?]|\.(?!\d)")


def quoted_currency(text: str, start: int, end: int, countries: tuple[str, ...]) -> str | None:
    """The code of the currency a bare number quotes against another ("the shilling traded
    at 129 to the dollar", "Argentina's peso fell to 1,400 per dollar"): the currency named
    as "the <name>" or "<owner>'s <name>" nearest before the number in its own clause, when
    the number is followed by "to/per the <currency>" and that currency is another one."""
    against = exchange_rate(text, end, countries)
    if against is None:
        return None
    window = text[max(0, start - 70):start]
    for found in reversed(list(_THE_CURRENCY.finditer(window))):
        if _CLAUSE_END.search(window, found.end()):
            return None  # named in an earlier clause or sentence
        money = currency_name(found.group("name"), countries)
        if money and money[0] != against[0]:
            return money[0]
    return None


LISTED_PRICE_GAP = 100  # characters between two prices of one list
LISTED_PRICE_RATIO = 20.0  # a price of the list is within this factor of the first
_CLAUSE_BREAK = re.compile(r"[;:—]")
_OWN_NOUN = re.compile(r"\s+(?:in|of|for|on)\s+(?!the\b)[a-z]", re.IGNORECASE)  # "$300 in fees"


def listed_prices(found: Sequence[RawFigure], text: str) -> list[RawFigure]:
    """`found` with the bare amounts of a list of prices taking the unit of the price before
    them ("26p per vote, the Conservatives 79p and the Lib Dems £1.45", "£130 an hour when the
    cap is £76", "from $0.23/W today to $0.10"): the same currency, no scale word, a value of
    the same order, and at most `LISTED_PRICE_GAP` characters after the last price."""
    out: list[RawFigure] = []
    last: RawFigure | None = None
    for fig in found:
        if fig.kind != "money":
            out.append(fig)
            continue
        if "/" in fig.unit:
            last = fig
        elif last is not None and last.unit.split("/")[0] == fig.unit \
                and fig.start - last.end <= LISTED_PRICE_GAP \
                and not _CLAUSE_BREAK.search(text, last.end, fig.start) \
                and not _OWN_NOUN.match(text, fig.end) \
                and not WORD_SCALE.search(fig.text) and fig.value > 0 and last.value > 0 \
                and 1 / LISTED_PRICE_RATIO <= fig.value / last.value <= LISTED_PRICE_RATIO:
            fig = replace(fig, unit=last.unit)
            last = fig
        else:
            last = None
        out.append(fig)
    return out
