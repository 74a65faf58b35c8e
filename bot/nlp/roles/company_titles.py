"""Titles only a firm gives, and the firm's name the model left untagged before one
("Metaplanet CEO X", "Strategy co-founder X")."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.firm_titles import QUALIFIER_WORDS, company_title
from bot.nlp.lexicon import ORG_NOUNS, ORG_SUFFIXES
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.phrase import is_head, is_honorific, role_text


def misread_name(tok: Token) -> bool:
    """A capitalised word opening a sentence that the model tagged as a plain verb form; a
    participle ("Disgraced former boss X") is a modifier, not a name."""
    return bool(tok.is_sent_start) and tok.pos_ == "VERB" and tok.is_alpha \
        and tok.text[:1].isupper() and tok.tag_ in {"VB", "VBP", "VBZ", "NN", "NNP"} \
        and not tok.lower_.endswith(("ed", "ing", "en"))


def _name_like(tok: Token) -> bool:
    """A proper or common noun; at a sentence's start also a word the small model tags as a
    verb or adjective for want of context ("Coinbase chief legal officer X")."""
    return tok.pos_ in {"PROPN", "NOUN"} or (tok.is_sent_start and tok.pos_ == "ADJ"
                                              and tok.is_alpha) or misread_name(tok)


def untagged_company(ctx: RoleContext, words: list[Token], head: Token
                      ) -> tuple[list[Token], str | None]:
    """"Metaplanet CEO X", "Strategy co-founder X": capitalised proper nouns the model left
    untagged, right before a company title, are the company ("Managing Director X" and
    "Group CEO X" are titles)."""
    k = 0
    while k < len(words) and _name_like(words[k]) and words[k].text[:1].isupper() \
            and ctx.at(words[k].i) is None and not is_head(words[k]) \
            and not is_honorific(words[k]) and words[k].lower_ not in QUALIFIER_WORDS:
        k += 1
    if k == 0 or all(t.text in ORG_SUFFIXES or t.lower_ in ORG_NOUNS for t in words[:k]):
        return words, None
    title = role_text([*words[k:], head], person=True).lower()
    if not company_title(title):
        return words, None
    return words[k:], ctx.acronym_name(" ".join(t.text for t in words[:k]))
