"""Words around a name that only a firm has: a title it gives ("the founder of X", "X's chief
executive"), its people ("a X spokesperson"), its shares ("shares of X"); and the guard that a
name written elsewhere as a place ("unrest in X") is not made a firm by them."""

from __future__ import annotations

from spacy.tokens import Span

from bot.nlp.lexicon import POSSESSIVE
from bot.nlp.person_names import doc_memo
from bot.nlp.place_types import LOCATIVE
from bot.nlp.type_cues import is_person_role, place_head

# Heads of titles only a firm gives, before "of": "co-founder of X", "chief executive of X".
_FIRM_HEADS = frozenset({"ceo", "cfo", "cto", "coo", "founder", "cofounder", "chairman",
                         "chairwoman", "executive", "owner", "shareholder"})


def employer(span: Span) -> bool:
    """The name is where a person works: "an economist at X", "co-founder of X" (a person is
    neither a workplace nor a firm one founds or runs)."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in {"of", "at"}:
        return False
    role = doc[span.start - 2]
    if doc[span.start - 1].lower_ == "at":
        return role.pos_ == "NOUN" and is_person_role(role)
    return role.lower_ in _FIRM_HEADS


_EQUITY = frozenset({"share", "stock", "stake", "shareholder", "stockholder"})


def listed_company(span: Span) -> bool:
    """"shares of X", "a stake in X", "X shares": only a company has shares (the gazetteer
    has already claimed countries and states, so "stake in Brazil" never gets here)."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in {"of", "in"} \
            and doc[span.start - 2].lemma_.lower() in _EQUITY:
        return True
    after = span.end + 1 if span.end < len(doc) and doc[span.end].text in POSSESSIVE \
        else span.end  # "Alibaba's shares"
    return after < len(doc) and doc[after].lower_ in {"shares", "stock", "shareholders"} \
        and doc[after].pos_ == "NOUN"


_FIRM_PEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "executive",
                          "executives", "employees", "shareholders"})  # not "investors": a
# country has them too ("Quorvia investors")


def firm_modifier(span: Span) -> bool:
    """"an Alibaba spokesperson", "Acme executives": the name modifies people only a firm
    has (a town's spokesperson is its council's)."""
    root = span.root
    return root.dep_ == "compound" and root.head.i == span.end \
        and root.head.lower_ in _FIRM_PEOPLE


def firm_title_after(span: Span) -> bool:
    """"Alibaba's chief executive", "Acme's founder": a title only a firm gives, owned by the
    name (for names no gazetteer knows as places; "Britain's chief executive" is no title)."""
    doc = span.doc
    i = span.end
    if i + 1 >= len(doc) or doc[i].text not in POSSESSIVE:
        return False
    word = doc[i + 1].lower_
    if word == "chief" and i + 2 < len(doc):
        return doc[i + 2].lower_ in _FIRM_HEADS
    return word in _FIRM_HEADS and word not in {"owner", "executive"}  # a state's executive


_INVESTED = frozenset({"stake", "share", "shares", "invest", "invested", "investment",
                       "investments", "interest"})


def used_as_place(span: Span) -> bool:
    """Some mention of the name is a place: one is in it ("unrest in Kessaria", not "a
    stake in Norvexa") or it names a region, district or the like ("the Kessaria region")."""
    doc, text = span.doc, span.text

    def scan() -> bool:
        for ent in doc.ents:
            if ent.text != text:
                continue
            if place_head(ent) is not None:
                return True
            if ent.start >= 1 and doc[ent.start - 1].lower_ in LOCATIVE and not (
                    ent.start >= 2 and doc[ent.start - 2].lower_ in _INVESTED):
                return True
        return False
    return doc_memo(doc, ("place", text), scan)
