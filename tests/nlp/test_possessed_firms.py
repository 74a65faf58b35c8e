"""A person's firm whose name is an everyday word ("Michael Saylor's Strategy", "Jack
Dorsey's Block") is an organisation that owns its figures, and its later mentions follow;
words that are no firm after a possessive stay out. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_helpers import types_of
from tests.nlp.figure_helpers import subjects_by_text

pytestmark = pytest.mark.spacy


def test_a_persons_firm_owns_its_purchases_and_its_later_mentions_follow(
        analyzer: Analyzer) -> None:
    text = ("Michael Saylor's Strategy bought 10,100 bitcoin last week. Strategy now holds "
            "592,100 BTC.")
    assert types_of(analyzer, text).get("Strategy") == "ORG"
    found = subjects_by_text(analyzer, text)
    assert found["10,100 bitcoin"] == found["592,100 BTC"] == "Strategy"


@pytest.mark.parametrize(("text", "word"), [
    ("Prime Minister Anwar Ibrahim's Budget 2025 would raise spending by 5%.", "Budget"),
    ("Senator Cynthia Lummis's Monday speech drew 300 people.", "Monday"),
    ("Jane Doe's Chief of Staff resigned.", "Chief"),
])
def test_no_firm_where_the_words_after_a_persons_possessive_are_no_name(
        analyzer: Analyzer, text: str, word: str) -> None:
    assert types_of(analyzer, text).get(word) != "ORG"
