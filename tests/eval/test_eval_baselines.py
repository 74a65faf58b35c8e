"""LexRank / Lead baselines and the summary-data helpers."""

from __future__ import annotations

from bench.eval.lexrank import lead_summary, lexrank_scores, lexrank_summary
from bench.eval.summaries import reference_sentences, strip_share_widget

SENTENCES = [
    "Miners moved to the province for its cheap hydropower.",
    "The weather in the capital was mild.",
    "The treasury reserve will hold bitcoin mined with cheap hydropower.",
    "Officials said the treasury reserve is audited yearly.",
    "A local bakery won a prize.",
]


def test_lexrank_prefers_central_sentences() -> None:
    scores = lexrank_scores(SENTENCES)
    assert abs(sum(scores) - 1.0) < 1e-6
    # Sentence 2 links the hydropower sentence and the reserve sentence, which share nothing.
    assert scores[2] == max(scores)
    assert scores[2] > scores[0] and scores[2] > scores[1]
    summary = lexrank_summary(SENTENCES, 1)
    assert summary == [SENTENCES[2]]
    pair = lexrank_summary(SENTENCES, 2)
    assert SENTENCES[2] in pair
    assert pair == sorted(pair, key=SENTENCES.index)  # document order


def test_lead_and_empty_inputs() -> None:
    assert lead_summary(SENTENCES, 2) == SENTENCES[:2]
    assert lexrank_summary([], 3) == []
    assert lexrank_summary(SENTENCES[:1], 3) == SENTENCES[:1]


def test_share_widget_prefix_is_stripped_only_when_present() -> None:
    raw = "Share this withEmailFacebookTwitterWhatsAppLinkedinCopy this linkThe dam opened."
    assert strip_share_widget(raw) == "The dam opened."
    assert strip_share_widget("Share prices fell.") == "Share prices fell."


def test_reference_sentences_split_ptb_periods() -> None:
    ref = "Gary Locke will stay on Friday . The club 's form improved . He is 39 ."
    assert reference_sentences(ref) == ["Gary Locke will stay on Friday .",
                                        "The club 's form improved .", "He is 39 ."]


def test_share_widget_split_across_lines_is_stripped() -> None:
    raw = "Share this withEmailFacebookLinkedinCopy\nthis linkThe dam opened.\nIt rained."
    assert strip_share_widget(raw) == "The dam opened.\nIt rained."
