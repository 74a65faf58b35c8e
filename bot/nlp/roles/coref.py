"""What a possessor or a definite description points back to: "the country's" (the country
named last), "the bill's" (the last law), "the bank's" (the last organisation with "Bank" in
its name), "the company's" (the article's main organisation), "its" (the organisation it is
coordinated with, else the last one named), and which named bank "the central bank" is."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Token

from bot.nlp.coref import LAW_NOUNS
from bot.nlp.currencies import iso_codes
from bot.nlp.gazetteer import public_bodies
from bot.nlp.lexicon import DEMONYMS, PUBLIC_BODIES, REGULATOR_WORDS
from bot.nlp.roles.context import Mention, RoleContext
from bot.nlp.roles.places import is_country, is_state

_COUNTRY_NOUNS = frozenset({"country", "nation"})
_STATE_NOUNS = frozenset({"state", "province", "region"})
# Bodies of a country's government: unnamed, "the ministry" is the country's.
_GOVERNMENT_NOUNS = frozenset({"ministry", "government", "treasury", "cabinet", "presidency"})
_LAW_NOUNS = LAW_NOUNS | {"measure"}  # "the measure's sponsor": a law here
_ORG_NOUNS = frozenset({"company", "firm", "club", "group", "business", "organisation",
                        "organization", "exchange", "platform", "party", "team", "startup"})
_COMPANY_NOUNS = frozenset({"company", "firm", "exchange", "platform", "startup", "business"})
# What a regulator is called without its name ("the agency's chair", "the regulator's head").
_REGULATOR_NOUNS = frozenset({"regulator", "watchdog", "agency", "commission", "authority",
                              "supervisor"})
_REGULATOR_ONLY = frozenset({"regulator", "watchdog", "supervisor"})  # no other kind of body
_ORG = frozenset({"ORG"})
_OWNERS = frozenset({"ORG", "GPE", "FAC"})  # what "its" may point back to
# Words that make a bank's name a central bank's ("Reserve Bank of India", "Bank of Korea").
_CENTRAL_WORDS = frozenset({"central", "reserve", "national", "people's", "people’s"})
MAIN_ORG_LEAD = 1.5  # the main organisation is named this many times more than the next


def _owner(m: Mention) -> bool:
    """An entity that can own a role: not a country, state or currency code ("AED")."""
    return not (is_country(m.name) or is_state(m.name) or m.name in iso_codes())


def _last(ctx: RoleContext, before: int, labels: frozenset[str],
          word: str | None = None) -> str | None:
    for m in reversed(ctx.mentions):
        if m.start < before and m.label in labels and _owner(m) and (
                word is None or word in m.name.lower().split()):
            return m.name
    return None


def _source(ctx: RoleContext, m: Mention) -> bool:
    """A mention of an organisation as the source of the story ("told the Post", "according
    to Reuters", "Bloomberg reported"), not as what it is about."""
    root = ctx.doc[m.start:m.end].root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ == "tell":
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return root.dep_ == "nsubj" and head.lemma_ in {"report", "write"} and not any(
        c.dep_ == "dobj" for c in head.children)  # "Acme reported a profit" is Acme's


def main_org(ctx: RoleContext, company: bool = False, least: int = 2) -> str | None:
    """The organisation an article is about: named (at least `least` times) clearly more
    often than any other (for `company`, among those that are not public bodies, and not
    counting the outlets the story quotes)."""
    counts = Counter(m.name for m in ctx.mentions if m.label == "ORG" and _owner(m) and not (
        company and (PUBLIC_BODIES & set(m.name.lower().split()) or _source(ctx, m))))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) > 1 and ranked[0][1] < MAIN_ORG_LEAD * ranked[1][1]:
        return None
    return str(ranked[0][0])


def sole_org(ctx: RoleContext, sent_start: int, sent_end: int) -> str | None:
    """The one organisation a sentence names, else the one the whole article names (public
    bodies included, outlets it quotes left out): whose a bare "Chairman X" is in a short
    story about one regulator or firm."""
    for lo, hi in ((sent_start, sent_end), (0, len(ctx.doc))):
        names = {m.name for m in ctx.mentions if m.label == "ORG" and lo <= m.start < hi
                 and _owner(m) and not _source(ctx, m) and not _modifier(ctx, m)}
        if len(names) == 1:
            return names.pop()
        if names:
            return None
    return None


def _modifier(ctx: RoleContext, m: Mention) -> bool:
    """A name used as a modifier ("US Treasury bills"): not a body anyone there works for."""
    return ctx.doc[m.start:m.end].root.dep_ in {"compound", "amod", "nmod"}


def single_named(ctx: RoleContext, word: str) -> str | None:
    """The one organisation whose name has `word` ("court": "Federal Court"), if just one."""
    names = {m.name for m in ctx.mentions if m.label == "ORG" and word in m.name.lower().split()}
    return names.pop() if len(names) == 1 else None


def single_regulator(ctx: RoleContext) -> str | None:
    """The one regulator the article names: an organisation whose name says it regulates or
    supervises ("Securities and Exchange Commission", "Financial Intelligence Unit")."""
    names = {m.name for m in ctx.mentions
             if m.label == "ORG" and (REGULATOR_WORDS & set(m.name.lower().split())
                                      or _known_kind(ctx, m) == "regulator")}
    return names.pop() if len(names) == 1 else None


def _known_kind(ctx: RoleContext, m: Mention) -> str | None:
    """"central bank" or "regulator" when the gazetteer knows the mention's name (or another
    form the article writes for it: "Banco Central do Brasil", "BaFin")."""
    bodies = public_bodies()
    for form in (m.name, *sorted(ctx.index.surfaces.get(m.name, ()))):
        body = bodies.get(form)
        if body is not None:
            return body.kind
    return None


