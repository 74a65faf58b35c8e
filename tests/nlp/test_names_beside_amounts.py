"""A name the model ran into the amount beside it is cut free of it: the amount is no part
of the name, and the name is no part of the amount ("fined Coinbase 5 million dollars",
"exchange Kraken 8 million Australian dollars")."""

from __future__ import annotations

import pytest

from bot.domain.models import Analysis, ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _analyze(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))


def test_a_name_before_a_number_and_its_scale_loses_the_number(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "The SEC fined Coinbase 5 million dollars.")
    names = {e.name for e in analysis.entities}
    assert "Coinbase" in names
    assert not any(n.startswith("Coinbase ") for n in names)
    assert [(f.value, f.unit) for f in analysis.figures] == [(5_000_000.0, "USD")]


def test_a_name_at_the_head_of_an_amount_is_named_by_its_kind(analyzer: Analyzer) -> None:
    text = ("Australia's Federal Court fined the Australian operator of United States-based "
            "cryptocurrency exchange Kraken 8 million Australian dollars ($5.1 million).")
    analysis = _analyze(analyzer, text)
    kraken = {e.name: e for e in analysis.entities}.get("Kraken")
    assert kraken is not None and kraken.type == "ORG"
    assert [r.text for r in kraken.roles] == ["cryptocurrency exchange"]
    assert (8_000_000.0, "AUD") in {(f.value, f.unit) for f in analysis.figures}


@pytest.mark.parametrize(("text", "name"), [
    ("Section 230 of the act was cited by the court.", "Section 230"),
    ("Luno Malaysia RM2 million was the sum named.", "Luno Malaysia"),
])
def test_numbers_that_belong_to_a_name_stay(analyzer: Analyzer, text: str, name: str) -> None:
    assert name in {e.name for e in _analyze(analyzer, text).entities}
