"""Acronyms a place owns: "Hong Kong's SFC", "Thailand's SEC", "Kenya's CMA". The model often
leaves an acronym untagged after a possessive; written right after a country's or state's
name and "'s", a word in capitals is one of that place's bodies (an ORG)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.currencies import CODES
from bot.nlp.lexicon import POSSESSIVE
from bot.nlp.type_cues import acronym_like
from bot.nlp.units import parse_unit

_MAX = 6  # letters of an acronym
_PLACES = frozenset({"GPE"})
# Capitals that are measures, places or things, not bodies ("China's GDP", "Sydney's CBD").
_NOT_BODIES = frozenset({"GDP", "GNP", "GNI", "CPI", "PPI", "PMI", "FDI", "VAT", "GST", "AI",
                         "ETF", "IPO", "CBDC", "NFT", "KYC", "AML", "TV", "EV", "EVS", "LNG",
                         "OK", "EU", "UN", "CBD"})


def _acronym(tok: Token) -> bool:
    """Capitals that may name a body (`acronym_like`: not a country's or a title's, "CEO"),
    written all in capitals, and no measure, currency code, ticker or unit ("China's BTC")."""
    text = tok.text
    return len(text) <= _MAX and text.isupper() and acronym_like(tok.doc[tok.i:tok.i + 1]) \
        and text not in _NOT_BODIES and text not in CODES and parse_unit(text) is None


def possessed_acronyms(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """ORG spans for the untagged acronyms written right after "<place>'s" (`spans`: the
    entities found so far; `covered`: their token indices)."""
    place_end = {s.end: s for s in spans if s.label_ in _PLACES}
    out: list[Span] = []
    for tok in doc[2:]:
        i = tok.i
        if i in covered or doc[i - 1].text not in POSSESSIVE or not _acronym(tok):
            continue
        if i - 1 in place_end and (i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()):
            out.append(Span(doc, i, i + 1, label="ORG"))  # not "Kenya's CMA Chief X"'s part
    return out
