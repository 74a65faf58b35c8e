"""Titles written before a name: "Economy Minister X", "CFTC chair X", "Russia's President X",
"former U.S. President X", "the country's Finance Minister X", "Chair of UK Sport X",
"The Governor of the Central Bank of Nigeria, X, said" and "co-founders X and Y".

The run of title-like tokens left of the name is read back to its start, then split into the
organisation (a named entity, a possessor, an "of ORG" tail) and the title as written.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.domain.models import Role
from bot.nlp.firm_titles import QUALIFIER_WORDS
from bot.nlp.lexicon import (
    CALENDAR_WORDS,
    DEMONYMS,
    ELECTED_TITLES,
    NATIONAL_HEADS,
    PORTFOLIO_HEADS,
    POSSESSIVE,
    ROLE_HEADS,
    TITLE_ORDINALS,
)
from bot.nlp.roles.candidate import NONE, Candidate, make
from bot.nlp.roles.company_titles import misread_name, untagged_company
from bot.nlp.roles.context import ORG_LABELS, RoleContext
from bot.nlp.roles.coref import definite
from bot.nlp.roles.orgs import national_body, nationalities_only, split_org
from bot.nlp.roles.phrase import (
    is_agent,
    is_complement,
    is_head,
    is_honorific,
    lower_portfolio,
    role_text,
)
from bot.nlp.roles.places import is_country, is_state

MAX_TITLE = 14  # tokens
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # "ConferenceAnd": two words glued
_WORD_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TIME_WORDS = frozenset({"week", "weeks", "weekend", "month", "months", "year", "years",
                         "day", "days", "yesterday", "today", "tonight", "tomorrow", "morning",
                         "afternoon", "evening", "night"})
_PREPOSITIONAL = frozenset({"including", "excluding", "following", "according", "regarding",
                            "concerning", "involving", "featuring", "during", "pending",
                            "considering", "saying", "calling", "urging", "joining"})


# Heads that name a tie to another person when written in lower case ("aide to", "adviser
# to"); capitalised they open a formal title ("Special Assistant to the Prime Minister").
_RELATIONAL_HEADS = frozenset({"aide", "aides", "adviser", "advisers", "advisor", "advisors",
                               "assistant", "assistants", "counsellor", "counselor",
                               "confidant", "deputy", "spokesman", "spokeswoman",
                               "spokesperson", "successor", "predecessor"})


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _misparsed_vbg(tok: Token) -> bool:
    """"a book by bestselling author X" parsed as "by [bestselling]" with the title as a
    compound of the name: a verb after a preposition with no object but the name, before a
    title head."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (tok.dep_ == "pcomp" and nxt is not None and is_agent(nxt) and nxt.dep_ == "compound"
            and not any(c.dep_ in {"dobj", "obj", "attr"} and c.ent_type_ != "PERSON"
                        for c in tok.children))


def _portfolio_comma(doc: Doc, i: int, lo: int) -> bool:
    """A comma inside "Minister of Digital Development, Innovation and Aerospace"."""
    if i + 1 >= len(doc) or not _capital(doc[i + 1]):
        return False
    j = i - 1
    while j > lo and (_capital(doc[j]) or doc[j].text == ","):
        j -= 1
    return j > lo and doc[j].lower_ == "of" and doc[j - 1].lower_ in PORTFOLIO_HEADS


def _in_portfolio(doc: Doc, i: int, lo: int) -> bool:
    """Token i is inside the capitalised portfolio of a title: "Secretary for Financial
    Services and the Treasury", "Under Secretary for Terrorism and Financial Intelligence"."""
    j = i - 1
    while j > lo and (_capital(doc[j]) or doc[j].lower_ in {"and", "&", "the", ","}):
        j -= 1
    return j > lo and j < i - 1 and doc[j].lower_ in {"of", "for", "to"} \
        and is_head(doc[j - 1])


def _title_comma(ctx: RoleContext, i: int, lo: int, end: int) -> bool:
    """A comma between two titles of a list that "and" closes ("chairman, CEO and
    president X")."""
    doc = ctx.doc
    if i - 1 < lo or i + 1 >= end or ctx.at(i - 1) or ctx.at(i + 1):
        return False
    if not (is_agent(doc[i - 1]) and is_agent(doc[i + 1])):
        return False
    return any(doc[k].lower_ == "and" for k in range(i + 2, min(end, i + 6)))


# Lower-case words a capitalised title may keep before it ("state Sen.", "former Governor",
# "U.S. district Judge"): qualifiers and levels of office.
_LEVEL_WORDS = frozenset({"state", "federal", "county", "city", "district", "regional",
                          "provincial", "local", "national", "then", "then-"})


