"""The level a share index moved to or closed at: "the S&P 500 lost 1.85 points, or 0.06%, to
3,120.18", "the FTSE 100 closed at 7,412.5". A bare number says nothing by itself, so
`bot.nlp.figures` leaves it out; the parse shows it is the index's level, in points, when it
is the object of "to"/"at" on a verb whose subject is a share index.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.lexicon import STOCK_INDICES
from bot.nlp.numbers import parse_number
from bot.nlp.raw import RawFigure

# Verbs of a market move or a close ("fell to", "ended at", "lost 1.85 points to").
_MOVES = frozenset({
    "rise", "fall", "gain", "lose", "add", "shed", "drop", "climb", "jump", "slip", "dip",
    "slide", "sink", "plunge", "surge", "soar", "rally", "tumble", "edge", "close", "end",
    "finish", "open", "settle", "trade", "stand", "hit", "reach", "retreat", "advance",
    "decline", "ease", "fluctuate",
})
_BAD_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _index_subject(verb: Token) -> bool:
    """The verb's subject is (part of) a share index's name."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or not subj.ent_type_:
        return False
    doc = verb.doc
    start, end = subj.i, subj.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text in STOCK_INDICES


def index_levels(sent: Span, taken: list[tuple[int, int]]) -> list[RawFigure]:
    """The index levels of a sentence, in points (char offsets within the sentence); numbers
    inside `taken` spans (figures already found) are left alone."""
    out: list[RawFigure] = []
    base = sent.start_char
    for tok in sent:
        if not tok.like_num or tok.ent_type_ in _BAD_ENTS or tok.dep_ != "pobj":
            continue
        prep, verb = tok.head, tok.head.head
        if prep.lower_ not in {"to", "at"} or verb.pos_ != "VERB" \
                or verb.lemma_.lower() not in _MOVES or not _index_subject(verb):
            continue
        start, end = tok.idx - base, tok.idx + len(tok.text) - base
        value = parse_number(tok.text)
        if value is None or any(a <= start < b for a, b in taken):
            continue
        out.append(RawFigure(value, "points", "count", sent.text[start:end], start, end,
                             measure_hint="index level"))
    return out
