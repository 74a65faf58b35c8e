"""Shared by the entity fix-up tests: run our fix-ups on spans set by hand."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.model import entity_fixes


def fixed_entities(nlp: Language, text: str, preset: list[tuple[str, str]]) -> dict[str, str]:
    """Parse `text` without NER, set the given (surface, label) spans (in text order), run our
    fix-ups, and return {entity text: label}."""
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc: Doc = nlp(text)
    spans, cursor = [], 0
    for surface, label in preset:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return {e.text: e.label_ for e in entity_fixes(doc).ents}
