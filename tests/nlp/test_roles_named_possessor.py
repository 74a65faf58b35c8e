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
