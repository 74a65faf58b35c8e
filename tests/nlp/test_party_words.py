"""A party and its members ("the Democrats", "Tory MPs") are an organisation, not a
nationality; a party word used as an adjective never becomes what the article is about; a
party written as a noun beside a name is that person's role when no title says more."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def _types(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: e.type for e in analysis.entities}


@pytest.mark.parametrize(("text", "name"), [
    ("The bill passed the House, while the Democrats opposed it.", "Democrats"),
    ("Tory MPs rebelled against the plan on Tuesday.", "Tory"),
])
def test_a_party_word_is_an_organisation(analyzer: Analyzer, text: str, name: str) -> None:
    assert _types(analyzer, text).get(name) == "ORG"


def test_a_nationality_word_stays_a_nationality(analyzer: Analyzer) -> None:
    assert _types(analyzer, "Kenyan lawmakers rejected the plan on Tuesday.").get(
        "Kenyan") == "NORP"


def test_a_party_adjective_is_not_the_articles_main_subject(analyzer: Analyzer) -> None:
    text = ("Conservative ministers said the Treasury would spend more. Conservative MPs "
            "backed the budget. The United Kingdom will spend £12 billion on it.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Budget", text=text))
    assert [f.subject for f in analysis.figures if f.value == 12e9] == ["United Kingdom"]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Four years ago, Republican Phil Bryant won in a landslide.", "Phil Bryant",
     ("Republican", None)),
    ("Democrat Jim Hood lost the race for governor.", "Jim Hood", ("Democrat", None)),
    ("Tom Emmer, a Republican from Minnesota, said the bill would pass.", "Tom Emmer",
     ("Republican", "Minnesota")),
    ("Ro Khanna, a Democrat, backed the bill.", "Ro Khanna", ("Democrat", None)),
])
def test_a_party_written_as_a_noun_is_the_role_when_no_title_is(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_a_title_stays_the_role_and_the_party_is_not_added(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "The bill was sponsored by Republican Senator Cynthia Lummis "
                               "of Wyoming.")["Cynthia Lummis"]
    assert roles == {("Senator", "Wyoming")}
