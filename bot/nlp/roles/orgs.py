"""The organisation named among the words before a role's head, and the words left for the
title: "Russia's" -> Russia, "former U.S." -> United States (title "former"), "the country's"
-> the country named last, "its" -> the organisation named last, "Badminton England" -> one org,
"ASIC" -> an acronym, "Finnish" -> Finland, "United States-based" -> left out (a place of
business, not an owner); and the organisation an "of/at/for" phrase after a head names
(`prep_org`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Token

from bot.nlp.lexicon import DEMONYMS, PARTY_WORDS, POSSESSIVE, TITLE_ABBREVIATIONS
from bot.nlp.roles.context import PLACE_SUFFIX, Mention, RoleContext
from bot.nlp.roles.coref import definite, government_body, possessor
from bot.nlp.roles.phrase import is_head, is_kind
from bot.nlp.roles.places import is_country, is_state


def _acronym(tok: Token) -> bool:
    text = tok.text.replace(".", "")
    return (len(text) >= 2 and text.isupper() and text.isalpha() and not is_head(tok)
            and tok.lower_ not in TITLE_ABBREVIATIONS)


def _groups(ctx: RoleContext, toks: Sequence[Token], skip: set[int]
            ) -> list[tuple[list[int], list[Mention]]]:
    """Runs of adjacent name tokens (mentions and acronyms): "Badminton England" is one."""
    out: list[tuple[list[int], list[Mention]]] = []
    prev = -2
    for tok in toks:
        if tok.i in skip:
            continue
        mention = ctx.at(tok.i)
        if mention is None and not _acronym(tok):
            continue
        if tok.i == prev + 1 and out:
            out[-1][0].append(tok.i)
            if mention is not None and mention not in out[-1][1]:
                out[-1][1].append(mention)
        else:
            out.append(([tok.i], [mention] if mention else []))
        prev = tok.i
    return out


def nationalities_only(ctx: RoleContext, toks: Sequence[Token]) -> bool:
    """Every nationality-or-group word (NORP) among `toks` is a country's demonym: "Argentine",
    not a party's "Republican", which stays in a title."""
    return all(ctx.doc[t.i].text in DEMONYMS for t in toks
               if (m := ctx.at(t.i)) is not None and m.label == "NORP")


def national_body(toks: Sequence[Token]) -> bool:
    """"(Brazilian / Its) central bank chief X": words naming a body only a country has, so the
    country is the role's org, as in "Brazil's central bank chief"."""
    return any(a.lower_ == "central" and b.lower_ == "bank" for a, b in pairwise(toks))


