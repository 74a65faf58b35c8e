"""One role's noun phrase after a name: where it ends (punctuation, a clause, a date; not a
comma of a list after "of"), its head, and the role and organisation it states ("the CEO of
the Pakistan Crypto Council" -> CEO, Pakistan Crypto Council; "a provider of automobile data")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.lexicon import (
    LOCAL_WORDS,
    NATIONAL_HEADS,
    PORTFOLIO_HEADS,
    POSSESSIVE,
    RELATIONAL,
)
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.coref import government_body
from bot.nlp.roles.orgs import nationalities_only, prep_org, split_org
from bot.nlp.roles.phrase import (
    is_agent,
    is_complement,
    is_kind,
    role_text,
)
from bot.nlp.roles.places import is_country, is_state

MAX_ROLE_TOKENS = 16
ORG_PREPS = frozenset({"of", "at", "for", "in"})
KEEP_PREPS = frozenset({"to", "on", "with"})
# "an analyst with the research firm Oanda": "with" an organisation names the employer; with
# anything else ("a lawyer with a passion for ...") it stays part of the role.
_MEMBER_PREPS = ORG_PREPS | {"with"}
_CLAUSE = frozenset({"who", "which", "that", "whose", "where", "when", "while", "after",
                     "before", "since", "because", "as", "if", "but", "than", "said", "says"})
_NOT_A_ROLE = frozenset({"other", "another", "such", "both", "all", "many", "some", "each"})
_WHEN = frozenset({"DATE", "TIME"})
_STOP = frozenset({",", ";", ".", "(", ")", "—", "–", ":", "\"", "“", "”"})
ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)")


def past_brackets(ctx: RoleContext, i: int) -> int:
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
        if tok.text == "(" and ACRONYM.match(ctx.text, tok.idx):
            i = past_brackets(ctx, i)  # "(SAPM)" inside a title
            continue
        if tok.text == "," and _list_comma(ctx, i, start, limit):
            i += 1  # "head of climate, energy and environment policy at X"
            continue
        if tok.text in _STOP or tok.is_space or spaced_dash(doc, i) or (
                i > start and tok.lower_ in _CLAUSE):
            return i
        if i > start and (tok.ent_type_ in _WHEN or tok.pos_ in {"AUX", "SCONJ"} or (
                tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}) or (
                tok.pos_ == "ADP" and tok.lower_ not in ORG_PREPS | KEEP_PREPS)):
            if tok.pos_ == "VERB" and i - 1 > start and doc[i - 1].lower_ == "to":
                return i - 1  # "the nominee to lead X": the role is no "nominee to"
            return i  # "CEO of X until 2021": the role ends before "until"
        i += 1
    return min(i, limit)


def spaced_dash(doc: Doc, i: int) -> bool:
    """Token i is a dash set off by spaces, opening or closing an aside ("X - a lawyer - said"),
    not the hyphen of "co-founder"."""
    tok = doc[i]
    return tok.text in {"-", "–", "—", "--"} and bool(tok.whitespace_) and i > 0 \
        and bool(doc[i - 1].whitespace_)


def _plain(tok: Token) -> bool:
    return tok.is_lower and tok.pos_ in {"NOUN", "ADJ", "PROPN"}


def _list_comma(ctx: RoleContext, i: int, start: int, limit: int) -> bool:
    """A comma of a list of lower-case words after "of" or "for" that "and" closes ("head of
    climate, energy and environment policy", "board member for leisure, parks and sport")."""
    doc = ctx.doc
    if not (start < i < limit - 3 and _plain(doc[i - 1]) and _plain(doc[i + 1])):
        return False
    if not any(doc[k].lower_ in {"of", "for"} for k in range(max(start, i - 4), i)):
        return False
    for k in range(i + 2, min(limit - 1, i + 5)):
        if doc[k].lower_ == "and":
            return _plain(doc[k + 1])
        if not _plain(doc[k]):
            return False
    return False


def _head(body: list[Token], org_kind: bool, named: frozenset[int] = frozenset()
          ) -> int | None:
    """Index of the role's head: the noun that ends the phrase before a kept "to/on" tail (a
    person's title may end in complements: "Attorney General", "Minister II"); an
    organisation's kind is a lower-case noun ("exchange", not "Bank" of a name). A preposition
    inside a name (token index in `named`: "the Bank of Ghana's governor") is no tail."""
    limit = len(body)
    for k, tok in enumerate(body):
        if k and tok.i not in named and (tok.lower_ in KEEP_PREPS or tok.lower_ in ORG_PREPS):
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


_WHEN = frozenset({"DATE", "TIME"})


def chunk_role(ctx: RoleContext, sent: Span, start: int, end: int,
               org_kind: bool) -> Candidate | None:
    """A role from a noun phrase like "the CEO of the Pakistan Crypto Council"."""
    toks = list(ctx.doc[start:end])
    while toks and toks[0].lower_ in {"a", "an", "the", "also", "currently", "now"}:
        toks = toks[1:]
    if not org_kind and len(toks) > 1 and toks[0].lower_ == "another" and toks[0].dep_ == "det":
        toks = toks[1:]  # "X, another top aide": one more holder of the title, singular
    if org_kind and len(toks) > 3 and toks[0].lower_ == "one" and toks[1].lower_ == "of":
        return _one_of(ctx, sent, toks)
    # "X, one of the founders of Y", "one of Britain's best-known actors": one of several
    # who hold the title, which is then said in the singular
    among = not org_kind and len(toks) > 2 and toks[0].lower_ == "one" and toks[1].lower_ == "of"
    if among:
        toks = toks[2:]
        while toks and toks[0].lower_ in {"the", "its", "their"}:
            toks = toks[1:]
    ranked = len(toks) > 2 and toks[1].text == "-" and toks[2].tag_ == "JJS"  # "fourth-largest"
    if not toks or len(toks) > MAX_ROLE_TOKENS or (toks[0].pos_ in {
            "ADP", "VERB", "AUX", "SCONJ", "PRON", "CCONJ", "ADV"} and toks[0].dep_ != "amod"
            and not ranked):
        return None
    if toks[0].lower_ in _NOT_A_ROLE or toks[0].lower_ in _CLAUSE or _names_person(ctx, toks):
        return None  # "other exchanges", "where ...", another person's name: not a role
    cut, org = len(toks), None
    for k, tok in enumerate(toks):
        if k and tok.pos_ == "ADP" and ((tok.head.pos_ in {"VERB", "AUX"} and not start <=
                                          tok.head.i < end) or (
                k + 1 < len(toks) and toks[k + 1].ent_type_ in _WHEN)):
            cut = k  # "sworn in as chairman on Monday", "governor since 2013": not the role's
            break
        if k and tok.lower_ in _MEMBER_PREPS and ctx.at(tok.i) is None:
            found = prep_org(ctx, tok.i, end, org_kind,
                              relational=toks[k - 1].lemma_.lower() in RELATIONAL)
            if found and any(is_kind(t) if org_kind else is_agent(t) for t in toks[:k]):
                if _portfolio(ctx, toks, k, org_kind, found):
                    continue  # "Secretary for Financial Services and the Treasury"
                if government_body(toks[k + 1:]):
                    org = found  # "spokesperson for the finance ministry": which body stays
                    break
                cut, org = k, found
                break
            if tok.lower_ == "in":
                cut = k
                break
    body = toks[:cut]
    head = _head(body, org_kind, frozenset(t.i for t in body if ctx.at(t.i) is not None))
    if head is None or (body[head].tag_ in {"NNS", "NNPS"}) != among:
        return None
    pre = body[:head]
    if any((t.lower_ in {"and", "or", "&"} or t.text == ",") and ctx.at(t.i) is None
           and k and ctx.at(pre[k - 1].i) is not None for k, t in enumerate(pre)):
        return None  # "Kraken and other exchanges" is a list, not a description
    titled = body[head].text[:1].isupper()
    national = body[head].lower_ in NATIONAL_HEADS and nationalities_only(ctx, pre)
    words, pre_org = split_org(ctx, pre, keep_norp=not (titled or org_kind or national),
                               portfolio=org is not None and not org_kind)
    org = org or pre_org
    if org_kind and org is None and any(t.lower_ in LOCAL_WORDS for t in pre):
        org = ctx.local_country(sent)
    tail = body[head:] if not org_kind or _of_words(body, head) else body[head:head + 1]
    owned = _owned_thing(ctx, toks, cut) if org_kind and org is not None else []
    if among and len(tail) > 1:
        return None  # "one of the founders of the movement": the head is not the last word
    text = role_text([*words, *owned, *tail], singular=among, person=not org_kind)
    head_text = role_text([*words, body[head]], singular=among, person=not org_kind)
    return make(ctx, sent, text, org, head_text, titled and not org_kind)


def _one_of(ctx: RoleContext, sent: Span, toks: list[Token]) -> Candidate | None:
    """"one of the world's largest bitcoin miners": a rank among a plural kind, kept as
    written (the kind alone would say less than the text)."""
    kinds = [k for k, t in enumerate(toks) if t.tag_ in {"NNS", "NNPS"} and is_kind(t)]
    if not kinds or any(ctx.at(t.i) is not None for t in toks[:kinds[0] + 1]):
        return None
    text = ctx.doc[toks[0].i:toks[kinds[0]].i + 1].text
    return make(ctx, sent, text, None, text, False)


def _owned_thing(ctx: RoleContext, toks: list[Token], cut: int) -> list[Token]:
    """"the issuer of PayPal's stablecoin": the thing the organisation owns ("stablecoin"),
    which names the kind ("stablecoin issuer" of PayPal); [] for any other tail."""
    rest = [t for t in toks[cut + 1:] if t.text not in {"(", ")"} and not t.is_upper]
    while rest and ctx.at(rest[0].i) is None and rest[0].lower_ in {"the", "a"}:
        rest = rest[1:]
    mention = ctx.at(rest[0].i) if rest else None
    if mention is None:
        return []
    after = [t for t in rest if t.i >= mention.end]
    if len(after) == 2 and after[0].text in POSSESSIVE and after[1].tag_ == "NN" \
            and after[1].is_lower:
        return [after[1]]
    return []


def _portfolio(ctx: RoleContext, toks: list[Token], k: int, org_kind: bool, found: str) -> bool:
    """The "for X" after a minister's or secretary's title is the portfolio ("Commissioner for
    Financial Services"), not an organisation, unless X is a place."""
    return not org_kind and toks[k].lower_ == "for" and toks[k - 1].lower_ in PORTFOLIO_HEADS \
        and ctx.at(toks[k + 1].i if k + 1 < len(toks) else toks[k].i) is not None \
        and not (is_country(found) or is_state(found))


def _of_words(body: list[Token], head: int) -> bool:
    """"a provider of automobile data": the kind's "of" phrase is plain words, kept."""
    rest = body[head + 1:]
    return len(rest) >= 2 and rest[0].lower_ == "of" and all(
        _plain(t) and t.lower_ not in ORG_PREPS for t in rest[1:])


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
        if j < 0 or not (toks[j].lower_ in ORG_PREPS or toks[j].lower_ in KEEP_PREPS):
            return True
    return False
