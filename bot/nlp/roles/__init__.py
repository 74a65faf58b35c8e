"""Roles stated in the text: people's titles and organisations' descriptions, each with the
organisation or country it belongs to.

People: titles before the name (`before`), appositions, relative clauses, copulas and
appointments after it (`after`). Organisations: descriptions before (`orgdesc`) and after
(`after`) the name. The org is the one the sentence ties the role to (possessor, "of/at/for",
compound, "the country's", "its"), else, for a bare title of government, the country or state
of the sentence or article (`context`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from bot.domain.models import Role
from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import ORG_KINDS, ROLE_HEADS
from bot.nlp.roles.after import org_after, roles_after
from bot.nlp.roles.anaphora import described_roles
from bot.nlp.roles.before import title_roles
from bot.nlp.roles.candidate import STATED, Candidate
from bot.nlp.roles.clauses import (
    agent_roles,
    appointed_as,
    fronted_as,
    in_charge,
    pronoun_roles,
    succeeded_as,
    took_as,
    verb_roles,
)
from bot.nlp.roles.context import Mention, RoleContext
from bot.nlp.roles.orgdesc import kind_after, kind_before
from bot.nlp.roles.orgref import referring_descriptions
from bot.nlp.roles.party import party_roles
from bot.nlp.roles.phrase import is_complement, is_honorific
from bot.nlp.roles.places import is_country, is_state
from bot.nlp.roles.story import story_descriptions
from bot.nlp.roles.titleref import title_references

__all__ = ["find_roles"]
_HOLDERS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "LOC", "WORK_OF_ART"})
_NAMED_ORGS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART"})  # a name that modifies a kind


def _first_conjunct(ctx: RoleContext, m: Mention, people: bool) -> Mention | None:
    """The first name of a list this name ends ("X and Y", "X, Y and Z"), if any; for
    `people`, a list of persons only (firms are often typed PERSON, so any name otherwise)."""
    doc = ctx.doc
    first, i = None, m.start - 1
    while i >= 0 and doc[i].lower_ in {"and", ",", "&"}:
        j = i - 1 if doc[i].lower_ != "and" or doc[i - 1].text != "," else i - 2
        prev = ctx.at(j) if j >= 0 else None
        if prev is None or (people and prev.label != "PERSON"):
            break
        first, i = prev, prev.start - 1
    return first


def _lists_more(ctx: RoleContext, m: Mention) -> bool:
    """Another name follows in a list ("X and Y", "X, Y")."""
    doc = ctx.doc
    return m.end + 1 < len(doc) and doc[m.end].lower_ in {"and", ",", "&"} and \
        ctx.at(m.end + 1) is not None


def _span(ctx: RoleContext, m: Mention) -> Span:
    return ctx.doc[m.start:m.end]


def _person_roles(ctx: RoleContext, m: Mention) -> list[Candidate]:
    span = _span(ctx, m)
    hint = org_after(ctx, span)
    found, _ = title_roles(ctx, span, hint)
    if not found:
        first = _first_conjunct(ctx, m, people=True)
        if first is not None:
            shared, plural = title_roles(ctx, _span(ctx, first), hint, singular=True)
            found = shared if plural else []
    out = (found + roles_after(ctx, span, org_kind=False) + appointed_as(ctx, span, False)
           + agent_roles(ctx, span) + fronted_as(ctx, span) + in_charge(ctx, span)
           + took_as(ctx, span) + succeeded_as(ctx, span)
           + verb_roles(ctx, span))
    return out or party_roles(ctx, span)


def _org_roles(ctx: RoleContext, m: Mention) -> list[Candidate]:
    span = _span(ctx, m)
    found = kind_before(ctx, span, shared=_lists_more(ctx, m))
    if not found:
        first = _first_conjunct(ctx, m, people=False)
        if first is not None:
            found = kind_before(ctx, _span(ctx, first), shared=True)
    found += roles_after(ctx, span, org_kind=True) + appointed_as(ctx, span, True)
    if m.label in _NAMED_ORGS:
        found += kind_after(ctx, span)
    if m.label == "PERSON":  # a firm typed PERSON: only plain organisation kinds
        found = [c for c in found if not set(c.role.text.lower().split()) & ROLE_HEADS]
    return found


def find_roles(doc: Doc, index: EntityIndex) -> dict[str, list[Role]]:
    """Roles per canonical entity name, de-duplicated by text (a stated org beats one taken
    from context, which beats none)."""
    ctx = RoleContext(doc, index)
    found: dict[str, list[Candidate]] = {}
    for m in ctx.mentions:
        if m.label not in _HOLDERS or is_country(m.name) or is_state(m.name):
            continue
        if all(is_honorific(t) or is_complement(t) for t in doc[m.start:m.end]):
            continue  # "Datuk Seri" on its own is not a person
        if m.label == "PERSON":
            cands = _person_roles(ctx, m) + _org_roles(ctx, m)
        else:
            cands = _org_roles(ctx, m) + _titled_non_person(ctx, m)
        if cands:
            found.setdefault(m.name, []).extend(cands)
    for extra in (described_roles(ctx), pronoun_roles(ctx), story_descriptions(ctx),
                  referring_descriptions(ctx)):
        for name, cands in extra.items():
            found.setdefault(name, []).extend(cands)
    for name, cands in title_references(ctx, found).items():
        found.setdefault(name, []).extend(cands)
    return {name: _dedupe([_not_own_org(name, c) for c in cands])
            for name, cands in found.items()}


def _not_own_org(name: str, cand: Candidate) -> Candidate:
    """No one holds a role in themself: an org read as the holder's own name ("The Only Way
    is Essex star Joey Essex": Essex ends the show's name) is dropped."""
    if cand.role.org is None or cand.role.org != name:
        return cand
    return replace(cand, role=replace(cand.role, org=None))


def _titled_non_person(ctx: RoleContext, m: Mention) -> list[Candidate]:
    """A person the model typed ORG/GPE, known by a capitalised title written before or after
    the name ("CAR President X", "X, the Finnish Finance Minister") or by a role with its
    organisation ("X, head of the National Energy Holding"). Names with a word of an
    organisation ("Ministry", "Committee") are never people."""
    span = _span(ctx, m)
    if m.label == "NORP" or span[0].pos_ != "PROPN" or set(m.name.lower().split()) & ORG_KINDS:
        return []
    found, _ = title_roles(ctx, span, org_after(ctx, span))
    found += roles_after(ctx, span, org_kind=False)
    return [c for c in found if c.role.text[:1].isupper() or (c.strength == STATED
                                                              and len(span) > 1)]


def _dedupe(cands: list[Candidate]) -> list[Role]:
    """One role per title: every org written for it, else the best inferred one."""
    by_text: dict[str, list[Candidate]] = {}
    for cand in cands:
        by_text.setdefault(cand.role.text.lower(), []).append(cand)
    out: list[Role] = []
    for group in by_text.values():
        top = max(c.strength for c in group)
        kept = [c for c in group if c.strength == top]
        orgs: dict[str | None, Role] = {}
        for c in kept if top == STATED else kept[:1]:
            orgs.setdefault(c.role.org, c.role)
        out.extend(orgs.values())
    return out