def central_bank(ctx: RoleContext) -> str | None:
    """The one central bank the article names ("Reserve Bank of India", "Bank of Korea")."""
    found: Counter[str] = Counter()
    for m in ctx.mentions:
        words = m.name.lower().split()
        if m.label == "ORG" and (("bank" in words and (
                _CENTRAL_WORDS & set(words) or (words[0] == "bank" and "of" in words)))
                or _known_kind(ctx, m) == "central bank"):
            found[m.name] += 1
    ranked = found.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def unnamed_central_bank(ctx: RoleContext, before: int) -> str | None:
    """Whose a title of "the central bank" is when the title names no bank ("Central bank
    president X"): the one central bank the article names, else the country of the last
    "<country>'s central bank" before token `before`, else the last country named."""
    return central_bank(ctx) or described_central_bank(ctx, before) or \
        ctx.last_country(before)


def described_central_bank(ctx: RoleContext, before: int) -> str | None:
    """The country of the last "<country>'s central bank" written before token `before`, when
    the article names no central bank ("Brazil's central bank said ... the bank's governor")."""
    found = ctx.central_bank_countries
    k = bisect_left(found, (before, ""))  # sorted by token index: no scan per question
    return found[k - 1][1] if k else None


def possessor(ctx: RoleContext, head: Token) -> str | None:
    """What a possessor or definite noun points to (see the module doc)."""
    mention = ctx.at(head.i)
    if mention is not None:
        return ctx.org_name(mention)
    if head.text[:1].isupper() and (is_country(head.text) or is_state(head.text)):
        return head.text  # a place the model did not tag ("Wales' Environment Secretary")
    if head.pos_ == "PROPN" and head.text[:1].isupper() and not head.is_sent_start:
        return ctx.acronym_name(head.text)  # an untagged name ("Tether's chief executive")
    word = head.lower_
    if word in _COUNTRY_NOUNS or (word == "state" and head.i >= 2 and ctx.doc[head.i - 1].text
                                  == "-" and ctx.doc[head.i - 2].lower_ == "city"):
        return ctx.last_country(head.i)  # "the country's", "the city-state's"
    if word in _STATE_NOUNS:
        found = [n for i, n in ctx.states if i < head.i]
        return found[-1] if found else ctx.main_state
    if word in _LAW_NOUNS:
        return _last(ctx, head.i, frozenset({"LAW"}))
    if word in {"its", "their"}:  # "X and its founder": X; else the last organisation
        owner = head.head
        if owner.dep_ == "conj":
            first = ctx.at(owner.head.i)
            if first is not None and first.label in _OWNERS:
                return first.name
        return _last(ctx, head.i, _OWNERS)
    if head.pos_ == "NOUN":
        named = _last(ctx, head.i, _ORG, word)
        if named is None and word == "bank":
            named = described_central_bank(ctx, head.i)
            if named is None and any(c.lower_ in _CENTRAL_WORDS for c in head.lefts):
                named = ctx.last_country(head.i)  # "the central bank's governor": the country's
        if named is None and word in _GOVERNMENT_NOUNS:
            return ctx.last_country(head.i)  # "the ministry's spokesperson": the country's
        if named is None and word in _REGULATOR_NOUNS:
            return _last_regulator(ctx, head.i, word in _REGULATOR_ONLY)  # "the agency's chair"
        if named is None and word in _ORG_NOUNS:
            return main_org(ctx, company=word in _COMPANY_NOUNS)
        return named
    return None


def _last_regulator(ctx: RoleContext, before: int, anywhere: bool) -> str | None:
    """The regulator named last before token `before` (an organisation whose name says it
    regulates, or one the gazetteer knows as a regulator). Not `anywhere` ("the agency's",
    which may be a recruitment agency): only when it is the last organisation named."""
    for m in reversed(ctx.mentions):
        if m.start >= before or m.label != "ORG":
            continue
        if REGULATOR_WORDS & set(m.name.lower().split()) or _known_kind(ctx, m) == "regulator":
            return m.name
        if not anywhere:
            return None
    return None


def government_body(toks: Sequence[Token]) -> bool:
    """Words naming an unnamed body of a country's government ("the finance ministry", "the
    Mexican finance ministry")."""
    return bool(toks) and toks[-1].lower_ in _GOVERNMENT_NOUNS and all(
        t.is_lower or t.text in DEMONYMS for t in toks)


def definite(ctx: RoleContext, toks: list[Token]) -> str | None:
    """What "the country", "the company" or "the central bank" (the whole object of "of")
    points to; None for anything else."""
    words = [t for t in toks if t.lower_ not in {"the", "its", "their"}]
    if not words or not toks or toks[0].lower_ not in {"the", "its", "their"} or not all(
            t.is_lower and t.pos_ in {"ADJ", "NOUN"} for t in words):
        return None
    head = words[-1]
    if head.lower_ == "bank" and len(words) > 1:
        if words[0].lower_ not in _CENTRAL_WORDS:
            return None
        # the one central bank named, else the country's ("governor of the central bank")
        return (central_bank(ctx) or described_central_bank(ctx, head.i)
                or ctx.last_country(head.i))
    if head.lower_ in _GOVERNMENT_NOUNS:  # "spokesperson for the finance ministry"
        return _last(ctx, head.i, _ORG, head.lower_) or ctx.last_country(head.i)
    if len(words) > 1:
        return None
    return possessor(ctx, head)
