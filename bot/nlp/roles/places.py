"""Countries and first-level subdivisions from CLDR (babel) and ISO 3166 (pycountry).

Used by the role extractor to tell a country ("Finance Minister" of Pakistan) from a state or
province ("Governor" of Texas), to read demonyms it has no list entry for ("Finnish" ->
Finland) and US party-state tags ("(R-Tenn.)" -> Tennessee). Loaded once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry
from babel import Locale
from babel.core import get_global

from bot.nlp.gazetteer import public_bodies
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS, PUBLIC_BODIES

# CLDR territory codes that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"})
# First-level subdivisions that hold an elected government of their own.
_STATE_TYPES = frozenset({"State", "Province", "Country", "Territory", "Emirate", "Land",
                          "Canton", "Autonomous community", "Region", "Federal district",
                          "District", "Capital territory", "Autonomous region", "Oblast",
                          "Republic", "Capital district", "Federal territory"})
_BRACKETS = re.compile(r"\s*\[.*?\]")
_MIN_STEM = 3
# How nationality words end ("Finnish", "Norwegian", "Sudanese", "Czech", "Swiss", "Iraqi").
_DEMONYM_ENDINGS = ("ish", "an", "ese", "i", "ic", "ch", "ss", "ot")


@cache
def _territories() -> dict[str, str]:
    return dict(Locale.parse("en").territories)


@cache
def _countries() -> frozenset[str]:
    names = {v for k, v in _territories().items()
             if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.add(value)
    names |= set(COUNTRY_ALIASES.values()) | set(DEMONYMS.values())
    return frozenset(names)


@cache
def _short_countries() -> tuple[str, ...]:
    """CLDR short names, the form demonyms are matched against."""
    return tuple(sorted(v for k, v in _territories().items()
                        if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES))


def _fold(text: str) -> str:
    """Accent-free form ("Mahārāshtra" -> "Maharashtra")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _states() -> dict[str, str]:
    """{subdivision name: ISO country code} for first-level subdivisions."""
    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in _STATE_TYPES:
            out.setdefault(_fold(_BRACKETS.sub("", sub.name)), sub.country_code)
    return out


@cache
def _cities() -> dict[str, str]:
    """{city: ISO country code} for the cities that name CLDR time zones ("Kuala Lumpur")."""
    out: dict[str, str] = {}
    for zone, territory in get_global("zone_territories").items():
        if "/" in zone and not zone.startswith("Etc/"):
            out.setdefault(zone.rsplit("/", 1)[1].replace("_", " "), territory)
    return out


@cache
def _us_states() -> dict[str, str]:
    """{postal code: state name} for the US states and DC."""
    states = pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
    return {s.code.split("-")[1]: s.name for s in states
            if s.type in {"State", "District"}}


def is_country(name: str) -> bool:
    """A sovereign country's name ("Pakistan", "United States", "Russian Federation")."""
    return name in _countries()


def is_state(name: str) -> bool:
    """A first-level subdivision that is not also a country ("Texas", "Wales", "Sabah")."""
    return _fold(name) in _states() and not is_country(name)


def country_of_city(name: str) -> str | None:
    """The country of a large city CLDR knows ("KUALA LUMPUR" -> Malaysia)."""
    code = _cities().get(name.title() if name.isupper() else name)
    return _territories().get(code) if code else None


@cache
def demonym_country(word: str) -> str | None:
    """The country a nationality word points to: the word list first, then the one CLDR
    country whose name shares the word's longest stem ("Finnish" -> Finland)."""
    if word in DEMONYMS:
        return DEMONYMS[word]
    if word.endswith("s") and word[:-1].endswith(_DEMONYM_ENDINGS):
        word = word[:-1]  # "Malaysians"
    if not word[:1].isupper() or " " in word or not word.endswith(_DEMONYM_ENDINGS) \
            or any(c == word or c.startswith(word + " ") for c in _short_countries()):
        return None
    for k in range(len(word), _MIN_STEM - 1, -1):
        matches = [c for c in _short_countries() if c.startswith(word[:k])]
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None


def _subsequence(short: str, name: str) -> bool:
    it = iter(name.lower())
    return all(ch in it for ch in short.lower())


# The AP abbreviations whose letters begin more than one state's name ("Miss." is
# Mississippi, Missouri is "Mo."; Alaska is never abbreviated).
_AP_SHARED_PREFIX = {"Miss": "Mississippi", "Mo": "Missouri", "Ala": "Alabama"}


def us_state(abbrev: str) -> str | None:
    """A US state from its name, a postal code or a dotted newspaper abbreviation ("TN",
    "S.C.", "Tenn.", "W.Va."), None when it is not one state."""
    letters = abbrev.replace(".", "")
    states = _us_states()
    if abbrev in states.values():
        return abbrev  # "New Hampshire" written out
    if letters.isupper() and letters in states:
        return states[letters]
    if not letters.isalpha() or len(letters) < 2:
        return None
    if letters in _AP_SHARED_PREFIX:
        return _AP_SHARED_PREFIX[letters]
    parts = [p for p in abbrev.split(".") if p]
    if len(parts) == 2 and all(p.isalpha() for p in parts):  # "W.Va.": West Virginia
        words = {n for n in states.values() if len(n.split()) == 2 and all(
            w[0] == p[0] and _subsequence(p[1:], w[1:])
            for w, p in zip(n.split(), parts, strict=True))}
        if len(words) == 1:
            return words.pop()
    names = [n for n in states.values() if n.startswith(letters)] if len(letters) >= 3 else []
    if not names:
        names = [n for n in states.values()
                 if n[0] == letters[0] and " " not in n and _subsequence(letters[1:], n[1:])]
    return names[0] if len(names) == 1 else None


def country_of_state(name: str) -> str | None:
    """The country a first-level subdivision belongs to ("Sabah" -> Malaysia)."""
    code = _states().get(_fold(name))
    return _territories().get(code) if code else None


_STATE_BODY_WORDS = PUBLIC_BODIES | {"state", "statehouse", "legislature", "capitol"}


def state_in_name(name: str) -> str | None:
    """A state that opens the name of one of its public bodies ("Indiana State Police",
    "Texas Senate", "Ohio Statehouse"); never a firm's or paper's ("Washington Post")."""
    words = name.split()
    for k in (2, 1):
        if len(words) > k and is_state(" ".join(words[:k])) and \
                words[k].lower() in _STATE_BODY_WORDS:
            return " ".join(words[:k])
    return None


def country_in_name(name: str) -> str | None:
    """A country named at the start or end of an organisation's name ("Central Bank of
    Nigeria", "United States Treasury"), or the country of a central bank or regulator the
    gazetteer knows ("Banco Central do Brasil" -> Brazil)."""
    body = public_bodies().get(name)
    if body is not None and is_country(body.country):
        return body.country
    words = name.split()
    for k in range(min(3, len(words) - 1), 0, -1):
        for part in (" ".join(words[:k]), " ".join(words[-k:])):
            part = COUNTRY_ALIASES.get(part, part)
            if is_country(part):
                return part
    return demonym_country(words[0]) if len(words) > 1 else None
