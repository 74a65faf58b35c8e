"""The countries an article names, as ISO alpha-2 codes, most named first: the hint that
resolves ambiguous currencies ("$", "Rs", "kr", "pesos") in `bot.nlp.figures`.

Names come from CLDR's English territory names (`bot.nlp.currencies.TERRITORIES`), the
demonyms and country aliases of `bot.nlp.lexicon`, names inside longer entity names
("Reserve Bank of India" -> IN), the central banks and regulators of the gazetteer and their
initials when only one body has them ("ASIC" -> AU), states and provinces ("Texas" -> US),
and a country's best-known markets ("Wall Street", "Nasdaq" -> US).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from bot.nlp.currencies import NAMES, TERRITORIES, USES, explicit_forms
from bot.nlp.gazetteer import gazetteer, initials, public_bodies
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS

_PLACE_LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC"}
_MAX_WORDS = 4  # "Bosnia and Herzegovina", "Trinidad and Tobago"
# Short English names the press uses where CLDR has another form ("Türkiye", "Czechia").
_PRESS_NAMES = {"Turkey": "TR", "Czech Republic": "CZ", "Ivory Coast": "CI", "Macau": "MO",
                "Korea": "KR", "Holland": "NL", "Swaziland": "SZ", "Burma": "MM",
                "Philippine": "PH"}  # the adjective of "Philippine Senate", "Philippine peso"
# Markets and indices the press names instead of their country (no data set lists them).
_MARKETS = {"Wall Street": "US", "Nasdaq": "US", "NYSE": "US", "New York Stock Exchange": "US",
            "Dow Jones Industrial Average": "US", "S&P 500": "US", "FTSE 100": "GB",
            "London Stock Exchange": "GB", "Nikkei": "JP", "Tokyo Stock Exchange": "JP",
            "Sensex": "IN", "Nifty": "IN", "Bombay Stock Exchange": "IN", "Hang Seng": "HK",
            "ASX": "AU", "TSX": "CA", "Toronto Stock Exchange": "CA", "DAX": "DE"}


def country_code(name: str) -> str | None:
    """ISO alpha-2 of a country name, alias or demonym ("Pakistani" -> PK), else None."""
    name = name.strip()
    name = COUNTRY_ALIASES.get(name, DEMONYMS.get(name, name))
    if name.startswith("the "):
        name = name[4:]
    return TERRITORIES.get(name) or _PRESS_NAMES.get(name)


@cache
def _named_codes() -> dict[str, str]:
    """{name: alpha-2} of the public bodies (and their unambiguous initials), the states and
    provinces, and the markets."""
    out: dict[str, str] = {}
    acronyms: dict[str, set[str]] = {}
    for name, body in public_bodies().items():
        code = country_code(body.country)
        if code:
            out[name] = code
            acronyms.setdefault(initials(name), set()).add(code)
    for acronym, codes in acronyms.items():
        if len(acronym) >= 3 and len(codes) == 1:
            out.setdefault(acronym, next(iter(codes)))
    for name, country in gazetteer().subdivisions.items():
        code = country_code(country)
        if code and name not in TERRITORIES:
            out.setdefault(name, code)
    return {**out, **_MARKETS}


def _codes_in(text: str) -> Iterable[str]:
    """Country codes named by an entity's text or by a run of its words."""
    whole = country_code(text) or _named_codes().get(text)
    if whole:
        yield whole
        return
    words = text.split()
    for size in range(min(_MAX_WORDS, len(words) - 1), 0, -1):
        for i in range(len(words) - size + 1):
            code = country_code(" ".join(words[i:i + size]))
            if code:
                yield code
                return


def _counts(entities: Iterable[tuple[str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text, label in entities:
        if label in _PLACE_LABELS:
            counts.update(_codes_in(text))
    return counts


def countries_named(entities: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Alpha-2 codes of the countries among (text, label) entities, most mentioned first
    (ties: first mentioned first)."""
    return tuple(code for code, _n in _counts(entities).most_common())


_MARKET_NAMES = re.compile("|".join(rf"(?<!\w){re.escape(m)}(?!\w)"
                                    for m in sorted(_MARKETS, key=len, reverse=True)))


def _markets_in(text: str) -> Counter[str]:
    """Country codes of the markets a text names (the model seldom tags "Wall Street")."""
    return Counter(_MARKETS[m.group(0)] for m in _MARKET_NAMES.finditer(text))


def _named(text: str, form: str) -> bool:
    flags = re.IGNORECASE if " " in form else 0
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags) is not None


def currency_countries(text: str, entities: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The countries bare currency signs follow (`countries_named`, with the markets the text
    names), except that an article which names its main country's dollar outright ("8
    million Australian dollars ($5.1 million)") uses a bare "$" for the US dollar: the United
    States is put first then."""
    counts = _counts(entities)
    for code, n in _markets_in(text).items():
        counts[code] += n
    countries = tuple(code for code, _n in counts.most_common())
    if not countries or countries[0] == "US":
        return countries
    local = [c for c in USES.get(countries[0], ()) if c in NAMES["dollar"] and c != "USD"]
    if any(_named(text, form) for code in local for form in explicit_forms(code)):
        return ("US", *(c for c in countries if c != "US"))
    return countries
