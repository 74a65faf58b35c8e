"""A role found in the text, with how sure its organisation is, and the title-level rules
that give a bare title of government its country or state."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from bot.domain.models import Role
from bot.nlp.lexicon import (
    CITY_TITLES,
    COMPANY_TITLES,
    COURT_TITLES,
    LEGISLATOR_TITLES,
    NATIONAL_TITLES,
    STATE_TITLES,
)
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.coref import (
    central_bank,
    described_central_bank,
    main_org,
    single_named,
    sole_org,
    unnamed_central_bank,
)
from bot.nlp.roles.places import is_state

STATED, INFERRED, NONE = 2, 1, 0  # how the org was found: written, from context, not at all
_STATE_LEGISLATURES = "United States"  # where a legislator's title is of a state
STORY_COMPANY_MENTIONS = 3  # a bare "CEO X" is of the company the story names this often
# Words before "secretary" that make it no cabinet post ("General Secretary" of a party).
_NOT_CABINET = frozenset({"general", "party", "executive", "press", "company", "club", "union",
                          "assistant", "private", "personal", "parliamentary", "permanent",
                          "corporate", "board", "branch", "honorary", "social", "club's"})
_QUALIFIERS = ("former ", "acting ", "interim ", "deputy ", "then-", "outgoing ",
               "incoming ", "ex-")
# Titles of whoever runs a body, public or private: with no org written, the one organisation
# the sentence or the article names ("Director-General X said" in a story about one regulator).
_BODY_HEADS = frozenset({"chairman", "chairwoman", "chair", "chairperson", "director-general",
                         "director general", "executive director", "commissioner", "ceo",
                         "secretary-general", "secretary general", "chief executive",
                         "managing director", "head", "founder", "co-founder",
                         # a central bank's ("deputy governor X" beside the Bank of Israel)
                         "governor", "board member", "executive board member"})


@dataclass(frozen=True)
class Candidate:
    """A role plus the strength of its org (a stated org beats an inferred one)."""

    role: Role
    strength: int


def _level(head_text: str) -> str | None:
    """"state", "country", "legislator", "court", "city", "company" or None for the words
    ending at a title's head."""
    low = head_text.lower()
    for q in _QUALIFIERS:
        low = low.removeprefix(q)
    for titles, kind in ((STATE_TITLES, "state"), (LEGISLATOR_TITLES, "legislator"),
                         (NATIONAL_TITLES, "country"), (COURT_TITLES, "court"),
                         (CITY_TITLES, "city"), (COMPANY_TITLES, "company")):
        if any(low == t or low.endswith(" " + t) for t in titles):
            return kind
    words = low.split()
    if len(words) >= 2 and words[-1] == "secretary" and words[-2] not in _NOT_CABINET:
        return "country"  # "Energy Secretary", "Communities Secretary": a cabinet portfolio
    return None


_BANK_WORDS = frozenset({"bank", "banco", "banque", "reserve"})


def _heads_body(head_text: str) -> bool:
    """A title of whoever runs a body ("Chairman", "interim Director-General")."""
    low = head_text.lower()
    for q in _QUALIFIERS:
        low = low.removeprefix(q)
    return low in _BODY_HEADS


def _serves_head_of_government(text: str) -> bool:
    """A title that serves a head of government or state ("Adviser to the President")."""
    low = f" {text.lower()} "
    return any(f" to the {t} " in low for t in ("prime minister", "president", "premier"))


def _ministerial(head_text: str) -> bool:
    """A minister is of a government however it is written ("finance minister X")."""
    return head_text.lower().split()[-1:] == ["minister"]


def make(ctx: RoleContext, sent: Span, text: str, org: str | None, head_text: str,
         titled: bool, place_hint: str | None = None) -> Candidate | None:
    """A candidate role: a title with no org takes the one written after the name
    (`place_hint`), else, a title of government (`titled`: written in capitals, or any
    minister), the country or state of the sentence or article (a governor, else the one
    central bank named), a judge the one court the article names, a mayor the city, and a
    company's title (however written) the company the article is about."""
    text = " ".join(text.split())
    if not text or len(text) > 120:
        return None
    if org:
        return Candidate(Role(text, org, sent.text), STATED)
    level = _level(head_text)
    if not (titled or _ministerial(head_text)) and level != "company":
        level = None
    if level is None and titled and _serves_head_of_government(text):
        level = "country"  # "Special Assistant to the Prime Minister": of the government
    if place_hint:  # "Senator X of Wyoming", "CEO X of Acme"
        return Candidate(Role(text, place_hint, sent.text), STATED)
    if "central bank" in text.lower():  # "Central bank president X": the bank's, or its country's
        # (a country named before the sentence, else the one it or the story is about)
        found = unnamed_central_bank(ctx, sent.start) or ctx.fallback(sent, "country")
        if found:
            return Candidate(Role(text, found, sent.text), INFERRED)
    if level in {"company", "city"}:
        found = main_org(ctx, company=True, least=STORY_COMPANY_MENTIONS) \
            if level == "company" else ctx.city(sent)
        if found:
            return Candidate(Role(text, found, sent.text), INFERRED)
    if level == "legislator":  # "Senator Risa Hontiveros" in a story about the Philippines
        found = ctx.fallback(sent, "country")
        if found in {None, _STATE_LEGISLATURES}:  # a US senator is of a state: the story's
            found = ctx.story_state
        if found:
            return Candidate(Role(text, found, sent.text), INFERRED)
    if level in {"country", "state", "court"}:
        found = single_named(ctx, "court") if level == "court" else ctx.fallback(sent, level)
        if head_text.lower().endswith("governor") and not (found and is_state(found)):
            found = central_bank(ctx) or described_central_bank(ctx, sent.start) or found
        if found:
            return Candidate(Role(text, found, sent.text), INFERRED)
    if _heads_body(head_text):
        found = sole_org(ctx, sent.start, sent.end)
        if found and head_text.lower().endswith("governor") and not _BANK_WORDS & set(
                found.lower().split()):
            found = None  # a governor runs a bank or a state, not "Democrats"
        if found:
            return Candidate(Role(text, found, sent.text), INFERRED)
    return Candidate(Role(text, None, sent.text), NONE)
