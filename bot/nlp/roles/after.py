"""Roles written after a name: appositions ("X, governor of the Czech National Bank,"; "X, the
bank's chief economist"; "X, CEO of Y and founder of Z" -> two roles), relative clauses ("X,
who heads Y" -> head of Y; "X, who serves as ..."), copulas ("X is the CEO of Y") and, for
organisations, their descriptions ("Y, the operator of exchange Z"; "Binance, the world's
largest crypto exchange"). Each noun phrase is read by `bot.nlp.roles.chunk`; roles from the
rest of the clause: `bot.nlp.roles.clauses`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from bot.domain.models import Role
from bot.nlp.lexicon import AGENT_NOUNS, APPOINTING_VERBS, POSSESSIVE, ROLE_VERBS
from bot.nlp.roles.candidate import STATED, Candidate, make
from bot.nlp.roles.chunk import (
    ACRONYM,
    KEEP_PREPS,
    ORG_PREPS,
    chunk_role,
    clause_end,
    past_brackets,
    spaced_dash,
)
from bot.nlp.roles.context import Mention, RoleContext
from bot.nlp.roles.phrase import is_agent, is_head, is_kind
from bot.nlp.roles.places import us_state

_VERBS = sorted((v.split() for v in ROLE_VERBS), key=len, reverse=True)
_LONGEST_VERB = len(_VERBS[0])
# "(R-Tenn.)", ", D-N.Y.,", ", a Minnesota Republican,", ", a Democrat from Ohio": a US
# legislator's party and state.
_STATE_WORDS = r"[A-Z][a-z]{1,13}(?:\s[A-Z][a-z]{1,13})?"
_PARTY_STATE = re.compile(
    r"\s*(?:\(\s*[RDI]\s*-\s*([A-Z][A-Za-z.]{1,8})\s*\)"
    r"|,\s*[RDI]-([A-Z][A-Za-z.]{1,8})(?=[,;]|$)"
    rf"|,\s*an?\s+({_STATE_WORDS})\s+(?:Republican|Democrat)\b"
    rf"|,\s*an?\s+(?:Republican|Democrat)\s+from\s+({_STATE_WORDS})\b)")


def party_state(ctx: RoleContext, span: Span) -> re.Match[str] | None:
    """The party-and-state note right after a legislator's name, when its state is a US state."""
    text = ctx.text
    m = _PARTY_STATE.match(text, span.end_char, min(len(text), span.end_char + 48))
    if m is None:
        return None
    state = us_state(state_of(m))
    written_out = (m.lastindex or 0) >= 3  # "a Democrat from Kent": not Kentucky
    return m if state and (state == state_of(m) or not written_out) else None


def state_of(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g)


def org_after(ctx: RoleContext, span: Span) -> str | None:
    """An organisation or place written right after a name: "X of Wyoming", "X (R-Tenn.)",
    "Rep. X of the Rebuilding Korea Party"."""
    m = party_state(ctx, span)
    if m:
        return us_state(state_of(m))
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


def _word_end(doc: Doc, i: int, end: int) -> int:
    """The last token of the word that starts at token i, hyphens included ("co", "-",
    "founder" is one word)."""
    while i + 2 < end and not doc[i].whitespace_ and doc[i + 1].text in {"-", "‑"} \
            and not doc[i + 1].whitespace_:
        i += 2
    return i


def _split_and(ctx: RoleContext, start: int, end: int, heads: frozenset[int]
               ) -> list[tuple[int, int]]:
    parts, begin = [], start
    for i in range(start, end - 1):
        nxt = ctx.doc[i + 1]
        opens = nxt.lower_ in {"the", "a", "an", "also", "former"} or i + 1 in heads \
            or (nxt.pos_ in {"ADJ", "NOUN", "PROPN"} and i + 2 in heads) \
            or _word_end(ctx.doc, i + 1, end) in heads  # "CEO and co-founder of X"
        new_phrase = nxt.lower_ in {"a", "an"}  # "the education secretary and a close
        # friend": a second description, whatever its head
        if ctx.doc[i].lower_ == "and" and ctx.at(i) is None and opens and (
                new_phrase or any(h > i for h in heads)) and any(begin <= h < i for h in heads):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return parts


_STEADY_ADVERBS = frozenset({"presently", "currently", "now", "still", "also"})


def _passive_appointment(doc: Doc, i: int, limit: int) -> int:
    """Past "recently appointed as" ("sworn in as") after "was", or an adverb that keeps the
    role current ("presently the ...", never "no longer the ..."): where the role starts."""
    j = i
    while j < limit and doc[j].pos_ == "ADV":
        j += 1
    if j < limit and doc[j].tag_ == "VBN" and doc[j].lemma_.lower() in APPOINTING_VERBS:
        j += 1
        if j + 1 < limit and doc[j].lower_ == "in" and doc[j + 1].lower_ == "as":
            j += 1  # "was sworn in as SEC chairman"
        if j < limit and doc[j].lower_ == "as":
            j += 1
        return j
    steady = all(t.lower_ in _STEADY_ADVERBS for t in doc[i:j])  # not "no longer", "never"
    return j if steady and j < limit and doc[j].pos_ == "DET" else i


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
    return any(w in ORG_PREPS or w in KEEP_PREPS for w in text.lower().split())


