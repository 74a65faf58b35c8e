"""Descriptions written before an organisation's name: "crypto exchange KuCoin", "Russian state
news agency TASS", "the ruling party, People's Power", "scams such as X", "the two local crypto
exchanges, X and Y". (Descriptions after the name are read by `bot.nlp.roles.after`.)"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.lexicon import LOCAL_WORDS
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import ORG_LABELS, RoleContext
from bot.nlp.roles.orgs import split_org
from bot.nlp.roles.phrase import POSSESSIVE, is_kind, role_text

MAX_DESC = 8  # tokens
_NP_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "conj", "npadvmod"})


def _np_start(ctx: RoleContext, head: int, lo: int) -> int:
    """Leftmost token of the noun phrase ending at `head` (no determiner)."""
    doc = ctx.doc
    i, start = head - 1, head
    while i >= lo and head - i <= MAX_DESC:
        tok = doc[i]
        mention = ctx.at(i)
        if mention is not None:
            if mention.label not in ORG_LABELS or mention.start < lo:
                break
            start = i = mention.start
            i -= 1
            continue
        if tok.text in POSSESSIVE or tok.text in {"-", "–"} or tok.tag_ == "HYPH" or (
                tok.pos_ in _NP_POS and not tok.is_punct) or tok.lower_ in LOCAL_WORDS or (
                tok.tag_ in {"VBG", "VBN"} and tok.is_lower and tok.dep_ in _MODIFIER_DEPS):
            start = i
            i -= 1
            continue
        break
    return start


def _describe(ctx: RoleContext, sent: Span, start: int, head: int,
              singular: bool) -> Candidate | None:
    toks = [t for t in ctx.doc[start:head + 1] if not t.like_num]
    if any(t.lower_ in {"other", "another", "such"} for t in toks):
        return None  # "other departments such as X": not what X is
    words, org = split_org(ctx, toks[:-1])
    words.append(toks[-1])
    if org is None and any(t.lower_ in LOCAL_WORDS for t in words):
        org = ctx.local_country(sent)
    text = role_text(words, singular=singular)
    return make(ctx, sent, text, org, text, False) if text else None


def _object_of_title(tok: Token) -> bool:
    """"the president of the company, X": X is no company ("one of the fan bodies, X" is)."""
    of = tok.head
    return tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ != "one"


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"}


def kind_before(ctx: RoleContext, span: Span, shared: bool = False) -> list[Candidate]:
    """The description written before an organisation's name (`shared`: the name follows
    another in a list, so a plural description applies to it too)."""
    doc, sent = ctx.doc, span.sent
    end = span.start
    if end - 1 >= sent.start and doc[end - 1].lower_ == "the":
        end -= 1
    if end - 2 >= sent.start and [t.lower_ for t in doc[end - 2:end]] == ["such", "as"]:
        head = end - 3
        plural_ok = True
    elif end - 1 >= sent.start and doc[end - 1].text == ",":
        head = end - 2
        plural_ok = True
        after = doc[span.end] if span.end < sent.end else None
        if after is not None and after.text not in {",", ".", "and", "(", ";"} \
                and after.pos_ not in {"VERB", "AUX"}:
            return []
    else:
        head = end - 1
        plural_ok = shared
    if head < sent.start or ctx.at(head) is not None or not is_kind(doc[head]) \
            or not doc[head].is_lower or _object_of_title(doc[head]):
        return []
    if _plural(doc[head]) and not plural_ok:
        return []
    start = _np_start(ctx, head, sent.start)
    cand = _describe(ctx, sent, start, head, singular=_plural(doc[head]))
    return [cand] if cand else []
