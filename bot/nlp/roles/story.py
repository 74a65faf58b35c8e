"""Definite descriptions of the organisation a passage is about: "The home-improvement retailer
earned $2.8 billion", "the workspace provider", "the campaign group added". A lower-case kind
after "the", with modifiers of its own and completed by no name, "of" phrase or clause, describes
an organisation named in the last sentences: the story's main one when it is among them, else
the only one there (a public body for a public kind, a company for any other)."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from bot.nlp.currencies import SYMBOLS
from bot.nlp.lexicon import PERSONAL_KINDS, PUBLIC_BODIES
from bot.nlp.numbers import SCALES
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.coref import main_org
from bot.nlp.roles.orgref import beside_its_subject, introduced_before, last_speaker, speaks
from bot.nlp.roles.phrase import is_kind, role_text

WINDOW = 2  # sentences before the description where its organisation may be named
MAX_MODIFIERS = 4
_OWN_WORDS = frozenset({"bank", "regulator", "watchdog"})  # read by `anaphora`
_COMPLETING = frozenset({"relcl", "acl", "appos"})
_NOT_ANAPHORIC = frozenset({"other", "another", "same", "first", "last", "next", "only",
                            "such", "former", "new", "latter", "following"})


def _modifiers(ctx: RoleContext, tok: Token) -> list[Token] | None:
    """The words between "the" and the kind, or None when it is not "the [words] kind"."""
    doc = ctx.doc
    toks: list[Token] = []
    i = tok.i - 1
    while i >= 0 and len(toks) <= MAX_MODIFIERS:
        word = doc[i]
        if word.lower_ == "the":
            return toks
        if ctx.at(i) is not None or word.lower_ in _NOT_ANAPHORIC or word.tag_ in {
                "JJS", "RBS", "POS", "PRP$"} or not (word.is_lower or not word.is_alpha):
            return None
        toks.insert(0, word)
        i -= 1
    return None


def _described(ctx: RoleContext, tok: Token) -> list[Token] | None:
    if not (tok.is_lower and tok.tag_ == "NN" and is_kind(tok)) or ctx.at(tok.i) is not None:
        return None
    if tok.lower_ in PERSONAL_KINDS or tok.lower_ in _OWN_WORDS:
        return None
    if tok.dep_ in {"compound", "nmod", "amod", "appos"} or any(
            c.dep_ in _COMPLETING or (c.dep_ == "prep" and c.lower_ == "of")
            for c in tok.children):
        return None  # "the exchange's", "the company that runs X", "the operator of X"
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    if nxt is not None and (ctx.at(nxt.i) is not None or nxt.text == ","):
        return None  # "the exchange KuCoin", "the ruling party, People's Power"
    mods = _modifiers(ctx, tok)
    if not mods or not any(t.is_alpha and t.pos_ in {"NOUN", "ADJ", "VERB"} for t in mods):
        return None
    mods = [t for t in mods if not _worth_word(t)]  # "the $40 billion taxi service"
    return [*mods, tok] if mods else None


def _worth_word(tok: Token) -> bool:
    """A word of an amount ("$", "40", "billion"): what the firm is worth, not what it is."""
    return tok.like_num or tok.text[:1].isdigit() or tok.is_currency or tok.lower_ in SCALES \
        or tok.text in SYMBOLS


def story_descriptions(ctx: RoleContext) -> dict[str, list[Candidate]]:
    """{organisation: roles} from the definite descriptions that point back to it."""
    out: dict[str, list[Candidate]] = {}
    sents = list(ctx.doc.sents)
    starts = [s.start for s in sents]
    main = main_org(ctx)
    for tok in ctx.doc:
        words = _described(ctx, tok)
        if words is None or introduced_before(ctx, tok) or beside_its_subject(ctx, tok):
            continue
        text = role_text(words)
        if not text or text == tok.lower_:
            continue
        k = bisect_right(starts, tok.i) - 1
        lo = sents[max(0, k - WINDOW)].start
        public = tok.lower_ in PUBLIC_BODIES
        names = {m.name for m in ctx.mentions if m.label == "ORG" and lo <= m.start < tok.i
                 and bool(PUBLIC_BODIES & set(m.name.lower().split())) == public}
        owner = main if main in names else (next(iter(names)) if len(names) == 1 else None)
        if speaks(tok):  # "the campaign group added": whoever spoke last, if named
            found, speaker = last_speaker(ctx, tok)
            owner = (speaker.name if speaker is not None else None) if found else owner
        if owner is None:
            continue
        cand = make(ctx, sents[k], text, None, text, False)
        if cand is not None:
            out.setdefault(owner, []).append(cand)
    return out
