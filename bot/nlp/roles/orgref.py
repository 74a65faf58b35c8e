"""Definite descriptions that refer back to an organisation just named: "Greenpeace said ...
The campaign group added", "Uber hired him. The taxi service has been criticised". The
description ("campaign group") is the role of the one organisation named in that sentence
(before the description) and the sentence before it.

Modified descriptions ("the campaign group") are read, and bare ones only when the word names
a trade ("the magazine", "the supermarket", never "the group" or "the firm"), and only when a
single organisation is in reach, so the reference is not ambiguous.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.attribution.words import bystander
from bot.nlp.lexicon import PERSONAL_KINDS, PUBLIC_BODIES, SPEECH_VERBS
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import Mention, RoleContext
from bot.nlp.roles.phrase import is_kind

MAX_MODIFIERS = 3
# Heads of organisation descriptions that are not kinds of their own ("the taxi service",
# "the tech giant").
_EXTRA_HEADS = frozenset({"service", "giant"})
# Kinds that say what an organisation does, so "the <kind>" alone still describes it.
_TRADE_KINDS = frozenset({
    "magazine", "newspaper", "publication", "journal", "broadcaster", "publisher", "newsletter",
    "supermarket", "grocer", "retailer", "airline", "carrier", "bank", "lender", "insurer",
    "brokerage", "charity", "union", "exchange", "university", "clinic", "automaker",
    "carmaker", "pollster", "studio", "miner", "marketplace", "manufacturer", "utility",
    "nonprofit", "non-profit", "broker"})
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "VERB"})  # "state-backed": state - backed (VBN)
# Public bodies are usually another organisation than the one just named ("the federal
# government", "the borough council").
_NOT_REFERRING = PUBLIC_BODIES | {"legislature", "government"}
# A referring description is what the sentence is about (subject) or where something is
# ("at the tech giant"); a predicate ("became the first issuer") says something new.
_RANKING = frozenset({"first", "only", "last", "next", "second", "third"})
_REFERRING_DEPS = frozenset({"nsubj", "nsubjpass", "pobj"})
_SPEAKER_REACH = 3  # sentences back to look for who last spoke


def _head(tok: Token) -> bool:
    if not tok.is_lower or tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return False
    if tok.lower_ in PERSONAL_KINDS or tok.lower_ in _NOT_REFERRING:
        return False
    if tok.dep_ not in _REFERRING_DEPS:
        return False
    return is_kind(tok) or tok.lower_ in _EXTRA_HEADS


def _modifiers(ctx: RoleContext, head: Token) -> int | None:
    """Start of "the <modifiers>" before `head`, or None if it is not such a description."""
    doc = ctx.doc
    i = head.i - 1
    words = 0
    while i >= 0 and head.i - i <= 2 * MAX_MODIFIERS:
        tok = doc[i]
        if tok.lower_ == "the":
            break
        mention = ctx.at(i)
        if mention is not None:
            if mention.label not in {"NORP", "GPE"} or mention.end != i + 1 \
                    or mention.start < i - 1 or ctx.place(mention) is None:
                return None
            i = mention.start - 1  # "the Chinese e-commerce giant", "the U.S. plane-maker"
            continue
        if tok.tag_ == "HYPH" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            i -= 1
            continue
        if not (tok.is_lower and tok.is_alpha and tok.pos_ in _MODIFIER_POS):
            return None
        if (tok.pos_ == "VERB" and tok.tag_ != "VBN") or tok.tag_ == "JJS" or \
                tok.lower_ in _RANKING:
            return None  # "the first major central bank": a predicate, not a reference
        words += 1
        i -= 1
    if i < 0 or doc[i].lower_ != "the" or words > MAX_MODIFIERS or (
            words == 0 and head.lower_ not in _TRADE_KINDS):
        return None
    if i > 0 and doc[i - 1].text in {",", "(", "-", "–", "—"}:
        return None  # an apposition ("X, the largest party"): read by `after`
    return i + 1


def speaks(tok: Token) -> bool:
    """The subject of a verb of saying ("the group added")."""
    return tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_VERBS


def last_speaker(ctx: RoleContext, head: Token) -> tuple[bool, Mention | None]:
    """For "the campaign group added": (whether a named speaker was found, the one
    organisation named with them) for whoever spoke last before it ("Greenpeace executive
    director John Sauven said ... He added ..." -> Greenpeace), over a firm named inside what
    they said. A named speaker with no one organisation gives (True, None)."""
    sent = head.sent
    for _ in range(_SPEAKER_REACH):
        if sent.start == 0:
            break
        sent = ctx.doc[sent.start - 1].sent
        for subj in reversed([t for t in sent if speaks(t)]):
            if subj.pos_ == "PRON":
                break  # "He added": the speaker is named further back
            named = [m for m in ctx.mentions if subj.left_edge.i <= m.start
                     and m.end <= subj.right_edge.i + 1]
            if not named:
                continue  # "experts have warned", inside a quote: not who is reported
            orgs = {m.name: m for m in named if m.label == "ORG"}
            return True, (next(iter(orgs.values())) if len(orgs) == 1 else None)
    return False, None


def _antecedent(ctx: RoleContext, head: Token) -> Mention | None:
    """Who last spoke, when the description speaks ("the campaign group added"; no one when
    that speaker names no organisation); otherwise the one organisation named in this
    sentence before `head` and in the sentence before."""
    if speaks(head):
        found, speaker = last_speaker(ctx, head)
        if found:
            return speaker
    sent = head.sent
    lo = sent.start
    if sent.start > 0:
        lo = ctx.doc[sent.start - 1].sent.start
    names = {m.name: m for m in ctx.mentions
             if m.label == "ORG" and lo <= m.start and m.end <= head.i
             and not bystander(ctx.doc[m.start])}  # "told the Post": not what it is about
    if len(names) != 1:
        return None
    return next(iter(names.values()))


def introduced_before(ctx: RoleContext, head: Token) -> bool:
    """"fined a broker ... the broker said", "ordered the exchange to repay ... The exchange
    had": the description takes up a thing introduced with "a", or acted on as an object, in
    this sentence or the one before, not the organisation named there."""
    lo = head.sent.start
    if lo > 0:
        lo = ctx.doc[lo - 1].sent.start
    return any(t.lower_ == head.lower_ and (_indefinite(ctx, t.i) or t.dep_ in {"dobj", "dative"})
               for t in ctx.doc[lo:head.i])


def _indefinite(ctx: RoleContext, i: int) -> bool:
    """"a broker", "an unlicensed crypto broker": "a" or "an" a few lower-case words before
    token i (read from the words, since the parse may glue the phrase to what follows)."""
    for j in range(i - 1, max(-1, i - 1 - MAX_MODIFIERS), -1):
        word = ctx.doc[j]
        if word.lower_ in {"a", "an"}:
            return True
        if not (word.is_lower and word.pos_ in _MODIFIER_POS):
            return False
    return False


def beside_its_subject(ctx: RoleContext, head: Token) -> bool:
    """"The bank manages $1 billion in the pilot fund": when the clause's subject is the
    organisation (named, or described as a bank, an exchange ...), a description in the same
    clause is something else."""
    if head.dep_ == "nsubj" or head.dep_ == "nsubjpass":
        return False
    verb = head.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for subj in verb.children:
        if subj.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        mention = ctx.at(subj.i)
        if (mention is not None and mention.label == "ORG") or (
                mention is None and subj.lower_ in _TRADE_KINDS):
            return True
    return False


def referring_descriptions(ctx: RoleContext) -> dict[str, list[Candidate]]:
    """{organisation: roles from "the <modifiers> <kind>" descriptions that follow it}."""
    doc = ctx.doc
    out: dict[str, list[Candidate]] = {}
    for tok in doc:
        if not _head(tok) or ctx.at(tok.i) is not None:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (ctx.at(nxt.i) is not None or nxt.pos_ in {"NOUN", "PROPN"}
                                or nxt.text in {"'s", "’s", "'", "("}):
            continue  # "the campaign group Greenpeace", "the service provider"
        if tok.conjuncts or (nxt is not None and nxt.text == "," and tok.i + 2 < len(doc)
                             and ctx.at(tok.i + 2) is not None):
            continue  # "neither the charity nor the company"; "the charity, Fresh Start,"
        start = _modifiers(ctx, tok)
        if start is None or any(t.lower_ in _NOT_REFERRING for t in doc[start:tok.i]):
            continue  # "partnered with the central bank": another body, not the firm
        if introduced_before(ctx, tok) or beside_its_subject(ctx, tok):
            continue
        owner = _antecedent(ctx, tok)
        if owner is None:
            continue
        nationality = [m for t in doc[start:tok.i] if (m := ctx.at(t.i)) is not None]
        words = [t for t in doc[start:tok.i + 1] if ctx.at(t.i) is None]
        text = "".join(t.text_with_ws for t in words).strip()
        country = ctx.place(nationality[0]) if nationality else None
        cand = make(ctx, tok.sent, text, country, text, False)
        if cand is not None:
            out.setdefault(owner.name, []).append(cand)
    return out
