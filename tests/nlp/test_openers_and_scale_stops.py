"""Sentence openers that are names, one-word "people" that are English words, and a full stop
glued to a scale letter ("£25.98m. Badminton England ..."). Spans are preset by hand where the
rule is about our fix-ups; the full-stop split is read through the whole Analyzer."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_support import fixed_entities
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


@pytest.mark.parametrize("name", ["Zulilly Inc.", "Reding Holdings"])
def test_a_name_ending_like_an_adverb_keeps_its_first_word(nlp: Language, name: str) -> None:
    ents = fixed_entities(nlp, f"{name} shares fell 5 percent on Monday.", [(name, "ORG")])
    assert ents.get(name) == "ORG"


def test_an_adverb_opening_the_sentence_is_still_dropped(nlp: Language) -> None:
    ents = fixed_entities(nlp, "Notably Binance refused to comment.", [("Notably Binance", "ORG")])
    assert "Notably Binance" not in ents
    assert ents.get("Binance") == "ORG"


@pytest.mark.parametrize("word", ["Marijuana", "Benchmark", "Volumes"])
def test_an_english_word_opening_a_sentence_is_no_person(nlp: Language, word: str) -> None:
    ents = fixed_entities(nlp, f"{word} rose sharply in the spring.", [(word, "PERSON")])
    assert word not in ents


@pytest.mark.parametrize(("text", "name"), [
    ("The deal was cleared by Circle last week.", "Circle"),  # capital inside a sentence
    ("Brown said the deal was fair.", "Brown"),  # a family name
    ("Mariana said the deal was fair.", "Mariana"),  # a given name
])
def test_names_that_are_also_words_stay_people(nlp: Language, text: str, name: str) -> None:
    assert fixed_entities(nlp, text, [(name, "PERSON")]).get(name) == "PERSON"


def test_a_link_is_no_person(nlp: Language) -> None:
    text = "See https://t.co/HO1ZRs9T1P for more."
    assert fixed_entities(nlp, text, [("https://t.co/HO1ZRs9T1P", "PERSON")]) == {}


def test_a_scale_letter_full_stop_ends_the_sentence(analyzer: Analyzer) -> None:
    text = ("Cycling has had its funding cut to £25.98m. Badminton England chief executive "
            "Adrian Christy said he was staggered.")
    assert ("chief executive", "Badminton England") in roles_of(analyzer, text)["Adrian Christy"]
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert len(analysis.sentences) == 2
    assert [(f.value, f.unit) for f in analysis.figures] == [(25_980_000.0, "GBP")]


@pytest.mark.parametrize(("text", "value"), [
    ("The club paid £5M. It was a record.", 5_000_000.0),
    ("He ran 20 m. in 3 s. The club paid £7m for him.", 7_000_000.0),  # "20 m." stays as it is
])
def test_amounts_before_a_split_full_stop_keep_their_scale(analyzer: Analyzer, text: str,
                                                           value: float) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert [(f.value, f.unit) for f in analysis.figures if f.unit == "GBP"] == [(value, "GBP")]
