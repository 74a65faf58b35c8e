"""Roles people hold, as stated in the text: titles, appositions and relative clauses.

Patterns: "President X", "ORG's ROLE X", "ROLE of ORG X", "X, a/the ROLE (of/at ORG)",
"X, who serves as / is ROLE of ORG and ROLE2", "X is the ROLE of ORG".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.domain.models import Role
from bot.nlp.entities import EntityIndex, title_before
from bot.nlp.lexicon import DEMONYMS, HONORIFICS, ROLE_HEADS, ROLE_VERBS

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "LAW"})
_VERBS = sorted((v.split() for v in ROLE_VERBS), key=len, reverse=True)
MAX_ROLE_TOKENS = 16


def _is_role(tokens: list[Token]) -> bool:
    return any(t.lower_ in ROLE_HEADS or t.lemma_.lower() in ROLE_HEADS for t in tokens)


def _org_of(doc: Doc, index: EntityIndex, start: int, end: int) -> str | None:
    """Canonical name of an organisation/country entity starting within [start, end)."""
    for i in range(start, end):
        name = index.at(i)
        if name and index.label(name) in _ORG_LABELS:
            if index.label(name) == "NORP":
                return DEMONYMS.get(name, name)
            return name
    return None


def _role_from_chunk(doc: Doc, index: EntityIndex, start: int, end: int, sent: str) -> Role | None:
    """A Role from tokens like "the CEO of the Pakistan Crypto Council"."""
    while start < end and doc[start].lower_ in {"a", "an", "the", "also", "currently"}:
        start += 1
    if start >= end or end - start > MAX_ROLE_TOKENS or not _is_role(list(doc[start:end])):
        return None
    for i in range(start + 1, end):
        if doc[i].lower_ in {"of", "at", "for"} and index.at(i) is None:
            org = _org_of(doc, index, i + 1, min(end, i + 3))
            if org and _is_role(list(doc[start:i])):
                return Role(doc[start:i].text, org, sent)
            break
    text = doc[start:end].text
    return Role(text, _org_of(doc, index, start, end), sent)


def _split_and(doc: Doc, index: EntityIndex, start: int, end: int) -> list[tuple[int, int]]:
    parts, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ == "and" and index.at(i) is None and _is_role(list(doc[i + 1:end])):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return parts


def _clause_end(doc: Doc, start: int, sent: Span) -> int:
    for i in range(start, sent.end):
        if doc[i].text in {",", ";", ".", "(", ")", "—", "–"} or doc[i].is_space:
            return i
    return sent.end


def _roles_before(doc: Doc, index: EntityIndex, span: Span, sent: Span) -> list[Role]:
    title = title_before(span)
    if title and title not in HONORIFICS:
        t_start = span.start - len(title.split())
        org = None
        if t_start - 2 >= sent.start and doc[t_start - 1].text in _POSSESSIVE:
            org = _org_of(doc, index, t_start - 2, t_start - 1)
        return [Role(title, org, sent.text)]
    # "ROLE of ORG Name": walk back over the organisation
    i = span.start - 1
    org = index.at(i) if i >= sent.start else None
    if org is None:
        return []
    while i >= sent.start and index.at(i) == org:
        i -= 1
    if i - 1 >= sent.start and doc[i].lower_ in {"of", "at"}:
        j = i - 1
        while j >= sent.start and doc[j].text[0].isupper() and doc[j].pos_ != "DET":
            j -= 1
        role = _role_from_chunk(doc, index, j + 1, span.start, sent.text)
        return [role] if role else []
    return []


def _roles_after(doc: Doc, index: EntityIndex, span: Span, sent: Span) -> list[Role]:
    i = span.end
    if i < sent.end and doc[i].text == ",":
        i += 1
    relative = i < sent.end and doc[i].lower_ == "who"
    if relative:
        i += 1
    for verb in _VERBS:
        if [t.lower_ for t in doc[i:i + len(verb)]] == verb:
            i += len(verb)
            break
    else:
        if relative or i == span.end:
            return []  # "X, who said ..." / "X said ..." state no role
    end = _clause_end(doc, i, sent)
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[i:end]):
        return []  # a clause, not a role noun phrase
    roles = [_role_from_chunk(doc, index, a, b, sent.text) for a, b in _split_and(doc, index,
                                                                                   i, end)]
    return [r for r in roles if r is not None]


def find_roles(doc: Doc, index: EntityIndex) -> dict[str, list[Role]]:
    """Roles per canonical PERSON name, de-duplicated (a role with an org beats one without)."""
    found: dict[str, list[Role]] = {}
    for ent in doc.ents:
        name = index.at(ent.start)
        if ent.label_ != "PERSON" or name is None or index.label(name) != "PERSON":
            continue
        sent = ent.sent
        for role in _roles_before(doc, index, ent, sent) + _roles_after(doc, index, ent, sent):
            found.setdefault(name, []).append(role)
    return {name: _dedupe(roles) for name, roles in found.items()}


def _dedupe(roles: list[Role]) -> list[Role]:
    best: dict[str, Role] = {}
    for role in roles:
        key = role.text.lower()
        if key not in best or (best[key].org is None and role.org is not None):
            best[key] = role
    return list(best.values())
