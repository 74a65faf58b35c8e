"""A firm that opens its sentence and does business: "Metaplanet bought 1,009 BTC",
"Bitdeer raised $200 million". The small model leaves an unknown name untagged at a sentence's
start; a capitalised word that is no English word, no known given name, place or city, and
the subject of a verb of trade or holding is an organisation (people are named in full)."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from bot.nlp.english_words import is_english
from bot.nlp.person_names import given_names
from bot.nlp.place_types import known_place

TRADE_VERBS = frozenset({"buy", "sell", "acquire", "purchase", "hold", "own", "raise", "add",
                         "mine", "list", "file", "report", "post", "issue", "invest", "spend",
                         "earn", "lose", "borrow", "lend", "launch"})


def _name(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() \
        and tok.pos_ in {"PROPN", "NOUN"} and tok.lower_ not in STOP_WORDS \
        and not tok.ent_type_ and not is_english(tok) and tok.text not in given_names() \
        and not known_place(tok.text)


def opening_firms(doc: Doc, covered: set[int]) -> list[Span]:
    """ORG spans for a sentence's untagged one-word subject, as in the module doc."""
    out: list[Span] = []
    for sent in doc.sents:
        tok = sent[0]
        if tok.i in covered or not _name(tok) or tok.dep_ != "nsubj":
            continue
        verb = tok.head
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in TRADE_VERBS:
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
    return out