def _loose_before_capitals(doc: Doc, i: int, end: int) -> bool:
    """Token i is a lower-case adjective or noun before a title written wholly in capitals up
    to the name (a word of the sentence, "neighboring", "lagging", "video", not the title's),
    unless it is a qualifier or a level of office ("former", "acting", "state")."""
    tok = doc[i]
    if not tok.is_lower or not tok.is_alpha or tok.pos_ not in {"ADJ", "NOUN", "VERB"} \
            or tok.lower_ in QUALIFIER_WORDS or tok.lower_ in _LEVEL_WORDS or i + 1 >= end:
        return False
    rest = doc[i + 1:end]
    if len(rest) == 1 and rest[0].lower_ in PORTFOLIO_HEADS:
        return False  # "finance Minister X": a portfolio written in lower case
    return all(t.text[:1].isupper() or t.is_punct for t in rest) and is_agent(rest[-1]) \
        and any(t.is_alpha for t in rest)


def _accept(ctx: RoleContext, i: int, lo: int, end: int) -> bool | None:
    """True: token i belongs to the title run; False: stop before it; None: take it and stop
    (a possessive pronoun)."""
    doc = ctx.doc
    tok = doc[i]
    if tok.text in POSSESSIVE:
        return True
    if tok.tag_ == "HYPH" or tok.text in {"-", "–"}:  # "co-founder", not a dash " - "
        return not tok.whitespace_ and i - 1 >= lo and not doc[i - 1].whitespace_
    if tok.tag_ == "PRP$":
        return None
    low = tok.lower_
    if _loose_before_capitals(doc, i, end):
        return False  # "neighboring Vermont Sen. X", "lagging Governor X": not the title's
    if low == "to" and i - 1 >= lo and doc[i - 1].lower_ in _RELATIONAL_HEADS \
            and doc[i - 1].is_lower:
        return False  # "a security aide to Vice President X": X holds the later title only
    if low in {"of", "for"} or (low == "to" and i - 1 >= lo and is_head(doc[i - 1])):
        return i + 1 < end and (_capital(doc[i + 1]) or doc[i + 1].lower_ == "the"
                                or lower_portfolio(doc, i, lo, end))
    if low == "the":
        return i - 1 >= lo and (doc[i - 1].lower_ in {"of", "for", "to"} or (
            doc[i - 1].lower_ in {"and", "&"} and _in_portfolio(doc, i - 1, lo)))
    if low in {"and", "&"}:  # "Rural and Regional Development", "senator and contender"
        if i + 1 < end and (_capital(doc[i + 1]) or doc[i + 1].lower_ == "the") \
                and _in_portfolio(doc, i, lo):  # "Secretary for Financial Services and the ..."
            return True
        if i - 1 < lo or i + 1 >= end or ctx.at(i - 1) or ctx.at(i + 1):
            return False
        left, right = doc[i - 1], doc[i + 1]
        return (_capital(left) and _capital(right)) or (is_agent(left) and right.is_alpha)
    if tok.text == ",":  # "Minister of Energy, Mines and ...", "chairman, CEO and president"
        return _portfolio_comma(doc, i, lo) or _title_comma(ctx, i, lo, end)
    if _title_ordinal(ctx, i, end) or (low == "under" and tok.is_title and i + 1 < end
                                       and is_head(doc[i + 1])):
        return True  # "First Minister", "Under Secretary"
    if tok.like_num or tok.ent_type_ in _NUMERIC or "--" in tok.text or _GLUED.search(tok.text) \
            or low in _TIME_WORDS or tok.text in CALENDAR_WORDS:
        return False  # numbers, dates ("Last week State Department official X"), and words
        # glued together by a lost space
    if tok.tag_ == "VBG":  # "managing director", "bestselling author", not "including"
        after_noun = i - 1 >= lo and doc[i - 1].is_lower and doc[i - 1].pos_ == "NOUN"
        return (low not in _PREPOSITIONAL and not after_noun  # not "fame playing vet X"
                and i + 1 < end and doc[i + 1].pos_ in _WORD_POS
                and (tok.dep_ in {"amod", "compound", "nmod", "conj"} or _misparsed_vbg(tok)))
    if tok.is_sent_start and tok.pos_ == "VERB":  # "Coinbase chief ...", misread as a verb
        return misread_name(tok)
    return tok.pos_ in _WORD_POS or low in QUALIFIER_WORDS or is_head(tok) or (
        tok.is_alpha and _capital(tok) and tok.pos_ not in {"VERB", "AUX", "ADV", "PRON",
                                                            "DET", "ADP", "SCONJ", "CCONJ"})


def _bracketed_acronym(ctx: RoleContext, i: int, lo: int) -> bool:
    """Token i closes "(ACRONYM)" written right after an organisation's name."""
    doc = ctx.doc
    if doc[i].text != ")" or i - 3 < lo or doc[i - 2].text != "(":
        return False
    inner, name = ctx.at(i - 1), ctx.at(i - 3)
    return inner is not None and name is not None and name.label in ORG_LABELS \
        and doc[i - 1].text.isupper()


