"""The entity ruler's phrase patterns: made by the tokenizer alone (the ruler matches token
text, so running the model over its thousand patterns at every start would be wasted), and
still equal, token for token, to what the model's tokenizer makes of each pattern."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def test_phrase_patterns_are_tokenized_only_and_match_the_tokenizer(analyzer: Analyzer) -> None:
    nlp = analyzer.nlp
    ruler = nlp.get_pipe("pw_entity_ruler")
    docs = [doc for docs in ruler.phrase_patterns.values() for doc in docs]
    assert len(docs) > 900
    assert not any(doc.has_annotation("TAG") or doc.has_annotation("DEP") for doc in docs)
    assert all([t.text for t in doc] == [t.text for t in nlp.make_doc(doc.text)] for doc in docs)
    found = nlp("Kazakhstan and the Bank of Jamaica weigh Jam-Dex.")
    assert ("Kazakhstan", "GPE") in {(e.text, e.label_) for e in found.ents}
