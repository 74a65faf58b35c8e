"""A firm the model left untagged before a title only a firm gives ("Coinbase chief legal
officer X") is an entity: askable by name, the org of the person's role, and what "the
company" after it stands for. Generic words before a title make no firm. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from bot.nlp.firm_titles import company_title
from tests.nlp.entity_helpers import types_of
from tests.nlp.figure_helpers import subject_of

pytestmark = pytest.mark.spacy


def test_the_firm_before_a_c_suite_title_is_an_org_that_owns_the_companys_figure(
        analyzer: Analyzer) -> None:
    text = "Coinbase chief legal officer Paul Grewal said the company had spent $50 million."
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    types = {e.name: e.type for e in analysis.entities}
    assert types.get("Coinbase") == "ORG"
    grewal = next(e for e in analysis.entities if e.name == "Paul Grewal")
    assert [(r.text, r.org) for r in grewal.roles] == [("chief legal officer", "Coinbase")]
    assert subject_of(analyzer, text, "$50 million") == "Coinbase"


def test_a_firm_the_model_tags_mid_sentence_stays_one(analyzer: Analyzer) -> None:
    text = "The deal was announced by Zeltrix chief executive Maren Ostby on Monday."
    assert types_of(analyzer, text).get("Zeltrix") == "ORG"


@pytest.mark.parametrize(("text", "word"), [
    ("Industry chief executive John Smith said the rules were too strict.", "Industry"),
    ("Group CEO Jane Doe said profits rose.", "Group"),
    ("Former CEO Jane Doe said profits rose.", "Former"),
])
def test_generic_words_before_a_title_make_no_firm(analyzer: Analyzer, text: str,
                                                   word: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert not any(e.name.split()[0] == word for e in analysis.entities)
    assert "Jane Doe" in {e.name for e in analysis.entities} or "John Smith" in {
        e.name for e in analysis.entities}


@pytest.mark.parametrize(("title", "is_firms"), [
    ("chief legal officer", True), ("former ceo", True), ("co-founder", True),
    ("president", False), ("minister", False), ("chief", False),
])
def test_company_titles(title: str, is_firms: bool) -> None:
    assert company_title(title) is is_firms


@pytest.mark.parametrize(("text", "firm", "figure"), [
    ("Ripple chief executive Brad Garlinghouse said the company would spend $50 million on "
     "the case.", "Ripple", "$50 million"),
    ("Circle chief executive Jeremy Allaire said the company held $60 billion in reserves.",
     "Circle", "$60 billion"),
])
def test_a_firm_named_by_an_everyday_word_opening_the_sentence_before_a_title(
        analyzer: Analyzer, text: str, firm: str, figure: str) -> None:
    assert types_of(analyzer, text).get(firm) == "ORG"
    assert subject_of(analyzer, text, figure) == firm
