"""An apposition whose organisation is a name with a preposition inside, and given names that
end like verbs, on sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Nadia Osei, the Bank of Ghana's deputy governor, said reserves rose.",
     "Nadia Osei", ("deputy governor", "Bank of Ghana")),
    ("Karim Aziz, the Central Bank of Egypt's chief economist, expects a cut.",
     "Karim Aziz", ("chief economist", "Central Bank of Egypt")),
])
def test_possessor_with_of_inside_its_name(analyzer: Analyzer, text: str, name: str,
                                           role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize("text", [
    "Ahmed Qureshi said the plan was ready.",
    "Mohammed Tahir, the finance minister, said the plan was ready.",
])
def test_a_given_name_ending_in_ed_opens_the_sentence(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    names = {e.name for e in analysis.entities}
    assert names & {"Ahmed Qureshi", "Mohammed Tahir"}


@pytest.mark.parametrize(("text", "name", "role"), [
    # "its" before a central bank is a country's: a firm has none
    ("Kenya will license exchanges. Its central bank governor, Kamau Thugge, said the rules "
     "were ready.", "Kamau Thugge", ("central bank governor", "Kenya")),
    # "the central bank's" in an article that names no central bank: the country's
    ("Ghana is testing a digital cedi. The central bank's governor, Ernest Addison, said the "
     "pilot would expand.", "Ernest Addison", ("governor", "Ghana")),
    ("Ghana is testing a digital cedi. Ernest Addison, the central bank's governor, said the "
     "pilot would expand.", "Ernest Addison", ("governor", "Ghana")),
    # "the agency's" / "the regulator's": the regulator named before
    ("The Securities and Exchange Commission sued the firm. The agency's chair, Paul Atkins, "
     "said fraud would be punished.", "Paul Atkins",
     ("chair", "Securities and Exchange Commission")),
    ("The Securities and Exchange Commission sued the firm. Paul Atkins, the regulator's "
     "chairman, said fraud would be punished.", "Paul Atkins",
     ("chairman", "Securities and Exchange Commission")),
])
def test_a_possessor_without_a_name_points_back_to_the_body(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_an_agency_that_is_not_the_regulator_named_before_is_not_the_regulator(
        analyzer: Analyzer) -> None:
    """"The agency's founder" after a regulator and then a charity is named: a recruitment
    agency's founder, not the regulator's."""
    text = ("The Equality Commission called the advert unlawful. Sam Smith, chief executive of "
            "the Fawcett Society, criticised it. The agency's founder Nadia Jones defended it.")
    orgs = {org for _, org in roles_of(analyzer, text).get("Nadia Jones", set())}
    assert "Equality Commission" not in orgs


def test_the_central_bank_as_the_org_of_a_title_with_no_bank_named(analyzer: Analyzer) -> None:
    text = ("Indonesia will not issue a digital rupiah this year, said Perry Warjiyo, governor "
            "of the central bank.")
    assert ("governor", "Indonesia") in roles_of(analyzer, text)["Perry Warjiyo"]
