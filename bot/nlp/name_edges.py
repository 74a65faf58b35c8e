"""Where a name starts and ends: words around an entity the model took into it or cut off
("Tk" of "Tk 5 crore", "Executive" of "Executive Chairman X", "Marathon" of "Marathon
Digital"). Pure functions of a span and its doc; `bot.nlp.model` applies them."""

from __future__ import annotations

from spacy.tokens import Span

from bot.nlp.currencies import SYMBOLS, iso_codes
from bot.nlp.lexicon import ORG_KINDS, ORG_NOUNS, PERSON_ROLES, ROLE_HEADS
from bot.nlp.place_types import known_place
from bot.nlp.spans import HONORIFIC_WORDS


def currency_before_amount(span: Span) -> bool:
    """A currency sign or ISO code right before an amount ("Tk 5 crore", "GH₵ 3.5 million",
    "PHP 3 million"): part of the figure, never a name."""
    doc = span.doc
    text = " ".join(span.text.split())
    if span.end >= len(doc) or not (text in SYMBOLS or text in iso_codes()):
        return False
    nxt = doc[span.end]
    return nxt.like_num or nxt.text[:1].isdigit()


# Capitalised words that open a title ("Executive Chairman", "Chief Operating Officer").
_TITLE_OPENERS = frozenset({"executive", "chief", "deputy", "senior", "vice", "managing",
                            "acting", "interim", "associate", "assistant", "general"})


def title_opener(span: Span) -> bool:
    """"Executive" of "Executive Chairman Michael Saylor": words that open a title the model
    cut off as an organisation, when a title's head follows."""
    doc = span.doc
    return span.label_ == "ORG" and span.end < len(doc) and doc[span.end].is_title \
        and doc[span.end].lower_ in ROLE_HEADS and all(t.lower_ in _TITLE_OPENERS for t in span)


def place_before_title(span: Span) -> Span | None:
    """"[Hong Kong] Financial Secretary Paul Chan": the model made an ORG of a place and the
    capitalised words that open the title after it. The place alone (a GPE), when the span
    ends right before a title's head, its first words are a country, state or city and the
    others no organisation's words ("Indiana State Teachers Association President X")."""
    doc = span.doc
    if span.label_ != "ORG" or span.end >= len(doc) or len(span) < 2 \
            or not doc[span.end].is_title or doc[span.end].lower_ not in ROLE_HEADS:
        return None
    for k in range(len(span) - 1, 0, -1):
        head, rest = span[:k], span[k:]
        if all(t.is_title and t.is_alpha and t.lower_ not in ORG_NOUNS for t in rest) \
                and known_place(head.text):
            return Span(doc, span.start, span.start + k, label="GPE")
    return None


# Lower-case nouns of public life a place's name modifies ("the Dubai regulator"), where the
# model takes the place for an organisation; a club's nouns ("manager", "fans") are not here.
_PUBLIC_NOUNS = frozenset({"regulator", "regulators", "government", "ministry", "authorities",
                           "authority", "sovereign", "state", "court", "courts", "police",
                           "parliament", "legislature", "treasury", "economy", "officials",
                           "administration", "customs", "prosecutors", "wealth", "central",
                           "financial", "securities", "tax"})


def place_before_public_noun(span: Span) -> Span | None:
    """"The [Dubai] regulator fined three firms", "the [Abu Dhabi] sovereign fund": a known
    country, state or city the model typed ORG before a lower-case noun of public life is the
    place (a GPE), whose regulator or fund it is."""
    doc = span.doc
    if span.label_ != "ORG" or span.end >= len(doc) or not doc[span.end].is_lower \
            or doc[span.end].lower_ not in _PUBLIC_NOUNS:
        return None
    return Span(doc, span.start, span.end, label="GPE") if known_place(span.text) else None


def with_opening_name(span: Span) -> Span:
    """"[Marathon] Digital", "[Galaxy] Digital": the model leaves out a firm's first word when
    it opens the sentence and is an everyday word. A capitalised singular proper noun right
    before the organisation at a sentence's start, compounded into it, is part of its name;
    a kind ("Pollsters Ipsos Mori", "Regulator X") or a title is not."""
    doc = span.doc
    if span.label_ != "ORG" or span.start == 0:
        return span
    prev = doc[span.start - 1]
    if not prev.is_sent_start or not prev.is_title or not prev.is_alpha or prev.ent_type_ \
            or prev.tag_ != "NNP" or prev.dep_ != "compound" \
            or not span.start <= prev.head.i < span.end or prev.lower_ in ROLE_HEADS \
            or prev.lower_ in ORG_KINDS or prev.lower_ in PERSON_ROLES \
            or prev.text in HONORIFIC_WORDS:  # "Mr Cortes" the model typed ORG
        return span
    return Span(doc, prev.i, span.end, label="ORG")
