"""A person's firm: "Michael Saylor's Strategy", "Jack Dorsey's Block". The model leaves a
firm whose name is an everyday word untagged; written capitalised mid-sentence right after a
person's name and "'s", and standing as a noun phrase of its own, it is that person's
organisation (an ORG). Its other mentions in the article then follow as repeats."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.lexicon import (
    CALENDAR_WORDS,
    HONORIFIC_WORDS,
    POSSESSIVE,
    ROLE_HEADS,
    TITLE_ABBREVIATIONS,
)
from bot.nlp.place_types import known_place

MAX_WORDS = 3  # "Truth Social", "Trump Media Group"
_ROLES_IN_PHRASE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})


def _word(tok: Token) -> bool:
    low = tok.lower_
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start \
        and tok.pos_ in {"PROPN", "NOUN"} and low not in ROLE_HEADS \
        and low not in TITLE_ABBREVIATIONS and low.rstrip(".") not in HONORIFIC_WORDS \
        and tok.text not in CALENDAR_WORDS and low not in {"may", "day"}  # "Saylor's Monday post"


def possessed_firms(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """ORG spans for one to three untagged capitalised words right after "<PERSON>'s" that
    make a noun phrase of their own (a subject or object, not a modifier: "Saylor's Strategy
    bought", not "Trump's Cabinet meeting"), and no place, "... of ..." ("Musk's
    Department of Government Efficiency": where it ends is not sure) or "... 2025" ("Anwar
    Ibrahim's Budget 2025": a plan)."""
    person_end = {s.end for s in spans if s.label_ == "PERSON"}
    out: list[Span] = []
    for tok in doc[2:]:
        i = tok.i
        if i in covered or doc[i - 1].text not in POSSESSIVE or i - 1 not in person_end \
                or not _word(tok):
            continue
        end = i + 1
        while end < len(doc) and end - i < MAX_WORDS and end not in covered \
                and _word(doc[end]):
            end += 1
        if end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in {"of", "for"}
                               or doc[end].pos_ in {"NOUN", "PROPN", "NUM"}):
            continue
        name = doc[i:end]
        if name.root.dep_ not in _ROLES_IN_PHRASE or known_place(name.text):
            continue
        out.append(Span(doc, i, end, label="ORG"))
    return out
