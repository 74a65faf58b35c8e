"""Descriptions that name an organisation without its name: "the central bank said", "Brazil's
central bank", "the apex bank has minted", "the country's corporate regulator", "the
watchdog". When the article names one central bank (one regulator), the description is its
role, with the country of the possessor or of the organisation's name."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.lexicon import POSSESSIVE
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.coref import central_bank, single_regulator
from bot.nlp.roles.orgs import split_org
from bot.nlp.roles.phrase import role_text
from bot.nlp.roles.places import country_in_name

MAX_MODIFIERS = 3
_WORDS = frozenset({"ADJ", "NOUN", "PROPN"})  # the small model tags "the apex bank" PROPN


def _description(ctx: RoleContext, bank: Token) -> list[Token] | None:
    """"the [country's] central bank" (or "the regulator") ending at `bank`: its tokens, or
    None."""
    if bank.dep_ in {"compound", "nmod", "amod"} or ctx.at(bank.i) is not None or (
            bank.head.i > bank.i and bank.head.pos_ == "NOUN"):
        return None  # "central bank digital currency", "the Bank of Korea"
    toks: list[Token] = []
    i = bank.i - 1
    while i >= 0 and len(toks) <= MAX_MODIFIERS + 3:
        tok = ctx.doc[i]
        if tok.lower_ in {"the", "its"} or tok.text in POSSESSIVE:
            break
        if not (tok.is_lower and tok.pos_ in _WORDS) and ctx.at(i) is None:
            return None
        toks.insert(0, tok)
        i -= 1
    if i < 0 or (toks and not any(t.is_lower for t in toks)):
        return None  # "the watchdog" alone is fine, "the Bank" is a name
    if ctx.doc[i].text in POSSESSIVE:  # "Brazil's central bank", "the country's central bank"
        j = i - 1
        while j >= 0 and ctx.doc[j].lower_ != "the" and ctx.doc[j].text[:1].isupper():
            j -= 1
        start = j if j >= 0 and ctx.doc[j].lower_ == "the" else j + 1
        return [*ctx.doc[start:bank.i + 1]]
    return [*toks, bank] if ctx.doc[i].lower_ == "the" else None


def described_roles(ctx: RoleContext) -> dict[str, list[Candidate]]:
    """{name: roles from descriptions elsewhere in the article}: "the central bank" for the
    one central bank it names, "the (securities) regulator" / "the watchdog" for the one
    regulator it names."""
    out: dict[str, list[Candidate]] = {}
    owners = {"bank": central_bank(ctx), "regulator": single_regulator(ctx),
              "watchdog": single_regulator(ctx)}
    for tok in ctx.doc:
        owner = owners.get(tok.text)  # lower case: a description, not a name
        if owner is None or tok.pos_ not in _WORDS or tok.tag_ in {"NNS", "NNPS"}:
            continue
        toks = _description(ctx, tok)
        if not toks:
            continue
        words, org = split_org(ctx, toks[:-1])
        text = role_text([*words, tok])
        if not text or (text == "bank"):
            continue
        org = org or ctx.possessing_country(owner) or country_in_name(owner) or \
            ctx.main_country
        cand = make(ctx, tok.sent, text, org, text, False)
        if cand is not None:
            out.setdefault(owner, []).append(cand)
    return out
