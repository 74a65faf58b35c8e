"""Small, dependency-light scorers: entity spans, bag-of-tokens overlap and ROUGE.

Written here (rather than imported) so each metric is explicit and can be unit-tested against
hand-made cases, including ones where it must give a low score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

Span = tuple[int, int, str]  # (start, end, label); token or character offsets, end exclusive

_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives with derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are correct (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items that were found (0 when there is no gold)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Scores rounded for reports, with the raw counts."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class SpanScore:
    """Micro-averaged exact-match span scores, overall and per label."""

    overall: PRF = field(default_factory=PRF)
    by_label: dict[str, PRF] = field(default_factory=dict)

    def add(self, gold: Iterable[Span], pred: Iterable[Span]) -> None:
        """Add one sentence's gold and predicted spans (duplicates are counted once)."""
        gold_set, pred_set = set(gold), set(pred)
        for label in {s[2] for s in gold_set | pred_set}:
            g = {s for s in gold_set if s[2] == label}
            p = {s for s in pred_set if s[2] == label}
            prf = self.by_label.setdefault(label, PRF())
            tp = len(g & p)
            prf.tp += tp
            prf.fp += len(p) - tp
            prf.fn += len(g) - tp
            self.overall.tp += tp
            self.overall.fp += len(p) - tp
            self.overall.fn += len(g) - tp

    def as_dict(self) -> dict[str, object]:
        """Overall scores plus a `per_type` block."""
        out: dict[str, object] = dict(self.overall.as_dict())
        out["per_type"] = {k: v.as_dict() for k, v in sorted(self.by_label.items())}
        return out


def span_prf(gold: Sequence[Iterable[Span]], pred: Sequence[Iterable[Span]]) -> SpanScore:
    """Score parallel lists of per-sentence gold and predicted spans."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} sentences, pred has {len(pred)}")
    score = SpanScore()
    for g, p in zip(gold, pred, strict=True):
        score.add(g, p)
    return score


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits runs), as bag-of-words benchmarks use."""
    return _WORD_RE.findall(text.lower())


def token_prf(gold_text: str, pred_text: str) -> PRF:
    """Bag-of-tokens overlap between a gold and a predicted text (multiset intersection)."""
    gold, pred = Counter(word_tokens(gold_text)), Counter(word_tokens(pred_text))
    tp = sum((gold & pred).values())
    return PRF(tp=tp, fp=sum(pred.values()) - tp, fn=sum(gold.values()) - tp)


@lru_cache(maxsize=1)
def _rouge_scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def rouge_f1(reference: str | Sequence[str], summary: str | Sequence[str]) -> dict[str, float]:
    """ROUGE-1/2/L F1 (rouge-score, Porter stemming); lists are scored one sentence per line.

    ROUGE-L is the summary-level variant (rougeLsum) that splits on newlines, the usual choice
    for multi-sentence extractive summaries.
    """
    ref = reference if isinstance(reference, str) else "\n".join(reference)
    hyp = summary if isinstance(summary, str) else "\n".join(summary)
    scores = _rouge_scorer().score(ref, hyp)
    return {
        "rouge1": scores["rouge1"].fmeasure,
        "rouge2": scores["rouge2"].fmeasure,
        "rougeL": scores["rougeLsum"].fmeasure,
    }


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    vals = list(values)
    return sum(vals) / len(vals) if vals else None