def _run_start(ctx: RoleContext, end: int, lo: int) -> int:
    """Leftmost token of the title-like run that ends right before token `end`."""
    doc = ctx.doc
    start, i = end, end - 1
    while i >= lo and end - i <= MAX_TITLE:
        mention = None if _honorific_only(ctx, i) or _title_ordinal(ctx, i, end) else ctx.at(i)
        if mention is not None:
            modifier = mention.label == "PERSON" and i + 1 < end and (
                is_head(doc[i + 1]) or doc[i + 1].text in POSSESSIVE)  # "Trump adviser"
            if (mention.label not in ORG_LABELS and not modifier) or mention.start < lo:
                break
            start = i = mention.start
            i -= 1
            continue
        if _bracketed_acronym(ctx, i, lo):  # "Capital Markets Authority (CMA) chief ..."
            start, i = i - 2, i - 3
            continue
        verdict = _accept(ctx, i, lo, end)
        if verdict is False:
            break
        start = i
        if verdict is None:
            break
        i -= 1
    while start < end and (ctx.doc[start].lower_ in {"of", "for", "and", "&", ","}
                           or ctx.doc[start].text in POSSESSIVE or ctx.doc[start].text == "-"):
        start += 1
    return start


def _title_ordinal(ctx: RoleContext, i: int, end: int) -> bool:
    """"First Minister", "First Deputy Governor", "Second Secretary": a capitalised ordinal the
    model tags like a rank in a list, opening a title ("the first crypto minister" is a rank)."""
    doc = ctx.doc
    return doc[i].lower_ in TITLE_ORDINALS and doc[i].is_title and i + 1 < end and (
        is_head(doc[i + 1]) or doc[i + 1].lower_ in QUALIFIER_WORDS)


def _honorific_only(ctx: RoleContext, i: int) -> bool:
    """Token i is not in a mention, or in one made of words of address only ("Datuk Seri",
    "II Datuk")."""
    mention = ctx.at(i)
    return mention is None or all(is_honorific(t) or is_complement(t)
                                  for t in ctx.doc[mention.start:mention.end])


# Heads whose "to X" names where they are sent, not whom they serve.
_ENVOYS = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "emissary", "consul"})


def _split_tail(ctx: RoleContext, h: int, end: int) -> tuple[list[Token], str | None] | None:
    """After the head: complements, then "of/for X" phrases: a named organisation or country
    is the org, other words are a portfolio ("Minister of Energy"). None if something else
    follows the head."""
    doc = ctx.doc
    kept: list[Token] = []
    i = h + 1
    while i < end and is_complement(doc[i]):
        kept.append(doc[i])
        i += 1
    org = None
    while i < end:
        if doc[i].lower_ not in {"of", "for", "to"}:
            return None
        j = i + 1
        seg_start = j
        while j < end and (ctx.at(j) is not None or doc[j].lower_ not in {"of", "for", "to"}):
            j += 1
        if doc[i].lower_ == "to" and doc[h].lower_ in _ENVOYS and j > seg_start:
            kept.extend(doc[i:j])  # "U.S. ambassador to Ukraine X": where, not whose envoy
            i = j
            continue
        found = definite(ctx, list(doc[seg_start:j]))
        if found:  # "the president of the company, X"
            org = found
            break
        seg = [t for t in doc[seg_start:j] if t.lower_ != "the"]
        seg_text = " ".join(t.text for t in seg)
        if seg and ctx.at(seg[0].i) is None and (is_country(seg_text) or is_state(seg_text)):
            org = seg_text  # a country the model did not tag ("Minister of Energy of X")
            break
        mention = ctx.at(seg[0].i) if seg else None
        if mention is not None and mention.start == seg[0].i and mention.end == j:
            name = ctx.org_name(mention)
            place = ctx.place(mention)
            portfolio_head = doc[h].lower_ in PORTFOLIO_HEADS
            if not portfolio_head or place is not None:
                org = name
                break
        if not seg:
            return None
        kept.extend(doc[i:j])
        i = j
    return kept, org


