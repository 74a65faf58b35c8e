"""A capitalised title used alone as a sentence's subject ("The Prime Minister said ...") for
the person the article is about, when the article gives that person no other role.

The person is the one named clearly more often than any other; a title used alone is the
way news refers back to its main figure once named.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.phrase import is_head

MIN_MENTIONS = 3  # the main person is named at least this often ...
LEAD = 2  # ... and this many times as often as the next person
MAX_TITLE = 4  # tokens
_SUBJECT = frozenset({"nsubj", "nsubjpass"})


def _main_person(ctx: RoleContext) -> str | None:
    counts = Counter(m.name for m in ctx.mentions if m.label == "PERSON")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def _title_start(ctx: RoleContext, head: Token) -> int | None:
    """Start of "The <Capitalised words> <Head>" ending at `head`, or None."""
    doc = ctx.doc
    i = head.i - 1
    while i >= 0 and head.i - i <= MAX_TITLE:
        tok = doc[i]
        if tok.lower_ == "the":
            return i + 1
        if ctx.at(i) is not None or not (tok.is_alpha and tok.text[:1].isupper()):
            return None
        i -= 1
    return None


def _alone(ctx: RoleContext, head: Token) -> bool:
    """Nothing after the title names its holder or organisation ("The President Joe X",
    "The Minister of Finance")."""
    doc = ctx.doc
    if head.i + 1 >= len(doc):
        return True
    nxt = doc[head.i + 1]
    return ctx.at(nxt.i) is None and nxt.pos_ != "PROPN" and nxt.lower_ not in {"of", "for"} \
        and nxt.text not in {"'s", "’s"}


def title_references(ctx: RoleContext, found: dict[str, list[Candidate]]) -> \
        dict[str, list[Candidate]]:
    """{main person: the title used alone as a subject}, if `found` has no role for them."""
    person = _main_person(ctx)
    if person is None or found.get(person):
        return {}
    out: list[Candidate] = []
    for tok in ctx.doc:
        if not (tok.text[:1].isupper() and is_head(tok)) or ctx.at(tok.i) is not None:
            continue
        if tok.dep_ not in _SUBJECT or not _alone(ctx, tok):
            continue
        start = _title_start(ctx, tok)
        if start is None:
            continue
        text = ctx.doc[start:tok.i + 1].text
        cand = make(ctx, tok.sent, text, None, text, True)
        if cand is not None:
            out.append(cand)
    return {person: out} if out else {}