def _agent(ctx: RoleContext, sent: Span, i: int, org_kind: bool) -> Candidate | None:
    """"who heads Y" / "which operates Y": the verb's agent noun, with Y as org (what an
    organisation operates is an organisation, whatever type the model gave it)."""
    tok = ctx.doc[i]
    co = tok.lower_ == "co" and i + 2 < sent.end and ctx.doc[i + 1].text == "-"
    if co:  # "who co-founded X", parsed "co" "-" "founded"
        i += 2
        tok = ctx.doc[i]
    noun = AGENT_NOUNS.get(tok.lemma_.lower())
    if noun is None or tok.pos_ != "VERB":
        return None
    if co and not noun.startswith("co-"):
        noun = f"co-{noun}"
    for j in range(i + 1, min(sent.end, i + _UNIT_WORDS + 2)):
        mention = ctx.at(j)
        if mention is not None and (org_kind or mention.label != "PERSON"):
            near = j <= i + 3  # "who heads the CFTC"; further on, a unit's org or nothing
            return make(ctx, sent, noun, ctx.org_name(mention), noun, False) if near else None
        if ctx.doc[j].pos_ not in {"DET", "ADJ", "NOUN"}:
            return _unit_of(ctx, sent, noun, i + 1, j)
    return None


_UNIT_LINKS = frozenset({"at", "of", "in", "within"})
_UNIT_WORDS = 4  # words of "the fintech unit" before its "at ORG"


def _unit_of(ctx: RoleContext, sent: Span, noun: str, start: int, link: int
             ) -> Candidate | None:
    """"who leads the fintech unit at the Central Bank of Chile": the agent noun of the unit,
    of the organisation named right after "at"/"of"/"in" ("leader of the fintech unit")."""
    doc = ctx.doc
    words = doc[start:link]
    if doc[link].lower_ not in _UNIT_LINKS or not any(t.pos_ == "NOUN" for t in words) \
            or words[-1].pos_ != "NOUN" or link + 1 >= sent.end:
        return None
    nxt = link + 2 if doc[link + 1].lower_ == "the" else link + 1
    mention = ctx.at(nxt) if nxt < sent.end else None
    if mention is None or mention.label != "ORG" or mention.start != nxt:
        return None
    unit = " ".join(t.text for t in words)
    return make(ctx, sent, f"{noun} of {unit}", ctx.org_name(mention), noun, False)


def roles_after(ctx: RoleContext, span: Span, org_kind: bool) -> list[Candidate]:
    """Roles stated right after a name (`org_kind`: the name is an organisation's)."""
    doc, sent = ctx.doc, span.sent
    i = span.end
    m = party_state(ctx, span)
    of = _of_mention(ctx, span) if not org_kind else None
    if m:
        while i < sent.end and doc[i].idx < m.end():
            i += 1
    elif of is not None and of.end < sent.end and doc[of.end].text == ",":
        i = of.end  # "Rep. X of the Y Party, a member of ...": the apposition is X's
    if i < sent.end and doc[i].text == "(" and ACRONYM.match(ctx.text, doc[i].idx):
        i = past_brackets(ctx, i)  # "the Monetary Authority of Singapore (MAS), the ..."
    close = _bracket_close(doc, i, sent.end)  # "X (president of Y) said"
    comma = close is not None or (
        i < sent.end and (doc[i].text == "," or spaced_dash(doc, i)))  # "X - a lawyer -"
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
    end = min(end, close) if close is not None else end
    if end < sent.end and doc[end].pos_ == "VERB" and any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == end for t in doc[i:end]):
        return []  # "X, Deputy Head of the Ministry Y announced": a new clause's subject
    return _roles_in(ctx, sent, i, end, org_kind) + _next_copula(ctx, sent, end, org_kind)


_MAX_BRACKETED = 20  # tokens of a bracketed apposition


def _bracket_close(doc: Doc, i: int, end: int) -> int | None:
    """Index of the ")" closing a bracketed apposition opened at i, if it holds words (not
    an age, a party tag or an acronym, read before)."""
    if i + 1 >= end or doc[i].text != "(" or doc[i + 1].like_num:
        return None
    for k in range(i + 1, min(end, i + 1 + _MAX_BRACKETED)):
        if doc[k].text == ")":
            return k if k > i + 1 else None
        if doc[k].text == "(":
            return None
    return None


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
    first = out[0] if out else None
    if first is not None and first.role.org and len(out) == len(parts) > 1 and any(
            doc[k].text in POSSESSIVE for k in range(*parts[0])):
        # "Binance's founder and former chief executive": the owner is every title's
        out = [c if c.role.org or _has_prep(c.role.text)
               else Candidate(Role(c.role.text, first.role.org, c.role.sentence), first.strength)
               for c in out]
    return out
