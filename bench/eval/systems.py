"""Loading of the systems under test (PolicyWire pieces, bare spaCy) with clear failure notes.

PolicyWire modules are written by other engineers; when one is missing or broken the eval still
runs the baselines and records why our column is empty instead of crashing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bench.eval import SPACY_MODEL


@dataclass
class Loaded:
    """A loaded object, or the reason it could not be loaded."""

    obj: Any = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the object is usable."""
        return self.obj is not None


def _attempt(build: Callable[[], Any]) -> Loaded:
    try:
        return Loaded(obj=build())
    except Exception as exc:  # report, never crash the whole run
        return Loaded(error=f"{type(exc).__name__}: {exc}"[:300])


@lru_cache(maxsize=4)
def analyzer(summary_sentences: int = 3) -> Loaded:
    """PolicyWire's Analyzer (bot.nlp.analyzer) with the project model."""

    def build() -> Any:
        from bot.nlp.analyzer import Analyzer

        return Analyzer(model=SPACY_MODEL, summary_sentences=summary_sentences)

    return _attempt(build)


@lru_cache(maxsize=1)
def page_extractor() -> Loaded:
    """PolicyWire's page ingestion function (bot.feeds.extract.extract_article)."""

    def build() -> Any:
        from bot.feeds.extract import extract_article

        return extract_article

    return _attempt(build)


@lru_cache(maxsize=4)
def spacy_nlp(disable: tuple[str, ...] = ()) -> Any:
    """The bare spaCy pipeline of the project model (cached per disabled-component set)."""
    import spacy

    return spacy.load(SPACY_MODEL, disable=list(disable))


def sentence_nlp() -> Any:
    """Bare spaCy with the parser (sentence boundaries) but no NER, for baseline sentences."""
    nlp = spacy_nlp()
    keep = {"tok2vec", "tagger", "attribute_ruler", "parser", "senter"}
    return nlp, [p for p in nlp.pipe_names if p not in keep]
