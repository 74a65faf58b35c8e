"""Definite descriptions that refer back to the one organisation just named."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_description_subject_refers_back(analyzer: Analyzer) -> None:
    text = ("Oxfam published a report on Monday about food prices. The charity group added "
            "that more aid was needed.")
    assert ("charity group", None) in roles_of(analyzer, text).get("Oxfam", set())


def test_hyphenated_modifier_is_kept(analyzer: Analyzer) -> None:
    text = "HSBC reported a loss again. The state-backed giant lost money for a year."
    assert ("state-backed giant", None) in roles_of(analyzer, text).get("HSBC", set())


def test_a_hyphenated_description_after_a_nationality_keeps_its_hyphen(
        analyzer: Analyzer) -> None:
    text = "Microsoft hired a new chief. The American state-backed giant has been criticised."
    roles = roles_of(analyzer, text).get("Microsoft", set())
    assert ("state-backed giant", "United States") in roles


@pytest.mark.parametrize("place", ["American", "U.S."])
def test_a_nationality_or_place_in_the_description_is_the_organisations_country(
        analyzer: Analyzer, place: str) -> None:
    text = f"Microsoft hired a new security chief. The {place} software giant has been criticised."
    assert ("software giant", "United States") in roles_of(analyzer, text).get("Microsoft", set())


@pytest.mark.parametrize("text", [
    "Acme said sales fell. The company will cut jobs.",  # no modifier
    "Acme said sales fell, and Globex said they rose. The tech giant will cut jobs.",  # two
    "Acme became the first major tech company to do so.",  # a predicate
])
def test_no_reference_without_one_clear_antecedent(analyzer: Analyzer, text: str) -> None:
    roles = roles_of(analyzer, text)
    assert not {r for r in roles.get("Acme", set()) if r[0].endswith(("company", "giant"))}


def test_a_description_that_speaks_is_the_last_speakers_organisation(analyzer: Analyzer) -> None:
    text = ("Greenpeace executive director Jane Wells said: \"Many experts have warned that prices "
            "will rise.\" She added that Tesco's decision to raise prices was wrong. The campaign "
            "group added that more aid was needed.")
    roles = roles_of(analyzer, text)
    assert ("campaign group", None) in roles.get("Greenpeace", set())
    assert not {r for r in roles.get("Tesco", set()) if r[0] == "campaign group"}


def test_a_speaker_with_no_organisation_leaves_the_description_alone(analyzer: Analyzer) -> None:
    text = ("Jane Wells said: \"Tesco's decision to raise prices was wrong.\" The campaign "
            "group added that more aid was needed.")
    roles = roles_of(analyzer, text)
    assert not {r for r in roles.get("Tesco", set()) if r[0] == "campaign group"}
