"""Acronyms a place owns: "Hong Kong's SFC", "Thailand's SEC", "Kenya's CMA". The model often
leaves an acronym untagged after a possessive; written right after a country's or state's
name and "'s", a word in capitals is one of that place's bodies (an ORG)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.currencies import CODES
from bot.nlp.lexicon import POSSESSIVE
from bot.nlp.units import parse_unit

_MIN, _MAX = 2, 6  # letters of an acronym
_PLACES = frozenset({"GPE"})
# Capitals that are measures, places, things or titles, not bodies ("China's GDP", "Sydney's CBD").
_NOT_BODIES = frozenset({
    "GDP", "GNP", "GNI", "CPI", "PPI", "PMI", "FDI", "VAT", "GST", "AI", "ETF", "IPO", "CBDC",
    "NFT", "KYC", "AML", "CEO", "CFO", "COO", "CTO", "PM", "MP", "MPS", "TV", "EV", "EVS",
    "LNG", "OK", "US", "UK", "EU", "UN", "USA", "UAE", "CBD",
})


def _acronym(text: str) -> bool:
    """Capitals that may name a body: no currency code, ticker or unit ("China's BTC")."""
    return _MIN <= len(text) <= _MAX and text.isalpha() and text.isupper() \
        and text not in _NOT_BODIES and text not in CODES and parse_unit(text) is None


def possessed_acronyms(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """ORG spans for the untagged acronyms written right after "<place>'s" (`spans`: the
    entities found so far; `covered`: their token indices)."""
    place_end = {s.end: s for s in spans if s.label_ in _PLACES}
    out: list[Span] = []
    for tok in doc[2:]:
        i = tok.i
        if i in covered or not _acronym(tok.text) or doc[i - 1].text not in POSSESSIVE:
            continue
        if i - 1 in place_end and (i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()):
            out.append(Span(doc, i, i + 1, label="ORG"))  # not "Kenya's CMA Chief X"'s part
    return out
