"""LexRank baseline (Erkan & Radev, 2004), written from the published algorithm.

Sentences are nodes; an edge joins two sentences whose TF-IDF cosine similarity is at least the
threshold (0.1 in the paper); each row is divided by its degree and the stationary distribution
of the damped random walk is found by power iteration. The top sentences are returned in
document order. Only the standard library is used (no NLTK data needed).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _terms(sentence: str) -> list[str]:
    return [t for t in _TOKEN_RE.findall(sentence.lower()) if t not in STOP_WORDS]


def _tfidf(sentences: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(_terms(s)) for s in sentences]
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {t: math.log(1.0 + n / c) for t, c in df.items()}
    return [{t: tf * idf[t] for t, tf in bag.items()} for bag in bags]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def lexrank_scores(sentences: Sequence[str], threshold: float = 0.1, damping: float = 0.85,
                   tol: float = 1e-6, max_iter: int = 200) -> list[float]:
    """Centrality score of each sentence (thresholded LexRank, power iteration)."""
    n = len(sentences)
    if n == 0:
        return []
    vecs = _tfidf(sentences)
    adj = [[0.0] * n for _ in range(n)]
    for i in range(n):
        adj[i][i] = 1.0  # a sentence is always similar to itself, as in the paper's matrices
        for j in range(i + 1, n):
            if _cosine(vecs[i], vecs[j]) >= threshold:
                adj[i][j] = adj[j][i] = 1.0
    degree = [sum(row) for row in adj]
    p = [1.0 / n] * n
    for _ in range(max_iter):
        nxt = [
            (1.0 - damping) / n + damping * sum(adj[j][i] * p[j] / degree[j] for j in range(n))
            for i in range(n)
        ]
        delta = sum(abs(a - b) for a, b in zip(nxt, p, strict=True))
        p = nxt
        if delta < tol:
            break
    return p


def lexrank_summary(sentences: Sequence[str], n: int = 3, threshold: float = 0.1) -> list[str]:
    """The n most central sentences, in their original order (ties favour earlier ones)."""
    scores = lexrank_scores(sentences, threshold=threshold)
    ranked = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:n]
    return [sentences[i] for i in sorted(ranked)]


def lead_summary(sentences: Sequence[str], n: int = 3) -> list[str]:
    """Lead-n baseline: the first n sentences."""
    return list(sentences[:n])
