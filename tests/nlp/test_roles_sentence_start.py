"""Titles before a name at a sentence's start and after a nationality, on sentences of our
own: the small model misreads an opening firm name as a verb or an adjective."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.firm_titles import company_title
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Coinbase chief legal officer Paul Grewal criticised the agency.",
     "Paul Grewal", ("chief legal officer", "Coinbase")),
    ("Ripple chief technology officer David Schwartz replied on Monday.",
     "David Schwartz", ("chief technology officer", "Ripple")),
    ("Galaxy chief strategist Anna Brandt said prices would rise.",
     "Anna Brandt", ("chief strategist", "Galaxy")),
])
def test_firm_opening_the_sentence_is_the_org(analyzer: Analyzer, text: str, name: str,
                                              role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_a_participle_opening_the_sentence_is_no_firm(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Ousted former chairman Li Wen left the bank in May.")
    assert not any(org == "Ousted" for _, org in roles.get("Li Wen", set()))


def test_nationality_before_a_lower_case_title_is_the_org(analyzer: Analyzer) -> None:
    text = "Speaking on Monday, Ukrainian lawmaker Olena Hrytsak said the bill would pass."
    assert ("lawmaker", "Ukraine") in roles_of(analyzer, text)["Olena Hrytsak"]


def test_a_party_word_stays_in_the_title(analyzer: Analyzer) -> None:
    text = "Republican senator Dan Tollner of Ohio said he would vote against the bill."
    assert any(text.lower().startswith("republican") for text, _ in
               roles_of(analyzer, text)["Dan Tollner"])


@pytest.mark.parametrize(("title", "firm"), [
    ("chief legal officer", True), ("former ceo", True), ("interim chair", True),
    ("chief strategist", True), ("governor", False), ("chief", False), ("senator", False),
])
def test_company_titles(title: str, firm: bool) -> None:
    assert company_title(title) is firm


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Rafael Ortiz, the Argentine economy minister, spoke on Monday.",
     "Rafael Ortiz", ("economy minister", "Argentina")),
    ("Kenyan trade minister Amina Wekesa opened the fair.",
     "Amina Wekesa", ("trade minister", "Kenya")),
])
def test_nationality_before_a_government_title_is_the_org(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_an_opening_adjective_named_like_a_region_is_no_org(analyzer: Analyzer) -> None:
    text = "Central bank governor Ama Mensah said inflation would slow."
    roles = roles_of(analyzer, text)["Ama Mensah"]
    assert not any(org == "Central" for _, org in roles)
    assert any(text.lower().endswith("governor") for text, _ in roles)
