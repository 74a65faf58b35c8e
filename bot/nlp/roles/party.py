"""A US politician's party as the role when no title says more: "Republican Phil Bryant won",
"Democrat Jim Hood lost", "Tom Emmer, a Republican from Minnesota, said", "X, a Democrat,".
With a title ("Republican Sen. X") the title is the role and the party is left out of it
(`orgs.split_org`); this only speaks when nothing else does. The state after the name is read
by `after.party_state`, the one reader of such notes."""

from __future__ import annotations

import re

from spacy.tokens import Span

from bot.domain.models import Role
from bot.nlp.roles.after import party_state, state_of
from bot.nlp.roles.candidate import STATED, Candidate
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.places import us_state

PARTIES = frozenset({"Republican", "Democrat"})  # as a noun; "Democratic" is an adjective
_FORMER = frozenset({"former", "veteran", "fellow"})
_BARE_AFTER = re.compile(r",\s*an?\s+(Republican|Democrat)\s*[,.;]")  # ", a Democrat,"


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
    """", a Republican," alone, or with its state as `after.party_state` reads it (", a
    Minnesota Republican", ", a Democrat from Ohio")."""
    noted = party_state(ctx, span)
    if noted is not None:
        party = next((p for p in PARTIES if p in noted.group()), None)  # not "(R-Tenn.)"
        state = us_state(state_of(noted))
        return Candidate(Role(party, state, span.sent.text), STATED) if party else None
    m = _BARE_AFTER.match(ctx.text, span.end_char, min(len(ctx.text), span.end_char + 24))
    return Candidate(Role(m.group(1), None, span.sent.text), STATED) if m else None
