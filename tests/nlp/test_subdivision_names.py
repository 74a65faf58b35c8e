"""English names of first-level subdivisions made from ISO's local forms, and second-level
regions read as places where the text writes a place. Sentences are our own; spans are
preset with the wrong type, whatever the model predicts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.analyzer import Analyzer
from bot.nlp.gazetteer import english_forms, gazetteer, regions
from tests.nlp.entity_support import fixed_entities


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


def test_english_forms_of_local_names() -> None:
    assert english_forms("Buryatiya, Respublika") == ["Buryatiya", "Buryatia"]
    assert english_forms("Kabardino-Balkarskaya Respublika")[-1] == "Kabardino-Balkaria"
    assert english_forms("Gauteng") == ["Gauteng"]


def test_subdivision_table_has_english_forms_and_no_surnames() -> None:
    subs = gazetteer().subdivisions
    assert subs["Ingushetia"] == "Russia" and subs["Udmurtia"] == "Russia"
    assert subs["KwaZulu-Natal"] == "South Africa"
    assert "Saha" not in subs  # ISO's "Saha, Respublika": a family name alone
    assert regions()["Powys"] == "United Kingdom"


@pytest.mark.spacy
@pytest.mark.parametrize(("text", "name", "label"), [
    ("Buryatia sent more troops than any other region.", "Buryatia", "PERSON"),
    ("Schools in Kabardino-Balkaria reopened on Monday.", "Kabardino-Balkaria", "ORG"),
    ("Floods hit KwaZulu-Natal again this week.", "KwaZulu-Natal", "PERSON"),
    ("Flooding closed roads in Powys overnight.", "Powys", "PERSON"),
])
def test_subdivision_typed_person_or_org_is_a_place(nlp: Language, text: str, name: str,
                                                    label: str) -> None:
    assert fixed_entities(nlp, text, [(name, label)])[name] == "GPE"


@pytest.mark.spacy
def test_region_without_place_context_keeps_its_type(nlp: Language) -> None:
    text = "Powys said the new homes would be built next year."
    assert fixed_entities(nlp, text, [("Powys", "ORG")])["Powys"] == "ORG"
