"""Summary scoring on plain sentences (no spaCy)."""

from __future__ import annotations

from bot.nlp.summarize import centrality, summarize_sentences

SENTENCES = [
    "The central bank of the country announced new rules for crypto exchanges on Monday.",
    "Exchanges must register with the central bank and report large crypto transfers.",
    "Weather was sunny.",
    "Analysts said the crypto rules would push exchanges to improve compliance programmes.",
    "A local football team won its match over the weekend after a long losing streak.",
]


def test_summary_keeps_article_order_and_size() -> None:
    summary = summarize_sentences(SENTENCES, 2)
    assert len(summary) == 2
    assert summary == sorted(summary, key=SENTENCES.index)


def test_off_topic_and_short_sentences_are_not_chosen() -> None:
    summary = summarize_sentences(SENTENCES, 3)
    assert "Weather was sunny." not in summary
    assert SENTENCES[4] not in summary


def test_centrality_prefers_on_topic_sentences() -> None:
    scores = centrality(SENTENCES)
    assert scores[1] > scores[4]


def test_degenerate_inputs() -> None:
    assert summarize_sentences([], 3) == []
    assert summarize_sentences(SENTENCES, 0) == []
    assert summarize_sentences(SENTENCES[:2], 5) == SENTENCES[:2]
