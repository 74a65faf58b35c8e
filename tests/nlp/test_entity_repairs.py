"""More entity repairs on sentences of our own: given names at a sentence start, names typed
from data (places, laws, programmes) and names the model missed in one of their mentions.
Spans are preset by hand where the rule is about our fix-ups, whatever the model predicts."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.analyzer import Analyzer
from bot.nlp.model import entity_fixes

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


def _fixed(nlp: Language, text: str, preset: list[tuple[str, str]]) -> dict[str, str]:
    """Parse `text` without NER, set the given (surface, label) spans in text order, fix up."""
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


def test_given_name_at_sentence_start_is_kept(nlp: Language) -> None:
    text = ("Marta Ellingsen, the finance minister of Norway, spoke on Monday. "
            "Ellingsen said the budget was ready.")
    ents = _fixed(nlp, text, [("Marta Ellingsen", "PERSON"), ("Norway", "GPE"),
                              ("Ellingsen", "PERSON")])
    assert ents.get("Marta Ellingsen") == "PERSON"


def test_verb_opener_is_still_dropped(nlp: Language) -> None:
    text = "Following Norway, the council voted. Norway had voted first."
    ents = _fixed(nlp, text, [("Following Norway", "GPE"), ("Norway", "GPE")])
    assert "Following Norway" not in ents
    assert ents.get("Norway") == "GPE"
