"""Extractive summaries: pick whole sentences by position, centrality, figures and entities.

Pure text: the caller passes sentences (already cleaned of headings and boilerplate) and,
optionally, per-sentence counts of figures and entities. Centrality is the TF-IDF cosine of a
sentence to the centroid of the others. Selection is greedy with a redundancy penalty (MMR):
a sentence that repeats an already chosen one loses part of its score. Fragments (captions,
bylines, dangling quotes) are never chosen while enough whole sentences remain.

The default `Weights` were chosen by `python -m bench.eval.tune_summary` on FRANK's CNN/DM
*validation* split only (see docs/eval.md); the test split is never used for tuning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Weights:
    """Scoring weights of the sentence ranker."""

    position: float = 1.0  # lead sentences carry the story in news writing
    position_decay: float = 0.3  # position score = position / (1 + decay * index)
    centrality: float = 1.5
    figures: float = 0.05  # per figure, capped at 2
    entities: float = 0.05  # per entity mention, capped at 4
    length_penalty: float = 0.5  # for sentences outside MIN_WORDS..MAX_WORDS
    redundancy: float = 0.9  # MMR: times the best cosine to a chosen sentence
    keep_lead: bool = True  # the first whole sentence is always in


DEFAULT_WEIGHTS = Weights()
CAP_FIGURES = 2
CAP_ENTITIES = 4
MIN_WORDS = 8
MAX_WORDS = 45

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP_TEXT = (
    "a an the and or but of to in on at for by with from as is are was were be been being it its "
    "this that these those he she they we you i his her their our your has have had do does did "
    "not no so than then there here which who whom whose what when where why how will would can "
    "could should may might must also into about over after before said says"
)
_STOP = frozenset(_STOP_TEXT.split())
_FRAGMENT = re.compile(
    r"^(?:by\s+\S+|photo|image|picture|video|pictured|scroll down|click|share|read more|"
    r"updated|published|last updated)\b|\(photo|\bcredit:|^[^a-z]*$", re.IGNORECASE)


def _terms(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence.lower()) if w not in _STOP and len(w) > 1]


def _vectors(sentences: Sequence[str]) -> list[dict[str, float]]:
    docs = [Counter(_terms(s)) for s in sentences]
    n = len(docs)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    return [{t: tf * idf[t] for t, tf in d.items()} for d in docs]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def centrality(sentences: Sequence[str]) -> list[float]:
    """TF-IDF cosine similarity of each sentence to the centroid of the others."""
    vecs = _vectors(sentences)
    centroid: Counter[str] = Counter()
    for v in vecs:
        centroid.update(v)
    return [_cosine(v, {t: centroid[t] - v.get(t, 0.0) for t in centroid}) for v in vecs]


def is_fragment(sentence: str) -> bool:
    """True for captions, bylines, credits, unbalanced quotes and other non-sentences."""
    s = sentence.strip()
    if _FRAGMENT.search(s) or s[-1:] not in ".!?\"'”’)":
        return True
    return (s.count("\u201c") != s.count("\u201d")) or s.count('"') % 2 == 1


def score_sentences(sentences: Sequence[str], figures: Sequence[int] | None = None,
                    entities: Sequence[int] | None = None,
                    weights: Weights = DEFAULT_WEIGHTS) -> list[float]:
    """A score per sentence (higher is more summary-worthy), before redundancy."""
    w = weights
    cent = centrality(sentences)
    scores = []
    for i, sentence in enumerate(sentences):
        words = len(sentence.split())
        score = w.position / (1.0 + w.position_decay * i) + w.centrality * cent[i]
        if figures is not None:
            score += w.figures * min(figures[i], CAP_FIGURES)
        if entities is not None:
            score += w.entities * min(entities[i], CAP_ENTITIES)
        if words < MIN_WORDS or words > MAX_WORDS:
            score -= w.length_penalty
        scores.append(score)
    return scores


def summarize_sentences(sentences: Sequence[str], n: int = 3,
                        figures: Sequence[int] | None = None,
                        entities: Sequence[int] | None = None,
                        weights: Weights = DEFAULT_WEIGHTS) -> list[str]:
    """The n best whole sentences, in article order."""
    if n <= 0 or not sentences:
        return []
    scores = score_sentences(sentences, figures, entities, weights)
    whole = [i for i, s in enumerate(sentences) if not is_fragment(s)]
    pool = whole if len(whole) >= min(n, len(sentences)) else list(range(len(sentences)))
    vecs = _vectors(sentences) if weights.redundancy else []
    chosen: list[int] = [pool[0]] if weights.keep_lead and pool else []
    while len(chosen) < min(n, len(pool)):
        def gain(i: int) -> float:
            if not vecs or not chosen:
                return scores[i]
            return scores[i] - weights.redundancy * max(_cosine(vecs[i], vecs[j])
                                                        for j in chosen)

        rest = [i for i in pool if i not in chosen]
        chosen.append(max(rest, key=lambda i: (gain(i), -i)))
    return [sentences[i] for i in sorted(chosen)]
