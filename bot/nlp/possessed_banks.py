"""A central bank written as its country's plus a generic name ("Kazakhstan's National Bank",
"Uzbekistan's Central Bank"): the model tags only "National Bank", so every country's central
bank would be one entity of that name in the store. When the country is known and the
gazetteer knows its central bank, that bank's name is the entity's, for that mention and for
the same generic name elsewhere in the article (if only one country's bank is written so)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from bot.nlp.gazetteer import central_bank_of, gazetteer
from bot.nlp.lexicon import POSSESSIVE

_GENERIC = frozenset({"central", "national", "reserve", "state", "bank"})


def generic_bank(name: str) -> bool:
    """A central bank's name with nothing of its own ("National Bank", "Central Bank")."""
    words = name.lower().split()
    return "bank" in words and len(words) > 1 and set(words) <= _GENERIC


def possessed_central_banks(spans: Sequence[Span]) -> dict[str, str]:
    """{generic name as written: the central bank's name} for the "<country>'s <generic>"
    spans of a doc (`spans` in document order, normalised texts as keys)."""
    countries = gazetteer().countries
    place_ending: dict[int, str] = {}  # token index after a GPE span -> its country
    found: dict[str, set[str]] = {}
    for span in spans:
        if span.label_ == "GPE":
            country = countries.get(" ".join(span.text.split()))
            if country:
                place_ending[span.end] = country
            continue
        if span.label_ != "ORG" or span.start < 2:
            continue
        name = " ".join(span.text.split())
        if not generic_bank(name) or span.doc[span.start - 1].text not in POSSESSIVE:
            continue
        country = place_ending.get(span.start - 1)
        bank = central_bank_of(country, like=name) if country else None
        if bank:
            found.setdefault(name, set()).add(bank)
    return {name: banks.pop() for name, banks in found.items() if len(banks) == 1}

