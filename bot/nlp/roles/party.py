"""A US politician's party as the role when no title says more: "Republican Phil Bryant won",
"Democrat Jim Hood lost", "Tom Emmer, a Republican from Minnesota, said", "X, a Texas
Democrat,". With a title ("Republican Sen. X") the title is the role and the party is left
out of it (`orgs.split_org`); this only speaks when nothing else does."""

from __future__ import annotations

import re

from spacy.tokens import Span

from bot.domain.models import Role
from bot.nlp.roles.candidate import STATED, Candidate
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.places import us_state

PARTIES = frozenset({"Republican", "Democrat"})  # as a noun; "Democratic" is an adjective
_FORMER = frozenset({"former", "veteran", "fellow"})
# ", a Republican," / ", a Minnesota Republican," / ", a Democrat from Ohio," right after the
# name; bounded: at most two capitalised words of a state, then the party.
_AFTER = re.compile(
    r",\s*an?\s+(?:(former|veteran|fellow)\s+)?(?:([A-Z][a-z]{1,13}(?:\s[A-Z][a-z]{1,13})?)\s+)?"
    r"(Republican|Democrat)(?:\s+from\s+([A-Z][a-z]{1,13}(?:\s[A-Z][a-z]{1,13})?))?\s*[,.;]")


def party_roles(ctx: RoleContext, span: Span) -> list[Candidate]:
    """The party written as a noun right before or right after a person's name."""
    found = _before(ctx, span) or _after(ctx, span)
    return [found] if found is not None else []


def _before(ctx: RoleContext, span: Span) -> Candidate | None:
    doc, i = ctx.doc, span.start - 1
    if i < span.sent.start or doc[i].text not in PARTIES:
        return None
    if i - 1 >= span.sent.start and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start:
        return None  # "Texas Republican Party chair X": a longer name, not the party alone
    former = i - 1 >= span.sent.start and doc[i - 1].lower_ in _FORMER
    text = f"{doc[i - 1].lower_} {doc[i].text}" if former else doc[i].text
    return Candidate(Role(text, None, span.sent.text), STATED)


def _after(ctx: RoleContext, span: Span) -> Candidate | None:
    m = _AFTER.match(ctx.text, span.end_char, min(len(ctx.text), span.end_char + 64))
    if m is None:
        return None
    qualifier, state_before, party, state_after = m.groups()
    named = state_before or state_after
    state = us_state(named) if named else None
    if named and state is None:
        return None  # "a Goldman Republican": not a state
    text = f"{qualifier} {party}" if qualifier else party
    return Candidate(Role(text, state, span.sent.text), STATED)
