"""Bodies named for what they work on are one organisation ("Council of Advisers on Digital
Assets"), whatever the model cut; dates after "on" and appositions after a comma stay out."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _entities(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: e.type for e in analysis.entities}


@pytest.mark.parametrize(("text", "name"), [
    ("The Senate Committee on Banking, Housing, and Urban Affairs approved the bill.",
     "Senate Committee on Banking, Housing, and Urban Affairs"),
    ("The SEC's Task Force on Crypto Assets met on Friday.", "Task Force on Crypto Assets"),
    ("Officials told the Standing Committee on Finance and Revenue, Finance Secretary Ali Khan "
     "said.", "Standing Committee on Finance and Revenue"),
])
def test_a_body_and_its_subject_are_one_name(analyzer: Analyzer, text: str, name: str) -> None:
    assert _entities(analyzer, text).get(name) == "ORG"


def test_the_body_is_the_role_holders_organisation(analyzer: Analyzer) -> None:
    text = ("Bo Hines, the executive director of the President's Council of Advisers on "
            "Digital Assets, said the reserve was a priority.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    hines = next(e for e in analysis.entities if e.name == "Bo Hines")
    assert [(r.text, r.org) for r in hines.roles] == [
        ("executive director", "Council of Advisers on Digital Assets")]
    assert "Digital Assets" not in {e.name for e in analysis.entities}


@pytest.mark.parametrize("text", [
    "The Commission on Friday fined the exchange.",
    "The Group on Monday said it would sell its stake.",
])
def test_a_date_after_on_is_no_part_of_the_name(analyzer: Analyzer, text: str) -> None:
    assert not any(" on " in name for name in _entities(analyzer, text))


@pytest.mark.parametrize("text", [
    "The Committee on Finance Board on Trade met on Monday.",  # two joins would overlap
    "The Security Council on Gaza voted on Friday.",  # a place is no subject
    "The panel ruled on Binance after the Commission on Coinbase sat.",  # nor a known firm
])
def test_joins_never_overlap_nor_take_names(analyzer: Analyzer, text: str) -> None:
    names = set(_entities(analyzer, text))
    assert not any(n.endswith((" on Gaza", " on Coinbase")) for n in names)
