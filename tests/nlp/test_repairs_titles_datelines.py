"""Entity and attribution repairs on sentences of our own: a minister's portfolio is no
organisation, an amount after a name is not in it, a spaced dash splits names, and a
dateline owns no figure."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.figure_helpers import subject_of

pytestmark = pytest.mark.spacy


def _names(analyzer: Analyzer, text: str) -> set[str]:
    return {e.name for e in analyzer.analyze(ArticleIn(url=None, title="", text=text)).entities}


@pytest.mark.parametrize("text", [
    "Deputy Energy Minister Olena Kovac said the grid would be ready in March.",
    "The plan was approved, Trade Minister Joao Ribeiro told reporters on Friday.",
])
def test_portfolio_before_minister_is_no_entity(analyzer: Analyzer, text: str) -> None:
    names = _names(analyzer, text)
    assert "Energy" not in names and "Trade" not in names


def test_an_acronym_before_a_title_stays_an_org(analyzer: Analyzer) -> None:
    assert "SEC" in _names(analyzer, "SEC Chairman Paul Atkins said the agency would act.")


def test_portfolio_does_not_take_a_figure(analyzer: Analyzer) -> None:
    text = ("The ministry would spend 3 billion rupees on new lines, Power Minister "
            "Karim Nadir said.")
    assert subject_of(analyzer, text, "3 billion") != "Power"


def test_amount_after_a_name_is_cut_off(analyzer: Analyzer) -> None:
    text = "The regulator fined Lumora $12 million for weak checks."
    names = _names(analyzer, text)
    assert not any("$" in n or "12" in n for n in names)


def test_spaced_dash_splits_a_dateline_from_a_name(analyzer: Analyzer) -> None:
    names = _names(analyzer, "ACCRA - Ghana's central bank sold $300 million to lenders.")
    assert not any(" - " in n for n in names)


def test_dateline_and_wire_own_no_figure(analyzer: Analyzer) -> None:
    text = ("OTTAWA (Reuters) - Three provinces joined the plan on Monday. The Treasury would "
            "buy 50,000 bitcoin over four years.")
    assert subject_of(analyzer, text, "Three provinces") != "Reuters"
    assert subject_of(analyzer, text, "50,000") == "Treasury"


@pytest.mark.parametrize(("text", "surface", "subject"), [
    ("Kenya's finance minister Daniel Ouma announced a $2 billion loan from the IMF.",
     "$2 billion", "Kenya"),
    ("Ghana's president Kwame Boateng welcomed a $600 million grant from the World Bank.",
     "$600 million", "Ghana"),
])
def test_lender_after_from_is_not_the_subject(analyzer: Analyzer, text: str, surface: str,
                                              subject: str) -> None:
    assert subject_of(analyzer, text, surface) == subject


def test_a_bare_number_is_never_a_name(analyzer: Analyzer) -> None:
    from spacy.tokens import Span

    from bot.nlp.model import _relabel

    doc = analyzer.nlp.make_doc("Miners used 121 terawatt hours last year.")
    assert _relabel(Span(doc, 2, 3, label="ORG")) is None
    assert _relabel(Span(doc, 0, 1, label="ORG")) is not None
