"""The countries an article names, as ISO alpha-2 codes, most named first: the hint that
resolves ambiguous currencies ("$", "Rs", "kr", "pesos") in `bot.nlp.figures`.

Names come from CLDR's English territory names (`bot.nlp.currencies.TERRITORIES`), the
demonyms and country aliases of `bot.nlp.lexicon`, and names inside longer entity names
("Reserve Bank of India" -> IN).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bot.nlp.currencies import NAMES, TERRITORIES, USES, explicit_forms
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS

_PLACE_LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC"}
_MAX_WORDS = 4  # "Bosnia and Herzegovina", "Trinidad and Tobago"
# Short English names the press uses where CLDR has another form ("Türkiye", "Czechia").
_PRESS_NAMES = {"Turkey": "TR", "Czech Republic": "CZ", "Ivory Coast": "CI", "Macau": "MO",
                "Korea": "KR", "Holland": "NL", "Swaziland": "SZ", "Burma": "MM",
                "Philippine": "PH"}  # the adjective of "Philippine Senate", "Philippine peso"


def country_code(name: str) -> str | None:
    """ISO alpha-2 of a country name, alias or demonym ("Pakistani" -> PK), else None."""
    name = name.strip()
    name = COUNTRY_ALIASES.get(name, DEMONYMS.get(name, name))
    if name.startswith("the "):
        name = name[4:]
    return TERRITORIES.get(name) or _PRESS_NAMES.get(name)


def _codes_in(text: str) -> Iterable[str]:
    """Country codes named by an entity's text or by a run of its words."""
    whole = country_code(text)
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


def countries_named(entities: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Alpha-2 codes of the countries among (text, label) entities, most mentioned first
    (ties: first mentioned first)."""
    counts: Counter[str] = Counter()
    for text, label in entities:
        if label in _PLACE_LABELS:
            counts.update(_codes_in(text))
    return tuple(code for code, _n in counts.most_common())


def _named(text: str, form: str) -> bool:
    flags = re.IGNORECASE if " " in form else 0
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags) is not None


def currency_countries(text: str, entities: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The countries bare currency signs follow (`countries_named`), except that an article
    which names its main country's dollar outright ("8 million Australian dollars ($5.1
    million)") uses a bare "$" for the US dollar: the United States is put first then."""
    countries = countries_named(entities)
    if not countries or countries[0] == "US":
        return countries
    local = [c for c in USES.get(countries[0], ()) if c in NAMES["dollar"] and c != "USD"]
    if any(_named(text, form) for code in local for form in explicit_forms(code)):
        return ("US", *(c for c in countries if c != "US"))
    return countries
