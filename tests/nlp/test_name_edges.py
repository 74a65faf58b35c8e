"""Where a name starts and ends: a currency sign or code written before an amount is part of
the figure, not a name (the model tags "Tk 5" a product and "GH₵ 3.5 million" a person; a fix-up
read "an exchange PHP" as a named exchange), and a firm's everyday first word at a sentence's
start is part of its name ("Marathon Digital"). Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_helpers import types_of
from tests.nlp.figure_helpers import subject_of

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "sign"), [
    ("Bangladesh Bank fined a mobile wallet Tk 5 crore.", "Tk"),
    ("The Bank of Ghana said the eCedi pilot processed GH₵ 3.5 million in payments.", "GH₵"),
    ("The Philippine SEC fined an exchange PHP 3 million, or about $54,000.", "PHP"),
])
def test_a_sign_before_an_amount_is_no_entity(analyzer: Analyzer, text: str,
                                              sign: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert sign not in {e.name for e in analysis.entities}
    assert any(f.text.startswith(sign) for f in analysis.figures)


def test_the_fine_stays_with_who_imposed_it(analyzer: Analyzer) -> None:
    text = "Bangladesh Bank fined a mobile wallet Tk 5 crore. The wallet has 20 million users."
    assert subject_of(analyzer, text, "Tk 5 crore") == "Bangladesh Bank"


@pytest.mark.parametrize(("text", "name"), [
    ("Marathon Digital raised its hashrate to 50 EH/s in June.", "Marathon Digital"),
    ("Galaxy Digital reported a loss of $295 million.", "Galaxy Digital"),
])
def test_a_firms_everyday_first_word_at_a_sentence_start_stays_in_its_name(
        analyzer: Analyzer, text: str, name: str) -> None:
    """The model tags only "Digital"; the word before it is compounded into the name."""
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert name in {e.name for e in analysis.entities}
    assert analysis.figures[0].subject == name


@pytest.mark.parametrize(("text", "name"), [
    ("Pollsters Ipsos Mori asked 1,000 voters.", "Ipsos Mori"),  # a kind, not a name's word
    ("Mr Cortes said the union would strike.", "Cortes"),  # an honorific
])
def test_a_kind_or_an_honorific_before_a_name_is_not_its_first_word(
        analyzer: Analyzer, text: str, name: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert name in {e.name for e in analysis.entities}


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Hong Kong Financial Secretary Paul Chan said the city would issue HK$10 billion of "
     "bonds.", "Paul Chan", ("Financial Secretary", "Hong Kong")),
])
def test_a_place_and_the_title_words_after_it_are_no_organisation(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str]) -> None:
    """The model tags "Hong Kong Financial" an ORG; the place is the entity and "Financial"
    opens the title, so the city owns its bonds."""
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    types = {e.name: e.type for e in analysis.entities}
    assert "Hong Kong Financial" not in types and types.get("Hong Kong") == "GPE"
    person = next(e for e in analysis.entities if e.name == name)
    assert [(r.text, r.org) for r in person.roles] == [role]
    assert subject_of(analyzer, text, "HK$10 billion") == "Hong Kong"


def test_an_organisation_named_after_its_place_keeps_its_name(analyzer: Analyzer) -> None:
    text = "Indiana State Teachers Association President Keith Gambill said the pay was low."
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert "Indiana State Teachers Association" in {e.name for e in analysis.entities}


@pytest.mark.parametrize(("text", "place"), [
    ("The Dubai regulator fined three firms 600,000 dirhams.", "Dubai"),
    ("The Abu Dhabi sovereign fund Mubadala disclosed a $437 million stake.", "Abu Dhabi"),
])
def test_a_place_before_a_noun_of_public_life_is_the_place(analyzer: Analyzer, text: str,
                                                          place: str) -> None:
    assert types_of(analyzer, text).get(place) == "GPE"


def test_a_club_named_after_its_town_stays_a_club(analyzer: Analyzer) -> None:
    text = "The Liverpool manager praised his players."
    assert types_of(analyzer, text).get("Liverpool") == "ORG"
