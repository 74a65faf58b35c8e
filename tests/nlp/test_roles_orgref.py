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


@pytest.mark.parametrize(("text", "name", "role"), [
    ("The study by Consumer Reports covered 70 million passenger trips. The magazine collected "
     "statistics on seat availability.", "Consumer Reports", "magazine"),
    ("Sales at Tesco rose by 4% in the summer. The supermarket said prices would fall.",
     "Tesco", "supermarket"),
])
def test_a_bare_description_of_a_trade_refers_back(analyzer: Analyzer, text: str, name: str,
                                                    role: str) -> None:
    assert (role, None) in roles_of(analyzer, text).get(name, set())


@pytest.mark.parametrize("text", [
    "Acme said sales fell. The firm will cut jobs.",  # a word for any organisation
    "Acme said sales fell, and Globex said they rose. The supermarket will cut jobs.",  # two
])
def test_a_bare_generic_or_ambiguous_description_is_no_role(analyzer: Analyzer,
                                                            text: str) -> None:
    roles = roles_of(analyzer, text)
    assert not {r for r in roles.get("Acme", set()) if r[0] in {"firm", "supermarket"}}


@pytest.mark.parametrize("text", [
    "Josh Hart told the Post that he had been to the clinic 20 times.",  # an outlet spoken to
    ("Lettings Direct received the payments over two years by finding flats for single homeless "
     "men. The charity, Fresh Start Housing, finds clients from homeless charities."),  # named
    ("Lettings Direct received the payments over two years by finding flats for single homeless "
     "men. Neither the charity nor the company acts illegally, but a homeless group says it is "
     "a new low."),  # two bodies
])
def test_a_bare_description_needs_its_organisation_to_be_what_is_talked_about(
        analyzer: Analyzer, text: str) -> None:
    roles = roles_of(analyzer, text)
    assert not {(n, r) for n, rs in roles.items() for r in rs if r[0] in {"clinic", "charity"}
                and n != "Fresh Start Housing"}


@pytest.mark.parametrize("text", [
    "Acme Corp grew fast. The £2bn online retailer has been criticised.",
    "Acme Corp grew fast. The $40 billion online retailer has been criticised.",
])
def test_what_a_firm_is_worth_is_no_part_of_what_it_is(analyzer: Analyzer, text: str) -> None:
    assert ("online retailer", None) in roles_of(analyzer, text)["Acme Corp"]
