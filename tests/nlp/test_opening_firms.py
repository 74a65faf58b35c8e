"""An unknown name that opens its sentence and trades or holds ("Metaplanet bought 1,009
BTC") is an organisation, and a later "the firm" is it. Pronouns, English words and known
given names are not. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_helpers import types_of
from tests.nlp.figure_helpers import subjects_by_text

pytestmark = pytest.mark.spacy


def test_an_unknown_name_that_buys_is_a_firm_that_owns_its_figures(analyzer: Analyzer) -> None:
    text = ("Metaplanet bought 1,009 BTC for $138 million. The Tokyo-listed firm now holds "
            "18,113 BTC.")
    assert types_of(analyzer, text).get("Metaplanet") == "ORG"
    found = subjects_by_text(analyzer, text)
    assert found["1,009 BTC"] == found["18,113 BTC"] == "Metaplanet"


@pytest.mark.parametrize("text", [
    "They bought 5,000 BTC last year.",
    "She sold her shares for $5,000.",
    "Growth raised revenue to $5 million.",
])
def test_pronouns_and_english_words_opening_a_sentence_are_no_firms(
        analyzer: Analyzer, text: str) -> None:
    assert "ORG" not in types_of(analyzer, text).values()