def split_org(ctx: RoleContext, toks: Sequence[Token], keep_norp: bool = False,
              portfolio: bool = False, elected: bool = False) -> tuple[list[Token], str | None]:
    """(title words, org) from the words before a head. `keep_norp`: a demonym stays in a
    lower-case description ("a Salvadoran government advisor") and also gives the org.
    `portfolio`: before a minister, an organisation's name is the portfolio ("Energy").
    `elected`: before an elected office ("Sen.", "Governor"), a party is neither the title nor
    its org; the place is ("Kentucky GOP Gov." -> Governor of Kentucky)."""
    toks = list(toks)
    org: str | None = None
    drop: set[int] = set()
    for k, tok in enumerate(toks):  # "Seychelles-headquartered": where, not whose
        if k and tok.text in {"-", "–"} and k + 1 < len(toks) and \
                toks[k + 1].lower_ in PLACE_SUFFIX:
            j = k - 1
            while j > 0 and toks[j - 1].text[:1].isupper():
                j -= 1
            drop.update(t.i for t in toks[j:k + 2])
    for k, tok in enumerate(toks):
        if tok.text in POSSESSIVE and k > 0:
            org = _owner_name(ctx, toks[:k]) or org
            drop.update(t.i for t in toks[:k + 1])
        elif tok.tag_ == "PRP$":
            # "Its central bank governor": a country's; a firm has no central bank
            org = (ctx.last_country(tok.i) if national_body(toks[k + 1:])
                   else possessor(ctx, tok)) or org
            drop.add(tok.i)
    for tok in toks:  # a country or state the model did not tag ("Texas Public Accounts")
        if ctx.at(tok.i) is None and tok.i not in drop and tok.text[:1].isupper() \
                and tok.pos_ == "PROPN" and (is_country(tok.text) or is_state(tok.text)):
            # a proper noun only: "Central bank governor" opens with an adjective, even though
            # some country has a region called "Central"
            org = tok.text
            drop.add(tok.i)
    for idx, mentions in _groups(ctx, toks, drop):
        first = mentions[0] if mentions else None
        if first is not None:
            end = ctx.place_modifier(mentions[-1])
            if end is not None:
                drop.update(range(idx[0], end))
                continue
        if first is not None and len(mentions) == 1 and len(idx) == first.end - first.start:
            if elected and first.name in PARTY_WORDS:
                drop.update(idx)  # "Republican Sen. X": a senator, of no party's
                continue
            if first.label == "NORP":
                country = ctx.org_name(first)
                org = country or org
                if not keep_norp and country is not None:
                    drop.update(idx)  # "militant Islamist group": no country, a word
                continue
            if portfolio and first.label == "ORG" and not _acronym(ctx.doc[idx[0]]):
                continue  # "Energy Minister"; but "SEC Commissioner" is the SEC's
            if first.label == "PERSON" and not _before_head(ctx, idx[-1]):
                continue
            org = ctx.org_name(first) or first.name
        elif elected and len(mentions) > 1 and mentions[-1].name in PARTY_WORDS \
                and all(ctx.place(m) is not None for m in mentions[:-1]):
            org = ctx.place(mentions[0]) or org  # "Wyoming Republican Sen. X"
            drop.update(idx)
            continue
        elif _placed_org(ctx, mentions):  # "Nigerian SEC", "US Federal Reserve"
            org = ctx.org_name(mentions[-1]) or org
        elif (lead := _org_then_portfolio(ctx, idx, mentions)) is not None:
            org = lead.name  # "White House AI and crypto czar": "AI" is the portfolio
            drop.update(range(lead.start, lead.end))
            continue
        else:
            org = ctx.acronym_name(" ".join(ctx.doc[i].text for i in idx))
        drop.update(idx)
    if org:
        words = set(org.split())
        for k in range(len(toks) - 1):  # "Russian" + "Central Bank" (named Russian Central Bank)
            if toks[k + 1].i in drop and toks[k].i not in drop and toks[k].text in words:
                drop.add(toks[k].i)
    return [t for t in toks if t.i not in drop], org


def _org_then_portfolio(ctx: RoleContext, idx: list[int], mentions: list[Mention]
                        ) -> Mention | None:
    """An organisation opening a run of names whose other words are acronyms or places: the
    portfolio written after it ("White House AI ... czar", "White House Russia adviser")."""
    if not mentions or mentions[0].label != "ORG" or mentions[0].start != idx[0] \
            or mentions[0].end > idx[-1]:
        return None
    rest = mentions[1:]
    if any(m.label not in {"GPE", "NORP"} for m in rest):
        return None
    if rest and mentions[0].end - mentions[0].start < 2:
        return None  # "Badminton England": one name, as "Badminton" alone may be a place
    return mentions[0]


def _placed_org(ctx: RoleContext, mentions: list[Mention]) -> bool:
    """A run of names that is places or nationalities, then one organisation: the country
    only says where the organisation is ("Nigerian SEC director-general")."""
    return len(mentions) > 1 and mentions[-1].label == "ORG" and all(
        ctx.place(m) is not None for m in mentions[:-1])


_LEADER_WORDS = frozenset({"president", "minister", "premier", "king", "queen", "emir",
                           "chancellor", "sultan"})  # heads of government, named by office


def _owner_name(ctx: RoleContext, toks: Sequence[Token]) -> str | None:
    """The possessor ending `toks`: "Russia" (one entity), "the country" (coreference), or
    the name its capitalised words spell ("GB Badminton" typed as two names, one a PERSON)."""
    last = ctx.at(toks[-1].i)
    k = len(toks)
    while k > 0 and toks[k - 1].text[:1].isupper() and not toks[k - 1].is_sent_start:
        k -= 1
    words = toks[k:]
    if len(words) > 1 and (last is None or last.start > words[0].i):
        return ctx.acronym_name(" ".join(t.text for t in words))
    if last is not None and last.label == "PERSON":
        return last.name  # "Trump's adviser": the person is who the role serves
    if last is None and toks[-1].lower_ in _LEADER_WORDS:
        return ctx.main_country  # "the prime minister's special assistant": the country's
    return possessor(ctx, toks[-1])


def _before_head(ctx: RoleContext, i: int) -> bool:
    """A person's name used as a modifier right before a title ("Trump adviser")."""
    nxt = ctx.doc[i + 1] if i + 1 < len(ctx.doc) else None
    return nxt is not None and is_head(nxt) and ctx.at(nxt.i) is None


