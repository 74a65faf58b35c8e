"""A currency sign or code written before an amount is part of the figure: the model tags
"Tk 5" a product and "GH₵ 3.5 million" a person, and a fix-up read "an exchange PHP" as a
named exchange. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.figure_helpers import subject_of

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "sign"), [
    ("Bangladesh Bank fined a mobile wallet Tk 5 crore.", "Tk"),
    ("The Bank of Ghana said the eCedi pilot processed GH₵ 3.5 million in payments.", "GH₵"),
    ("The Philippine SEC fined an exchange PHP 3 million, or about $54,000.", "PHP"),
])
def test_a_sign_before_an_amount_is_no_entity(analyzer: Analyzer, text: str,
                                              sign: str) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert sign not in {e.name for e in analysis.entities}
    assert any(f.text.startswith(sign) for f in analysis.figures)


def test_the_fine_goes_to_who_imposed_it_not_to_the_sign(analyzer: Analyzer) -> None:
    text = "Bangladesh Bank fined a mobile wallet Tk 5 crore. The wallet has 20 million users."
    assert subject_of(analyzer, text, "Tk 5 crore") == "Bangladesh Bank"
