"""Sentence-opening adjectives the model typed as organisations: "Digital currency transactions
in Japan ..." has no firm called "Digital". The capital is the sentence's, not a name's, when
the word is an English adjective modifying the noun after it and the article never writes it
with a capital inside a sentence (a firm called "Square" is written so again)."""

from __future__ import annotations

from spacy.tokens import Span

from bot.nlp.english_words import adjectives
from bot.nlp.lexicon import KNOWN_ORGS
from bot.nlp.person_names import doc_memo

_KNOWN = frozenset(KNOWN_ORGS)


def opening_adjective(span: Span) -> bool:
    """Whether `span` is one such opening adjective, not a name."""
    if len(span) != 1 or span.label_ != "ORG":
        return False
    tok = span[0]
    doc = span.doc
    if not tok.is_sent_start or tok.i + 1 >= len(doc) or tok.text in _KNOWN:
        return False
    after = doc[tok.i + 1]
    if tok.lower_ not in adjectives() or not after.is_lower or after.pos_ != "NOUN" \
            or tok.head.i <= tok.i:
        return False
    return not doc_memo(doc, ("capital inside", tok.text), lambda: any(
        t.text == tok.text and not t.is_sent_start for t in doc))
