"""Roles written after a name: appositions ("X, governor of the Czech National Bank,"; "X, the
bank's chief economist"; "X, CEO of Y and founder of Z" -> two roles), relative clauses ("X,
who heads Y" -> head of Y; "X, who serves as ..."), copulas ("X is the CEO of Y") and, for
organisations, their descriptions ("Y, the operator of exchange Z"; "Binance, the world's
largest crypto exchange"). Roles from the rest of the clause: `bot.nlp.roles.clauses`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.domain.models import Role
from bot.nlp.lexicon import AGENT_NOUNS, APPOINTING_VERBS, LOCAL_WORDS, RELATIONAL, ROLE_VERBS
from bot.nlp.roles.candidate import STATED, Candidate, make
from bot.nlp.roles.context import Mention, RoleContext
from bot.nlp.roles.orgs import prep_org, split_org
from bot.nlp.roles.phrase import (
    POSSESSIVE,
    is_agent,
    is_complement,
    is_head,
    is_kind,
    role_text,
)
from bot.nlp.roles.places import us_state

MAX_ROLE_TOKENS = 16
_VERBS = sorted((v.split() for v in ROLE_VERBS), key=len, reverse=True)
_LONGEST_VERB = len(_VERBS[0])
_ORG_PREPS = frozenset({"of", "at", "for", "in"})
_KEEP_PREPS = frozenset({"to", "on", "with"})
_CLAUSE = frozenset({"who", "which", "that", "whose", "where", "when", "while", "after",
                     "before", "since", "because", "as", "if", "but", "than", "said", "says"})
_NOT_A_ROLE = frozenset({"other", "another", "such", "both", "all", "many", "some", "each"})
_WHEN = frozenset({"DATE", "TIME"})
_STOP = frozenset({",", ";", ".", "(", ")", "—", "–", ":", "\"", "“", "”"})
# "(R-Tenn.)", ", D-N.Y.,": a US legislator's party and state.
_PARTY_STATE = re.compile(r"\s*(?:\(\s*[RDI]\s*-\s*([A-Z][A-Za-z.]{1,8})\s*\)"
                          r"|,\s*[RDI]-([A-Z][A-Za-z.]{1,8})(?=[,;]|$))")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)")


def _party_state(ctx: RoleContext, span: Span) -> re.Match[str] | None:
    text = ctx.text
    return _PARTY_STATE.match(text, span.end_char, min(len(text), span.end_char + 24))


def org_after(ctx: RoleContext, span: Span) -> str | None:
    """An organisation or place written right after a name: "X of Wyoming", "X (R-Tenn.)",
    "Rep. X of the Rebuilding Korea Party"."""
    m = _party_state(ctx, span)
    if m:
        return us_state(m.group(1) or m.group(2))
    mention = _of_mention(ctx, span)
    return ctx.org_name(mention) if mention is not None else None


def _of_mention(ctx: RoleContext, span: Span) -> Mention | None:
    doc, i = ctx.doc, span.end
    if i + 1 >= len(doc) or doc[i].lower_ not in {"of", "from"}:
        return None
    j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
    mention = ctx.at(j) if j < len(doc) else None
    if mention is None or mention.start != j or mention.label == "PERSON":
        return None
    return mention


def _past_brackets(ctx: RoleContext, i: int) -> int:
    """The token after the ")" that closes the bracket at token i."""
    doc = ctx.doc
    j = i + 1
    while j < len(doc) and doc[j].text != ")" and j - i < 4:
        j += 1
    return j + 1


def clause_end(ctx: RoleContext, start: int, limit: int) -> int:
    """Where the noun phrase starting at `start` ends: punctuation, a clause, a date."""
    doc = ctx.doc
    i = start
    while i < limit:
        tok = doc[i]
        if tok.text == "(" and _ACRONYM.match(ctx.text, tok.idx):
            i = _past_brackets(ctx, i)  # "(SAPM)" inside a title
            continue
        if tok.text == "," and _list_comma(ctx, i, start, limit):
            i += 1  # "head of climate, energy and environment policy at X"
            continue
        if tok.text in _STOP or tok.is_space or (i > start and tok.lower_ in _CLAUSE):
            return i
        if i > start and (tok.ent_type_ in _WHEN or tok.pos_ in {"AUX", "SCONJ"} or (
                tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}) or (
                tok.pos_ == "ADP" and tok.lower_ not in _ORG_PREPS | _KEEP_PREPS)):
            return i  # "CEO of X until 2021": the role ends before "until"
        i += 1
    return min(i, limit)


def _plain(tok: Token) -> bool:
    return tok.is_lower and tok.pos_ in {"NOUN", "ADJ", "PROPN"}


def _list_comma(ctx: RoleContext, i: int, start: int, limit: int) -> bool:
    """A comma of a list of lower-case words after "of" that "and" closes ("head of climate,
    energy and environment policy")."""
    doc = ctx.doc
    if not (start < i < limit - 3 and _plain(doc[i - 1]) and _plain(doc[i + 1])):
        return False
    if not any(doc[k].lower_ == "of" for k in range(max(start, i - 4), i)):
        return False
    for k in range(i + 2, min(limit - 1, i + 5)):
        if doc[k].lower_ == "and":
            return _plain(doc[k + 1])
        if not _plain(doc[k]):
            return False
    return False


def _split_and(ctx: RoleContext, start: int, end: int, heads: frozenset[int]
               ) -> list[tuple[int, int]]:
    parts, begin = [], start
    for i in range(start, end - 1):
        nxt = ctx.doc[i + 1]
        opens = nxt.lower_ in {"the", "a", "an", "also", "former"} or i + 1 in heads \
            or (nxt.pos_ in {"ADJ", "NOUN", "PROPN"} and i + 2 in heads)
        if ctx.doc[i].lower_ == "and" and ctx.at(i) is None and opens and any(
                h > i for h in heads) and any(begin <= h < i for h in heads):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return parts


def _head(body: list[Token], org_kind: bool) -> int | None:
    """Index of the role's head: the noun that ends the phrase before a kept "to/on" tail (a
    person's title may end in complements: "Attorney General", "Minister II"); an
    organisation's kind is a lower-case noun ("exchange", not "Bank" of a name)."""
    limit = len(body)
    for k, tok in enumerate(body):
        if k and (tok.lower_ in _KEEP_PREPS or tok.lower_ in _ORG_PREPS):
            limit = k
            break
    k = limit - 1
    if org_kind:
        while k > 0 and body[k].pos_ == "ADJ" and is_kind(body[k - 1]):
            k -= 1  # "a firm responsible (for ...)": the firm
        return k if k >= 0 and is_kind(body[k]) and body[k].is_lower else None
    while k > 0 and is_complement(body[k]):
        k -= 1
    return k if k >= 0 and is_agent(body[k]) else None


def chunk_role(ctx: RoleContext, sent: Span, start: int, end: int,
               org_kind: bool) -> Candidate | None:
    """A role from a noun phrase like "the CEO of the Pakistan Crypto Council"."""
    toks = list(ctx.doc[start:end])
    while toks and toks[0].lower_ in {"a", "an", "the", "also", "currently", "now"}:
        toks = toks[1:]
    if not toks or len(toks) > MAX_ROLE_TOKENS or (toks[0].pos_ in {
            "ADP", "VERB", "AUX", "SCONJ", "PRON", "CCONJ", "ADV"} and toks[0].dep_ != "amod"):
        return None
    if toks[0].lower_ in _NOT_A_ROLE or toks[0].lower_ in _CLAUSE or _names_person(ctx, toks):
        return None  # "other exchanges", "where ...", another person's name: not a role
    cut, org = len(toks), None
    for k, tok in enumerate(toks):
        if k and tok.lower_ in _ORG_PREPS and ctx.at(tok.i) is None:
            found = prep_org(ctx, tok.i, end, org_kind,
                              relational=toks[k - 1].lemma_.lower() in RELATIONAL)
            if found and any(is_kind(t) if org_kind else is_agent(t) for t in toks[:k]):
                cut, org = k, found
                break
            if tok.lower_ == "in":
                cut = k
                break
    body = toks[:cut]
    head = _head(body, org_kind)
    if head is None or body[head].tag_ in {"NNS", "NNPS"}:
        return None
    pre = body[:head]
    if any((t.lower_ in {"and", "or", "&"} or t.text == ",") and ctx.at(t.i) is None
           and k and ctx.at(pre[k - 1].i) is not None for k, t in enumerate(pre)):
        return None  # "Kraken and other exchanges" is a list, not a description
    titled = body[head].text[:1].isupper()
    words, pre_org = split_org(ctx, pre, keep_norp=not (titled or org_kind),
                               portfolio=org is not None and not org_kind)
    org = org or pre_org
    if org_kind and org is None and any(t.lower_ in LOCAL_WORDS for t in pre):
        org = ctx.local_country(sent)
    tail = body[head:] if not org_kind or _of_words(body, head) else body[head:head + 1]
    text = role_text([*words, *tail], person=not org_kind)
    head_text = role_text([*words, body[head]], person=not org_kind)
    return make(ctx, sent, text, org, head_text, titled and not org_kind)


def _of_words(body: list[Token], head: int) -> bool:
    """"a provider of automobile data": the kind's "of" phrase is plain words, kept."""
    rest = body[head + 1:]
    return len(rest) >= 2 and rest[0].lower_ == "of" and all(
        _plain(t) and t.lower_ not in _ORG_PREPS for t in rest[1:])


def _passive_appointment(doc: Doc, i: int, limit: int) -> int:
    """Past "recently appointed as" after "was": where the role starts."""
    j = i
    while j < limit and doc[j].pos_ == "ADV":
        j += 1
    if j < limit and doc[j].tag_ == "VBN" and doc[j].lemma_.lower() in APPOINTING_VERBS:
        j += 1
        if j < limit and doc[j].lower_ == "as":
            j += 1
        return j
    return i


def _drop_final_person(ctx: RoleContext, start: int, end: int) -> int:
    """"special assistant ... to PM Sharif": the appointer's name ends no role text."""
    doc = ctx.doc
    last = ctx.at(end - 1) if end > start else None
    if last is None or last.label != "PERSON" or last.start <= start:
        return end
    j = last.start - 1
    while j > start and (is_head(doc[j]) or doc[j].is_title) and ctx.at(j) is None:
        j -= 1
    return j if doc[j].lower_ == "to" else end


def _has_prep(text: str) -> bool:
    return any(w in _ORG_PREPS or w in _KEEP_PREPS for w in text.lower().split())


def _names_person(ctx: RoleContext, toks: list[Token]) -> bool:
    """A person's name in the phrase ("Senator Tim Scott", "Head of the Ministry of Finance
    Anton Siluanov"), unless it is the object of "of/at/for/to" ("close associate of X";
    "CEO of UK Sport" when the model typed it PERSON)."""
    for k, tok in enumerate(toks):
        mention = ctx.at(tok.i)
        if mention is None or mention.label != "PERSON" or mention.start != tok.i:
            continue
        after = ctx.doc[mention.end] if mention.end < len(ctx.doc) else None
        if after is not None and after.text in POSSESSIVE:
            continue  # "director of President X's council": an owner, not a name
        j = k - 1
        if j >= 0 and toks[j].lower_ in {"the", "a", "an"}:
            j -= 1
        if j < 0 or not (toks[j].lower_ in _ORG_PREPS or toks[j].lower_ in _KEEP_PREPS):
            return True
    return False


def _agent(ctx: RoleContext, sent: Span, i: int, org_kind: bool) -> Candidate | None:
    """"who heads Y" / "which operates Y": the verb's agent noun, with Y as org (what an
    organisation operates is an organisation, whatever type the model gave it)."""
    tok = ctx.doc[i]
    noun = AGENT_NOUNS.get(tok.lemma_.lower())
    if noun is None or tok.pos_ != "VERB":
        return None
    for j in range(i + 1, min(sent.end, i + 4)):
        mention = ctx.at(j)
        if mention is not None and (org_kind or mention.label != "PERSON"):
            return make(ctx, sent, noun, ctx.org_name(mention), noun, False)
        if ctx.doc[j].pos_ not in {"DET", "ADJ", "NOUN"}:
            break
    return None


def roles_after(ctx: RoleContext, span: Span, org_kind: bool) -> list[Candidate]:
    """Roles stated right after a name (`org_kind`: the name is an organisation's)."""
    doc, sent = ctx.doc, span.sent
    i = span.end
    m = _party_state(ctx, span)
    of = _of_mention(ctx, span) if not org_kind else None
    if m:
        while i < sent.end and doc[i].idx < m.end():
            i += 1
    elif of is not None and of.end < sent.end and doc[of.end].text == ",":
        i = of.end  # "Rep. X of the Y Party, a member of ...": the apposition is X's
    if i < sent.end and doc[i].text == "(" and _ACRONYM.match(ctx.text, doc[i].idx):
        i = _past_brackets(ctx, i)  # "the Monetary Authority of Singapore (MAS), the ..."
    comma = i < sent.end and doc[i].text == ","
    if comma:
        i += 1
        if i + 1 < sent.end and doc[i].like_num and doc[i + 1].text == ",":
            i += 2  # "X, 52, a former banker": the age
    relative = i < sent.end and doc[i].lower_ in {"who", "which"}
    if relative:
        i += 1
        agent = _agent(ctx, sent, i, org_kind) if i < sent.end else None
        if agent is not None:
            return [agent]
    window = [t.lower_ for t in doc[i:min(sent.end, i + _LONGEST_VERB)]]
    for verb in _VERBS:
        if window[:len(verb)] == verb:
            i += len(verb)
            i = _passive_appointment(doc, i, sent.end)
            break
    else:
        if relative or not comma:
            return []  # "X said ...", "X, who said ..." state no role
    end = _drop_final_person(ctx, i, clause_end(ctx, i, sent.end))
    if end < sent.end and doc[end].pos_ == "VERB" and any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == end for t in doc[i:end]):
        return []  # "X, Deputy Head of the Ministry Y announced": a new clause's subject
    return _roles_in(ctx, sent, i, end, org_kind) + _next_copula(ctx, sent, end, org_kind)


