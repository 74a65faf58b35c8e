"""A coin's issuer is a company: "Tether" alone is the firm (its CEO's organisation, the
holder of its reserves), while a coin named after it ("Euro Tether") stays a product."""

from __future__ import annotations

import pytest

from bot.domain.models import Analysis, ArticleIn
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _analyze(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))


@pytest.mark.parametrize("text", [
    "Paolo Ardoino, chief executive of stablecoin issuer Tether, said reserves were strong.",
    "Tether CEO Paolo Ardoino said the company would publish an audit.",
])
def test_tether_alone_is_the_issuing_company(analyzer: Analyzer, text: str) -> None:
    entities = {e.name: e for e in _analyze(analyzer, text).entities}
    assert entities["Tether"].type == "ORG"
    assert "Tether" in {r.org for r in entities["Paolo Ardoino"].roles}


def test_a_coin_named_after_its_issuer_stays_a_product(analyzer: Analyzer) -> None:
    text = "Bitstamp delisted Euro Tether (EURT) because Tether lacked a licence."
    types = {e.name: e.type for e in _analyze(analyzer, text).entities}
    assert types.get("Euro Tether", types.get("EURT")) == "PRODUCT"
    assert types["Tether"] == "ORG"
