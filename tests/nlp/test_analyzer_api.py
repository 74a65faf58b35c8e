"""The Analyzer's evaluation helpers on bare sentences."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn, TopicSpec
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def test_entity_spans_strip_possessive_and_article(analyzer: Analyzer) -> None:
    text = "El Salvador’s treasury met the Pakistan Crypto Council in Islamabad."
    spans = {text[s:e]: label for s, e, label in analyzer.entity_spans(text)}
    assert spans["El Salvador"] == "GPE"
    assert spans["Pakistan Crypto Council"] == "ORG"


def test_entity_spans_drop_crypto_assets(analyzer: Analyzer) -> None:
    text = "Bitcoin rallied while BTC traders watched AI stocks."
    labels = {text[s:e] for s, e, _ in analyzer.entity_spans(text)}
    assert not labels & {"Bitcoin", "BTC", "AI"}


@pytest.mark.parametrize(("text", "subject", "value"), [
    ("Binance paid $4.3 billion in penalties.", "Binance", 4.3e9),
    ("Bhutan holds about 10,000 BTC in reserve.", "Bhutan", 10000),
])
def test_figures_in_attributes_subject(analyzer: Analyzer, text: str, subject: str,
                                       value: float) -> None:
    (fig,) = analyzer.figures_in(text)
    assert (fig.subject, fig.value) == (subject, value)


def test_summarize_returns_whole_sentences(analyzer: Analyzer) -> None:
    text = ("Regulators approved the new exchange rules on Monday after a long review.\n"
            "Key Takeaways\nThe rules require exchanges to hold customer assets separately.\n"
            "Officials expect the first licences to be granted by the end of the year.\n")
    summary = analyzer.summarize(text, n=2)
    assert len(summary) == 2
    assert all(s.endswith(".") for s in summary) and "Key Takeaways" not in summary


def test_analyze_many_equals_analyze(analyzer: Analyzer) -> None:
    articles = [ArticleIn(None, "A", "Pakistan launched a crypto regulator on Monday."),
                ArticleIn(None, "B", "El Salvador holds more than 6,000 BTC in reserve.")]
    topics = (TopicSpec("crypto", keywords=("crypto", "BTC"), min_score=1.0),)
    many = analyzer.analyze_many(articles, topics, batch_size=1)
    assert many == [analyzer.analyze(a, topics) for a in articles]
    assert many[1].figures[0].subject == "El Salvador"
