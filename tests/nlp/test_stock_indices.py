"""Share indices are named organisations that own their moves ("the STOXX 600 fell 1.2%"),
although their names end in a number; a short form the article defines in brackets is not one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn
from tests.nlp.figure_helpers import subjects_by_text

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy

MARKETS = ("The S&P 500 rose 0.4% on Friday, while the Dow Jones Industrial Average gained "
           "0.3%. Europe's STOXX 600 fell 1.2% and Japan's Nikkei 225 closed down 0.5%.")


def test_the_indices_are_organisations(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Markets", text=MARKETS))
    types = {e.name: e.type for e in analysis.entities}
    for name in ("S&P 500", "Dow Jones Industrial Average", "STOXX 600", "Nikkei 225"):
        assert types.get(name) == "ORG", (name, types)


def test_each_move_goes_to_its_index_not_to_the_next_name(analyzer: Analyzer) -> None:
    subjects = subjects_by_text(analyzer, MARKETS)
    assert subjects["0.4%"] == "S&P 500"
    assert subjects["0.3%"] == "Dow Jones Industrial Average"
    assert subjects["1.2%"] == "STOXX 600"  # not Japan, named after it
    assert subjects["0.5%"] == "Nikkei 225"  # the index, not the country owning it


def test_a_short_form_defined_in_brackets_is_not_the_index(analyzer: Analyzer) -> None:
    text = ("Nigeria has new capital rules. The minimum capital for digital asset exchanges "
            "(DAX) has been raised from N500 million to N2 billion.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Capital rules", text=text))
    subjects = {f.subject for f in analysis.figures}
    assert subjects and "DAX" not in subjects


def test_the_level_an_index_moved_to_or_closed_at_is_in_points(analyzer: Analyzer) -> None:
    text = ("The S&P 500 lost 1.85 points, or 0.06%, to 3,120.18 and the Nasdaq Composite "
            "dropped 20.72 points to 8,570.66. The FTSE 100 closed at 7,412.5 on Friday.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Markets", text=text))
    levels = {(f.subject, f.value, f.unit) for f in analysis.figures if f.measure == "index level"}
    assert levels == {("S&P 500", 3120.18, "points"), ("Nasdaq Composite", 8570.66, "points"),
                      ("FTSE 100", 7412.5, "points")}


@pytest.mark.parametrize("text", [
    "Prices rose to 3,120 in May.",  # no index
    "The S&P 500 added two members in 2019, the panel said.",  # no level
])
def test_a_bare_number_without_an_index_moving_to_it_is_no_level(analyzer: Analyzer,
                                                                 text: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Markets", text=text))
    assert [f for f in analysis.figures if f.measure == "index level"] == []
