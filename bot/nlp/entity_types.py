"""Entity types from data and from the words around a name.

Order of evidence: the gazetteer (a country, demonym, state or currency name is that, whatever
the model says), then the name's own last word ("... Ltd", "... Bank"), then its neighbours in
the parse: an organisation noun ("mining firm Bitdeer", "Bitdeer, a Singaporean group") or a
person's title or role ("President X", "X, the governor of ...").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.gazetteer import gazetteer
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS, ORG_NOUNS, ORG_SUFFIXES, PERSON_ROLES

_LOCATIVE = frozenset({"in", "near", "across", "outside", "throughout", "around"})
_RETYPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                        "EVENT"})


def place_name(text: str) -> str | None:
    """The canonical country or state a surface form names, if any."""
    g = gazetteer()
    if text in g.countries:
        return g.countries[text]
    if text in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[text]
    return text if text in g.subdivisions else None


def gazetteer_label(span: Span) -> str | None:
    """GPE for countries and states, NORP for demonyms, PRODUCT for a currency's name."""
    text = span.text
    if place_name(text) is not None:
        return "GPE"
    if text in DEMONYMS:
        return "NORP"
    if len(span) == 1 and text.lower() in gazetteer().currency_words and not text.isupper():
        return "PRODUCT"
    return None


def _is_org_noun(tok: Token) -> bool:
    return tok.is_lower and (tok.lower_ in ORG_NOUNS or tok.lemma_ in ORG_NOUNS)


def _is_person_role(tok: Token) -> bool:
    return tok.lower_ in PERSON_ROLES or tok.lemma_.lower() in PERSON_ROLES


def _appositive_heads(span: Span) -> list[Token]:
    """Head nouns of appositions of the name, and of the noun the name is in apposition to."""
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        heads.append(root.head)
    out = []
    for head in heads:
        out.append(head)
        # "one of the world's largest miners": the noun of the partitive
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out += [o for o in prep.children if o.dep_ == "pobj"]
    return out


def context_label(span: Span) -> str | None:
    """ORG or PERSON when the words around the name say so, else None."""
    doc = span.doc
    last = span[-1]
    if len(span) > 1 and last.text in ORG_SUFFIXES:
        return "ORG"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and _is_org_noun(before):
        return "ORG"
    for tok in _appositive_heads(span):
        if _is_org_noun(tok):
            return "ORG"
        if _is_person_role(tok):
            return "PERSON"  # "X, the Finnish Finance Minister", "The President of K, X"
    if span.root.dep_ == "compound" and _is_org_noun(span.root.head) and \
            span.root.head.i == span.end:
        return "ORG"  # "the Bitdeer group"
    inside_title = span.end < len(doc) and _is_person_role(doc[span.end])  # "Deputy Energy
    # Minister X": "Energy" is the title's portfolio, not a name
    if before is not None and _is_person_role(before) and before.pos_ in {"NOUN", "PROPN"} \
            and all(t.is_title or "-" in t.text for t in span) and len(span) <= 4 \
            and not inside_title:
        return "PERSON"  # "President Kassym-Jomart Tokayev", "CEO Brock Pierce"
    return None


def evidence(span: Span) -> str | None:
    """The type data or context gives the span, if any."""
    if span.label_ not in _RETYPABLE:
        return None
    label = gazetteer_label(span)
    if label is None and span.label_ != "NORP":
        label = context_label(span)
    if label is None and span.label_ == "PERSON" and span.start > 0 and \
            span.doc[span.start - 1].lower_ in _LOCATIVE and not _possessed(span):
        label = "GPE"  # "in Shimla": people are not places one is in
    return label


def _possessed(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in {"'s", "’s", "'", "’"}


def retype(span: Span, label: str | None) -> Span:
    """The span with `label` (from `evidence`) when there is one."""
    if label is None or label == span.label_:
        return span
    return Span(span.doc, span.start, span.end, label=label)
