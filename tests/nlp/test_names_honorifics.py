"""An honorific written without its stop ("Mrs Thatcher", "Dr Fox", British style) is not
part of the name: the mention joins the person's full name. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("Margaret Thatcher was prime minister in 1985. Mrs Thatcher said the plan was wrong.",
     "Margaret Thatcher", "Thatcher"),
    ("Liam Fox flew to Washington. Dr Fox met officials there on Monday.", "Liam Fox", "Fox"),
])
def test_a_title_without_a_stop_joins_the_full_name(analyzer: Analyzer, text: str, name: str,
                                                    alias: str) -> None:
    entities = {e.name: e for e in analyzer.analyze(ArticleIn(url=None, title="",
                                                              text=text)).entities}
    assert name in entities and alias in entities[name].aliases
    assert not any(n.startswith(("Mrs ", "Dr ")) for n in entities)


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Judge Stephen Kramer QC ordered the trader to pay back £491,000.", "Stephen Kramer",
     "Judge"),
    ("The report was welcomed by Sir Keir Starmer KC on Monday.", "Keir Starmer", None),
])
def test_letters_after_a_name_are_no_part_of_it(analyzer: Analyzer, text: str, name: str,
                                                role: str | None) -> None:
    entities = {e.name: e for e in analyzer.analyze(ArticleIn(url=None, title="",
                                                              text=text)).entities}
    assert name in entities
    assert not {"QC", "KC", f"{name} QC", f"{name} KC"} & set(entities)
    if role is not None:
        assert role in [r.text for r in entities[name].roles]
