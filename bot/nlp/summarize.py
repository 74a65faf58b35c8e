"""Extractive summaries: pick whole sentences by position, centrality, figures and entities.

Pure text: the caller passes sentences (already cleaned of headings and boilerplate) and,
optionally, per-sentence counts of figures and entities. Centrality is the TF-IDF cosine of a
sentence to the article centroid.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

W_POSITION = 1.0  # lead sentences carry the story in news writing
W_CENTRALITY = 1.0
W_FIGURES = 0.15  # per figure, capped
W_ENTITIES = 0.05  # per entity mention, capped
CAP_FIGURES = 2
CAP_ENTITIES = 4
MIN_WORDS = 8
MAX_WORDS = 45
W_LENGTH_PENALTY = 0.5
POSITION_DECAY = 0.3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP_TEXT = (
    "a an the and or but of to in on at for by with from as is are was were be been being it its "
    "this that these those he she they we you i his her their our your has have had do does did "
    "not no so than then there here which who whom whose what when where why how will would can "
    "could should may might must also into about over after before said says"
)
_STOP = frozenset(_STOP_TEXT.split())


def _terms(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence.lower()) if w not in _STOP and len(w) > 1]


def centrality(sentences: Sequence[str]) -> list[float]:
    """TF-IDF cosine similarity of each sentence to the centroid of the others."""
    docs = [Counter(_terms(s)) for s in sentences]
    n = len(docs)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    vecs = [{t: tf * idf[t] for t, tf in d.items()} for d in docs]
    centroid: Counter[str] = Counter()
    for v in vecs:
        centroid.update(v)
    scores = []
    for v in vecs:
        rest = {t: centroid[t] - v.get(t, 0.0) for t in centroid}
        dot = sum(w * rest.get(t, 0.0) for t, w in v.items())
        norm = math.sqrt(sum(w * w for w in v.values())) * math.sqrt(
            sum(w * w for w in rest.values()))
        scores.append(dot / norm if norm else 0.0)
    return scores


def score_sentences(sentences: Sequence[str], figures: Sequence[int] | None = None,
                    entities: Sequence[int] | None = None) -> list[float]:
    """A score per sentence (higher is more summary-worthy)."""
    cent = centrality(sentences)
    scores = []
    for i, sentence in enumerate(sentences):
        words = len(sentence.split())
        score = W_POSITION / (1.0 + POSITION_DECAY * i) + W_CENTRALITY * cent[i]
        if figures is not None:
            score += W_FIGURES * min(figures[i], CAP_FIGURES)
        if entities is not None:
            score += W_ENTITIES * min(entities[i], CAP_ENTITIES)
        if words < MIN_WORDS or words > MAX_WORDS:
            score -= W_LENGTH_PENALTY
        scores.append(score)
    return scores


def summarize_sentences(sentences: Sequence[str], n: int = 3,
                        figures: Sequence[int] | None = None,
                        entities: Sequence[int] | None = None) -> list[str]:
    """The n best whole sentences, in article order."""
    if n <= 0 or not sentences:
        return []
    scores = score_sentences(sentences, figures, entities)
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:n]
    return [sentences[i] for i in sorted(best)]
