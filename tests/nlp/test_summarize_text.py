"""Summary scoring on plain sentences (no spaCy)."""

from __future__ import annotations

from bot.nlp.summarize import Weights, centrality, is_fragment, summarize_sentences

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


def test_lead_sentence_is_always_kept() -> None:
    sentences = ["Short opening line of the story today here.", *SENTENCES[1:]]
    assert summarize_sentences(sentences, 2)[0] == sentences[0]


def test_fragments_and_captions_are_not_chosen() -> None:
    sentences = [
        "By Staff Reporter .",
        "The finance ministry proposed a crypto licensing law for exchanges on Tuesday.",
        "Exchanges would need a licence from the ministry before serving local users.",
        "Pictured: the ministry building in the capital city after the announcement",
        "\u201cThe licensing law protects users of crypto exchanges, the minister said.",
        "Officials expect the crypto licensing law to pass before the end of the year.",
    ]
    assert is_fragment(sentences[0]) and is_fragment(sentences[3]) and is_fragment(sentences[4])
    summary = summarize_sentences(sentences, 3)
    assert summary == [sentences[1], sentences[2], sentences[5]]


def test_redundancy_penalty_skips_a_near_repeat() -> None:
    sentences = [
        "The central bank approved a bitcoin reserve law for the state on Monday.",
        "On Monday the central bank approved a bitcoin reserve law for the state.",
        "Miners will pay a new electricity tariff set by the energy regulator next year.",
    ]
    plain = summarize_sentences(sentences, 2, weights=Weights(redundancy=0.0, centrality=0.0))
    mmr = summarize_sentences(sentences, 2, weights=Weights(redundancy=5.0, centrality=0.0))
    assert plain == sentences[:2]
    assert mmr == [sentences[0], sentences[2]]
