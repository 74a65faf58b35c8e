"""The eval scorers must reward matches and punish misses (a scorer that cannot fail)."""

from __future__ import annotations

import random

import pytest

from bench.eval.conll import tags_to_spans
from bench.eval.scoring import PRF, rouge_f1, span_prf, token_prf


def test_span_prf_counts_exact_matches_only() -> None:
    gold = [[(0, 2, "PER"), (5, 6, "LOC")], [(1, 3, "ORG")]]
    pred = [[(0, 2, "PER"), (5, 6, "ORG")], [(1, 2, "ORG")]]  # wrong type, wrong boundary
    score = span_prf(gold, pred)
    assert (score.overall.tp, score.overall.fp, score.overall.fn) == (1, 2, 2)
    assert score.overall.precision == pytest.approx(1 / 3)
    assert score.overall.recall == pytest.approx(1 / 3)
    assert score.by_label["PER"].f1 == 1.0
    assert score.by_label["LOC"].f1 == 0.0
    assert score.by_label["ORG"].f1 == 0.0


def test_span_prf_perfect_and_empty_predictions() -> None:
    gold = [[(0, 1, "PER")], [(2, 4, "MISC")]]
    assert span_prf(gold, gold).overall.f1 == 1.0
    nothing = span_prf(gold, [[], []])
    assert nothing.overall.f1 == 0.0
    assert nothing.overall.fn == 2


def test_span_prf_rejects_misaligned_inputs() -> None:
    with pytest.raises(ValueError):
        span_prf([[]], [[], []])


def test_span_prf_agrees_with_seqeval_on_random_sample() -> None:
    from seqeval.metrics import f1_score, precision_score, recall_score

    rng = random.Random(42)
    labels = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-MISC"]
    gold_tags, pred_tags = [], []
    for _ in range(200):
        n = rng.randint(1, 12)
        g = [rng.choice(labels) for _ in range(n)]
        p = [t if rng.random() < 0.7 else rng.choice(labels) for t in g]
        gold_tags.append(g)
        pred_tags.append(p)
    ours = span_prf([tags_to_spans(g, "bio") for g in gold_tags],
                    [tags_to_spans(p, "bio") for p in pred_tags]).overall
    assert 0.2 < ours.f1 < 0.95  # the sample is neither trivial nor hopeless
    assert ours.f1 == pytest.approx(f1_score(gold_tags, pred_tags), abs=1e-9)
    assert ours.precision == pytest.approx(precision_score(gold_tags, pred_tags), abs=1e-9)
    assert ours.recall == pytest.approx(recall_score(gold_tags, pred_tags), abs=1e-9)


def test_token_prf_identical_partial_and_unrelated() -> None:
    gold = "The Senate passed the bill on Tuesday."
    assert token_prf(gold, "the senate PASSED the bill, on tuesday").f1 == 1.0
    half = token_prf(gold, "The Senate passed")
    assert half.precision == 1.0
    assert half.recall == pytest.approx(3 / 7)
    assert token_prf(gold, "Cookie banner: accept all cookies").f1 == 0.0
    assert token_prf(gold, "").f1 == 0.0


def test_token_prf_counts_repeated_tokens_as_a_multiset() -> None:
    prf = token_prf("coin coin coin", "coin")
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 2)


def test_prf_handles_zero_denominators() -> None:
    assert PRF().f1 == 0.0
    assert PRF(tp=0, fp=3, fn=0).precision == 0.0


def test_rouge_identical_vs_unrelated_text() -> None:
    ref = ["The regulator approved the stablecoin law .", "Banks must hold reserves ."]
    same = rouge_f1(ref, ref)
    assert all(v == pytest.approx(1.0) for v in same.values())
    other = rouge_f1(ref, ["Heavy snow closed mountain passes overnight."])
    assert other["rouge1"] < 0.1
    assert other["rouge2"] == 0.0
    assert other["rougeL"] < 0.1


def test_rouge_uses_stemming_and_partial_overlap() -> None:
    stemmed = rouge_f1("regulators approved rules", "regulator approves rule")
    assert stemmed["rouge1"] == pytest.approx(1.0)
    partial = rouge_f1("the bank raised interest rates", "the bank cut staff")
    assert 0.2 < partial["rouge1"] < 0.8