_PREP_REACH = 12  # tokens after the preposition where its org may be named


def _org_in(ctx: RoleContext, i: int, end: int) -> str | None:
    """A person's org after "in": an organisation (never a place: "a teacher in Texas") named
    right after it or owning the unit named there ("in NASA's Science Mission Directorate")."""
    j = i + 2 if i + 2 < end and ctx.doc[i + 1].lower_ == "the" else i + 1
    mention = ctx.at(j) if j < end else None
    if mention is None or mention.start != j or mention.label != "ORG" \
            or ctx.place(mention) is not None:
        return None
    return ctx.org_name(mention)


def prep_org(ctx: RoleContext, i: int, end: int, org_kind: bool,
              relational: bool = False) -> str | None:
    """The org named by the phrase after preposition i: "of the Czech National Bank", "of
    exchange Z", "of PayPal's stablecoin", "for Norway", "at New York finance firm Z"; "in
    GPE" only for organisations. A name typed PERSON is an org too, except after a word of
    kinship or company (`relational`: "associate of X")."""
    doc = ctx.doc
    if doc[i].lower_ == "in" and not org_kind:
        return _org_in(ctx, i, end)  # "administrator in NASA's science directorate"
    if doc[i].lower_ != "in":  # "governor of the central bank", "head of the company"
        obj = [t for t in doc[i + 1:end] if ctx.at(t.i) is None]
        if len(obj) == end - i - 1 and (found := definite(ctx, obj)):
            return found
    j = i + 1
    while j < min(end, i + _PREP_REACH):
        mention = ctx.at(j)
        where = ctx.place_modifier(mention) if mention is not None else None
        if where is not None:
            j = where  # "of the London-based website Full Fact": where, not whose
            continue
        if mention is not None:
            if (mention.label == "PERSON" and relational) or (
                    doc[i].lower_ == "in" and ctx.place(mention) is None):
                return None
            nxt = doc[mention.end] if mention.end < end else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.is_lower:
                if ctx.place(mention) is not None and (nxt.lower_ == "government" or
                                                       government_body(list(doc[mention.end:end]))):
                    # "of the Bhutanese government", "for the Mexican finance ministry"
                    return ctx.org_name(mention)
                if ctx.place(mention) is None:  # "at the EEF manufacturers' organisation"
                    return ctx.org_name(mention) if _kind_follows(ctx, mention.end, end) \
                        else None  # "of the GB baseball team": not the entity alone
                j = mention.end  # "at New York City finance firm Z": Z
                continue
            owned = _possessed_org(ctx, mention, end)
            return ctx.org_name(owned or mention)
        if not _modifier(doc[j]):
            return None
        j += 1
    return None


def _possessed_org(ctx: RoleContext, owner: Mention, end: int) -> Mention | None:
    """"head of Japan's Financial Services Agency": the organisation a possessor owns is the
    role's org, not the possessor (which stays the org of "issuer of PayPal's stablecoin")."""
    doc, k = ctx.doc, owner.end
    if not (k + 1 < end and doc[k].text in POSSESSIVE):
        return None
    owned = ctx.at(k + 1)
    if owned is None or owned.start != k + 1 or owned.end > end:
        return None
    if owned.label == "ORG" or (owned.label in {"FAC", "PRODUCT"} and ctx.place(owner)):
        return owned  # "operator of South Korea's Upbit" (an exchange the model typed FAC)
    return None


def _kind_follows(ctx: RoleContext, i: int, end: int) -> bool:
    """Lower-case words from token i that end in an organisation's kind ("manufacturers'
    organisation", "insurgent group"), the name being what the kind is called."""
    doc = ctx.doc
    j = i
    while j < end and j - i < 4 and (doc[j].is_lower or doc[j].text in POSSESSIVE) \
            and ctx.at(j) is None:
        j += 1
    last = doc[j - 1]
    return j > i and is_kind(last) and last.tag_ == "NN" and (
        j >= len(doc) or not doc[j].text[:1].isalpha() or doc[j].pos_ in {"ADP", "VERB", "AUX"})


def _modifier(tok: Token) -> bool:
    """A lower-case word that may stand between "of" and a name: "the", "former", "banned"."""
    if tok.text[:1].isupper():
        return False
    if tok.text == "-" and not tok.whitespace_:
        return True  # "fact-checking"
    return tok.pos_ in {"DET", "ADJ", "NOUN"} or (
        tok.tag_ in {"VBN", "VBG"} and tok.dep_ in {"amod", "compound"})
