"""A title used alone as a subject ("The Prime Minister said") for the article's main person."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy

STORY = ("Margaret Hollis spoke in Leeds on Monday about the budget. Hollis said taxes would "
         "fall next year. Critics doubted Hollis. The Prime Minister said the plan was fair.")


def test_title_alone_goes_to_the_main_person(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, STORY)
    assert any(text == "Prime Minister" for text, _ in roles.get("Margaret Hollis", set()))


def test_no_main_person_no_role(analyzer: Analyzer) -> None:
    text = ("Margaret Hollis met Peter Grant in Leeds on Monday. The Prime Minister said the "
            "plan was fair.")
    roles = roles_of(analyzer, text)
    assert not any(text == "Prime Minister" for person in ("Margaret Hollis", "Peter Grant")
                   for text, _ in roles.get(person, set()))


def test_a_stated_role_wins(analyzer: Analyzer) -> None:
    text = STORY.replace("Margaret Hollis spoke", "Finance Minister Margaret Hollis spoke")
    roles = roles_of(analyzer, text)
    assert not any(text == "Prime Minister" for text, _ in roles.get("Margaret Hollis", set()))