def title_roles(ctx: RoleContext, span: Span, place_hint: str | None = None,
                singular: bool = False) -> tuple[list[Candidate], bool]:
    """Roles written before a name, and whether the title's head is plural (shared by the
    names coordinated after it: "co-founders X and Y")."""
    doc, sent = ctx.doc, span.sent
    end = span.start
    while end - 1 >= sent.start and is_honorific(doc[end - 1]) and _honorific_only(ctx, end - 1):
        end -= 1
    if end - 1 >= sent.start and doc[end - 1].text == ",":
        after = doc[span.end] if span.end < sent.end else None
        acts = after is not None and after.pos_ in {"VERB", "AUX"} \
            and _run_start(ctx, end - 1, sent.start) == sent.start  # the sentence opens with
        # the title: "Senate Leader, Ahmad Lawan raises a motion" (not "met the governor, X said")
        if after is not None and after.text not in {",", "(", "."} and not acts \
                and not _plural_before_list(ctx, end - 1, span):
            return [], False
        end -= 1
    if end - 1 >= sent.start and doc[end - 1].lower_ in {"and", "&", "the", "of", "for", "to"}:
        return [], False  # "Secretary for Financial Services and the [Treasury]": a portfolio
    start = _run_start(ctx, end, sent.start)
    heads = [i for i in range(start, end) if is_agent(doc[i]) and ctx.at(i) is None]
    out: list[Candidate] = []
    plural = False
    for part_start, part_end in _parts(doc, start, end, heads):
        cand, is_plural = _one_title(ctx, sent, part_start, part_end, place_hint, singular)
        if cand is not None:
            out.append(cand)
            plural = plural or is_plural
    return _share_org(out), plural


def _plural_before_list(ctx: RoleContext, comma: int, span: Span) -> bool:
    """"The suspects, X and Y, were held": a plural noun, a comma, then the list of the names
    it describes."""
    doc = ctx.doc
    if comma - 1 < 0 or doc[comma - 1].tag_ not in {"NNS", "NNPS"} or span.end + 1 >= len(doc):
        return False
    return doc[span.end].lower_ in {"and", ","} and ctx.at(span.end + 1) is not None


def _share_org(cands: list[Candidate]) -> list[Candidate]:
    """"WeWork founder and former CEO X": the titles of a list without an org of their own
    take the one the list states (else the one inferred for the others)."""
    if len(cands) < 2:
        return cands
    top = max(c.strength for c in cands)
    orgs = [c.role.org for c in cands if c.strength == top]
    if top == NONE:
        return cands
    return [Candidate(Role(c.role.text, orgs[0], c.role.sentence), top)
            if c.strength == NONE else c for c in cands]


def _parts(doc: Doc, start: int, end: int, heads: list[int]) -> list[tuple[int, int]]:
    """"Republican senator and presidential contender", "chairman, CEO and president": one
    part per role of the list."""
    parts, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ in {"and", ","} and any(h < i for h in heads if h >= begin) and \
                any(h > i for h in heads) and doc[i - 1].i in heads:
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return parts


def _one_title(ctx: RoleContext, sent: Span, start: int, end: int, place_hint: str | None,
               singular: bool) -> tuple[Candidate | None, bool]:
    doc = ctx.doc
    heads = [i for i in range(start, end) if is_agent(doc[i]) and ctx.at(i) is None]
    for h in reversed(heads):
        split = _split_tail(ctx, h, end)
        if split is None:
            continue
        tail, tail_org = split
        titled = _capital(doc[h])
        pre = list(doc[start:h])
        cut = [k for k, t in enumerate(pre) if t.lower_ in {"of", "for"} and ctx.at(t.i) is None]
        if cut:  # "a long-term ally of President X": the title starts after "of"
            pre = pre[cut[-1] + 1:]
        keep_norp = not titled and not _bare_norp(ctx, pre) and not national_body(pre) \
            and not (doc[h].lower_ in NATIONAL_HEADS and nationalities_only(ctx, pre))
        words, org = split_org(ctx, pre, keep_norp=keep_norp,
                               portfolio=doc[h].lower_ in PORTFOLIO_HEADS,
                               elected=doc[h].lower_.rstrip(".") in ELECTED_TITLES)
        head = doc[h]
        if org is None and tail_org is None:
            words, org = untagged_company(ctx, words, head)
        plural = head.tag_ in {"NNS", "NNPS"} or (
            head.lower_.endswith("s") and head.lower_ not in ROLE_HEADS)
        head_text = role_text([*words, head], singular=singular or plural, person=True)
        text = role_text([*words, head, *tail], singular=(singular or plural) and not tail,
                         person=True)
        if tail and (singular or plural):
            text = head_text + text[len(role_text([*words, head], person=True)):]
        return make(ctx, sent, text, tail_org or org, head_text, titled, place_hint), plural
    return None, False


def _bare_norp(ctx: RoleContext, pre: list[Token]) -> bool:
    """"Ukrainian lawmaker X", "former French economist X": a nationality and at most
    qualifiers before the head only say whose the role is (the country is its org), unlike a
    description ("a Salvadoran government advisor")."""
    norp = [t for t in pre if (m := ctx.at(t.i)) is not None and m.label == "NORP"
            and m.name in DEMONYMS]  # a nationality, not a party ("Republican senator")
    rest = [t for t in pre if t not in norp and t.lower_ not in QUALIFIER_WORDS]
    return bool(norp) and not rest
