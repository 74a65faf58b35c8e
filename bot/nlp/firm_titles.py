"""Titles only a firm gives, and the firm the model left untagged before one
("Coinbase chief legal officer X", "Metaplanet CEO X"): that firm is an entity of its own, so
`/entity Coinbase` answers and "the company" in the next clause has something to stand for."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.gazetteer import gazetteer
from bot.nlp.lexicon import (
    COMPANY_TITLES,
    HONORIFIC_WORDS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    ROLE_HEADS,
    TITLE_ABBREVIATIONS,
)

# Words that qualify a title ("former CEO", "interim chair"), not part of a firm's name.
QUALIFIER_WORDS = frozenset({"former", "acting", "interim", "then", "outgoing", "incoming",
                             "retired",
                             "ex", "deputy", "vice", "senior", "chief", "current",
                             "accused", "alleged", "convicted", "suspected", "jailed"})
MAX_TITLE_TOKENS = 6  # "chief legal officer", "co - founder and former"
MAX_FIRM_TOKENS = 3  # "Galaxy Digital Holdings"


def company_title(title: str) -> bool:
    """A title only a firm gives: the known ones, with or without a qualifier ("former CEO",
    "interim chair"), and the C-suite pattern "chief ... officer" / "chief ..." of a few words
    ("chief legal officer", "chief strategist")."""
    words = title.split()
    if not words:
        return False  # "Leicester team-mate X": a description left no title
    while len(words) > 1 and words[0] in QUALIFIER_WORDS - {"chief"}:
        words = words[1:]
    rest = " ".join(words)
    return rest in COMPANY_TITLES or (words[0] == "chief" and 2 <= len(words) <= 4)


def _title_start(doc: Doc, end: int) -> int | None:
    """Where the lower-case company title ending at token `end` starts, or None."""
    start = end
    while start > 0 and end - start < MAX_TITLE_TOKENS:
        tok = doc[start - 1]
        if not (tok.is_lower and (tok.is_alpha or tok.text == "-")):
            break
        start -= 1
    for k in range(start, end):  # the longest title first: "former chief executive"
        if doc[k].is_alpha and company_title(doc[k:end].text.lower()):
            return k
    return None


# Words for a trade, not a firm's name, that open "<word> chief executive X".
SECTOR_WORDS = frozenset({"industry", "tech", "technology", "crypto", "startup", "start-up",
                          "media", "retail", "energy", "mining", "finance", "investment",
                          "insurance", "sector", "company", "firm", "business", "team"})


def _firm_word(tok: Token) -> bool:
    """A capitalised word that may be a word of a firm's name. At a sentence's start the
    small model tags an unknown name as a verb or adjective ("Coinbase chief legal officer
    X") and an everyday word a firm is named by as anything ("Ripple chief executive X"); a
    trade's word is none ("Industry chief executive X")."""
    low = tok.lower_
    if not (tok.text[:1].isupper() and tok.is_alpha) or low in QUALIFIER_WORDS \
            or low in ROLE_HEADS or low in TITLE_ABBREVIATIONS or low in SECTOR_WORDS \
            or low.rstrip(".") in HONORIFIC_WORDS or gazetteer().countries.get(tok.text):
        return False
    if tok.pos_ == "PROPN":
        return True
    participle = tok.tag_ in {"VBN", "VBD", "VBG"} or low.endswith(("ed", "ing"))
    return bool(tok.is_sent_start) and not participle  # "Ousted former chairman X"


def firms_before_titles(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """ORG spans for "Firm <company title> <PERSON>" where the model tagged the person but
    not the firm: one to three capitalised untagged words right before the title, not only
    generic words ("Group CEO X", "Bank chairman X")."""
    out: list[Span] = []
    for person in spans:
        if person.label_ != "PERSON":
            continue
        title = _title_start(doc, person.start)
        if title is None:
            continue
        start = title
        while start > 0 and title - start < MAX_FIRM_TOKENS and start - 1 not in covered \
                and _firm_word(doc[start - 1]):
            start -= 1
        words = doc[start:title]
        if not len(words) or all(t.text in ORG_SUFFIXES or t.lower_ in ORG_NOUNS
                                 for t in words):
            continue
        if start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
                and start - 1 not in covered:
            continue  # a longer capitalised run than a firm's name: unsure where it starts
        out.append(Span(doc, start, title, label="ORG"))
    return out