def _next_copula(ctx: RoleContext, sent: Span, end: int, org_kind: bool) -> list[Candidate]:
    """"X was an army commander and was vice chairman of Y": the role after "and was"."""
    doc = ctx.doc
    if not (sent.start < end < sent.end - 1 and doc[end - 1].lower_ == "and"
            and doc[end].lemma_ == "be" and doc[end].pos_ == "AUX"):
        return []
    i = end + 1
    while i < sent.end and doc[i].pos_ == "ADV":
        i += 1
    stop = _drop_final_person(ctx, i, clause_end(ctx, i, sent.end))
    return _roles_in(ctx, sent, i, stop, org_kind)


def _roles_in(ctx: RoleContext, sent: Span, i: int, end: int,
              org_kind: bool) -> list[Candidate]:
    """The roles of the noun phrases between i and end ("CEO of X and founder of Y")."""
    doc = ctx.doc
    heads = frozenset(k for k in range(i, end)
                      if (is_kind(doc[k]) if org_kind else is_agent(doc[k])))
    parts = _split_and(ctx, i, end, heads)
    out = [c for c in (chunk_role(ctx, sent, a, b, org_kind) for a, b in parts) if c]
    last = out[-1] if out else None
    shared = len(parts) > 1 and any(doc[k].lower_ in {"of", "at", "for"} and ctx.at(k) is None
                                    for k in range(*parts[-1]))
    if last is not None and last.strength == STATED and len(out) == len(parts) and shared:
        # "co-founder and executive chairman of X": the bare titles share X
        out = [c if c.role.org or _has_prep(c.role.text)
               else Candidate(Role(c.role.text, last.role.org, c.role.sentence), STATED)
               for c in out]
    return out
