"""Lists of titles with one organisation, and the firm a person works at or founded typed as
an organisation, on sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_support import fixed_entities
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def _types(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return {e.name: e.type for e in analysis.entities}


def test_title_and_hyphenated_title_share_the_org(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Juan Perez, CEO and co-founder of Coinbase, said users doubled.")
    assert {("CEO", "Coinbase"), ("co-founder", "Coinbase")} <= roles["Juan Perez"]


def test_founded_firm_is_an_org(analyzer: Analyzer) -> None:
    text = "Juan Perez, CEO and co-founder of Lemonpay, said users had doubled."
    assert _types(analyzer, text).get("Lemonpay") == "ORG"
    assert ("co-founder", "Lemonpay") in roles_of(analyzer, text)["Juan Perez"]


def test_workplace_after_at_is_an_org(analyzer: Analyzer) -> None:
    text = "Tom Hale, an analyst at Morvane, said demand was weak."
    assert _types(analyzer, text).get("Morvane") == "ORG"


def test_a_relative_stays_a_person(analyzer: Analyzer) -> None:
    text = "Sara Lee, the wife of Tom Hale, attended the hearing."
    assert _types(analyzer, text).get("Tom Hale") == "PERSON"


@pytest.mark.parametrize(("text", "name"), [
    ("Shares of Veltrix fell 8% on Monday.", "Veltrix"),
    ("Investors bought Veltrix shares after the report.", "Veltrix"),
    ("The fund took a stake in Norvik last year.", "Norvik"),
])
def test_a_name_with_shares_is_a_company(analyzer: Analyzer, text: str, name: str) -> None:
    assert _types(analyzer, text).get(name) == "ORG"


def test_a_country_with_a_stake_stays_a_place(analyzer: Analyzer) -> None:
    assert _types(analyzer, "The fund took a stake in Brazil last year.").get("Brazil") == "GPE"


def test_a_coach_of_a_team_stays_a_person(analyzer: Analyzer) -> None:
    text = "Tom Reid, head coach of the national rowing team, said the squad was ready."
    assert _types(analyzer, text).get("Tom Reid") == "PERSON"
    assert any(role.startswith("head coach") for role, _ in roles_of(analyzer, text)["Tom Reid"])


def test_one_of_the_largest_miners_is_still_a_firm(analyzer: Analyzer) -> None:
    text = "Corvane, one of the largest miners in the region, said it would expand."
    assert fixed_entities(analyzer.nlp, text, [("Corvane", "PERSON")]).get("Corvane") == "ORG"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Transport for London said the line would close.", "Transport for London", "ORG"),
    ("Friends of the Earth said the plan was weak.", "Friends of the Earth", "ORG"),
    ("Maria de Souza said the plan was weak.", "Maria de Souza", "PERSON"),
])
def test_function_word_inside_a_person_span(analyzer: Analyzer, text: str, name: str,
                                            label: str) -> None:
    assert fixed_entities(analyzer.nlp, text, [(name, "PERSON")]).get(name) == label
