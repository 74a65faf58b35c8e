"""Numbers that count the plural subject of the verb that sets them: "licensed firms rose to
190", "the number of licences reached 248", "active wallets fell to 18 million", "its
customers now number about 500,000". The noun is written before the number, so the word rules
of `bot.nlp.counts` (which read the noun after it) cannot see it; the dependency parse can.

`counted_noun` gives the counted noun of a figure found without a unit ("13 million");
`subject_counts` finds the bare numbers of a sentence ("190") that count such a subject, which
`bot.nlp.figures` leaves out because a bare number alone says nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.lexicon import DEMONYMS
from bot.nlp.numbers import parse_number
from bot.nlp.raw import QUALIFIERS, RawFigure, qualifier_of

# Verbs that set a count to a new value ("rose to", "reached", "totalled", "stood at").
_SETTING = frozenset({
    "rise", "grow", "fall", "reach", "total", "stand", "climb", "jump", "increase",
    "decrease", "drop", "hit", "top", "exceed", "surpass", "swell", "soar", "number",
    "decline", "shrink", "near", "slip", "dip", "plunge", "surge",
})
# Plural nouns that are amounts of money or of a mass, whose unit the text left out
# ("prices rose to 190" is a price, not 190 prices).
_NOT_COUNTED = frozenset({
    "price", "rate", "yield", "level", "value", "cost", "revenue", "sale", "profit",
    "earning", "reserve", "asset", "holding", "saving", "fund", "deposit", "stock", "share",
    "bond", "export", "import", "emission", "temperature", "wage", "salary", "fee", "tax",
    "payment", "loss", "debt", "outflow", "inflow", "balance", "return", "premium", "tariff",
    "volume", "figure", "number", "total", "sum", "amount", "estimate", "forecast", "point",
})
# One-word hedges of raw.QUALIFIERS ("about 500,000"); "more than" and the like are left.
_HEDGES = frozenset(q for q in QUALIFIERS if " " not in q and q.isalpha())
_YEARS = (1800, 2100)


def _number_head(tok: Token) -> Token:
    """The top of a number's own phrase ("13" in "13 million" -> "million")."""
    while tok.dep_ in {"compound", "quantmod", "nummod"} and tok.head.like_num \
            and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _setting_verb(top: Token) -> Token | None:
    """The verb that sets the number: "rose [to N]", "grew [by N]" (the change, in the same
    unit), "reached N", "number [about] N"; also
    where the parse hangs the number on a word after it ("rose to 190 last year")."""
    head, doc = top.head, top.doc
    before = doc[top.i - 1] if top.i > 0 else None
    if top.dep_ == "pobj" and head.dep_ == "prep" and (
            head.lower_ in {"to", "at", "from", "by"} or head.lower_ in _HEDGES):
        verb = head.head
    elif top.dep_ in {"dobj", "attr", "npadvmod"}:
        verb = head
    elif before is not None and before.dep_ == "prep" and before.lower_ in {"to", "at"}:
        verb = before.head
    else:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in _SETTING else None


def _counted(noun: Token) -> bool:
    return noun.tag_ == "NNS" and noun.is_alpha and noun.is_lower and not noun.ent_type_ \
        and noun.lemma_.lower() not in _NOT_COUNTED


def counted_noun(figure: Span) -> str | None:
    """The plural noun a unitless number counts through its verb ("active wallets" for "18
    million" in "active wallets fell to 18 million"), or None."""
    verb = _setting_verb(_number_head(figure.root))
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp":  # "the number ... is expected to rise to N"
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for child in subjects:
        noun: Token | None = child
        if child.lemma_.lower() == "number":  # "the number of licensed firms"
            noun = next((o for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"), None)
        if noun is not None and noun.tag_ == "NNPS" and noun.text in DEMONYMS:
            return "people"  # "the number of white Britons will increase by three million"
        if noun is not None and _counted(noun):
            mods = [c.lower_ if c.is_sent_start else c.text for c in noun.lefts
                    if c.dep_ in {"amod", "compound"} and c.is_alpha
                    and (c.is_lower or c.is_sent_start) and not c.ent_type_]
            return " ".join([*mods, noun.text])
    return None


def subject_counts(sent: Span, taken: list[tuple[int, int]]) -> list[RawFigure]:
    """Bare numbers of a sentence that count the subject of their verb, as counts (char
    offsets within the sentence); numbers inside `taken` spans (figures already found),
    years and numbers that are parts of dates or amounts are left alone."""
    out: list[RawFigure] = []
    base = sent.start_char
    for tok in sent:
        if not tok.like_num or tok.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT",
                                                 "QUANTITY", "ORDINAL"}:
            continue
        start, end = tok.idx - base, tok.idx + len(tok.text) - base
        if any(a <= start < b for a, b in taken):
            continue
        value = parse_number(tok.text)
        if value is None or (value.is_integer() and _YEARS[0] <= value <= _YEARS[1]
                             and "," not in tok.text):
            continue
        noun = counted_noun(sent.doc[tok.i:tok.i + 1])
        if noun is None:
            continue
        hedge = sent.doc[tok.i - 1] if tok.i > sent.start else None
        if hedge is not None and hedge.lower_ not in _HEDGES:
            hedge = None
        if hedge is not None:
            start = hedge.idx - base
        out.append(RawFigure(value, noun, "count", sent.text[start:end], start, end,
                             qualifier=qualifier_of(hedge.lower_) if hedge else None))
    return out
