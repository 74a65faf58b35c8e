"""Extractive summaries: pick whole sentences by position, centrality, figures and entities.

Pure text: the caller passes sentences (already cleaned of headings and boilerplate) and,
optionally, per-sentence counts of figures and entities and the parse's fragment flags.
Centrality is the TF-IDF cosine of a sentence to the centroid of the others. Selection is greedy
with a redundancy penalty (MMR): a sentence that repeats an already chosen one loses part of its
score, and a near-duplicate of a chosen one is never taken. Fragments (captions, credits,
bylines, boilerplate, dangling quotes: `bot.nlp.fragments`) are never chosen while enough whole
sentences remain.

The default `Weights` were chosen by `python -m bench.eval.tune_summary` on FRANK's CNN/DM
*validation* split only (see docs/eval.md); the test split is never used for tuning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.nlp.fragments import is_fragment, not_a_sentence, unbalanced_quotes

__all__ = ["DEFAULT_WEIGHTS", "Weights", "centrality", "is_fragment", "near_duplicate",
           "score_sentences", "summarize_sentences"]


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

DUP_JACCARD = 0.6  # share of all words: the same sentence said twice
DUP_OVERLAP = 0.5  # share of the shorter sentence's content terms found in the other
DUP_COSINE = 0.35  # TF-IDF cosine that must come with that overlap
DUP_PAIRS = 2  # adjacent content-term pairs both sentences must share, too

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP_TEXT = (
    "a an the and or but of to in on at for by with from as is are was were be been being it its "
    "this that these those he she they we you i his her their our your has have had do does did "
    "not no so than then there here which who whom whose what when where why how will would can "
    "could should may might must also into about over after before said says"
)
_STOP = frozenset(_STOP_TEXT.split())
_PLAIN = re.compile(r"[a-z0-9]+")


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


def near_duplicate(a: str, b: str, context: Sequence[str] = ()) -> bool:
    """True when two sentences say the same thing (term weights from `context`, the article's
    sentences; the pair alone when it is empty)."""
    sentences = [a, b, *(s for s in context if s not in (a, b))]
    vecs = _vectors(sentences)
    return _duplicate(_Facts.of(a, vecs[0]), _Facts.of(b, vecs[1]))


@dataclass(frozen=True, slots=True)
class _Facts:
    """What near-duplicate detection compares of one sentence."""

    vec: dict[str, float]
    terms: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # adjacent content terms: shared phrasing
    words: frozenset[str]
    numbers: frozenset[str]

    @staticmethod
    def of(sentence: str, vec: dict[str, float]) -> _Facts:
        lower = sentence.lower()
        terms = _terms(sentence)
        return _Facts(vec, frozenset(terms), frozenset(pairwise(terms)),
                      frozenset(_PLAIN.findall(lower)), frozenset(_NUMBER.findall(lower)))


def _duplicate(a: _Facts, b: _Facts) -> bool:
    """Most words shared; or most content terms shared, with a high TF-IDF cosine, some shared
    phrasing and no conflicting figures (two fines of different sizes are two facts)."""
    if a.words and b.words and len(a.words & b.words) / len(a.words | b.words) >= DUP_JACCARD:
        return True
    if not a.terms or not b.terms or len(a.pairs & b.pairs) < DUP_PAIRS:
        return False
    overlap = len(a.terms & b.terms) / min(len(a.terms), len(b.terms))
    if overlap < DUP_OVERLAP or _cosine(a.vec, b.vec) < DUP_COSINE:
        return False
    return not (a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers))


def _pool(sentences: Sequence[str], n: int, fragments: Sequence[bool] | None) -> list[int]:
    """Indexes of the whole sentences; split quotes join them only when fewer than n remain.
    Captions, credits, boilerplate and the parse's fragments never do."""
    usable = [i for i, s in enumerate(sentences)
              if not not_a_sentence(s) and not (fragments is not None and fragments[i])]
    whole = [i for i in usable if not unbalanced_quotes(sentences[i])]
    return whole if len(whole) >= n else usable


def summarize_sentences(sentences: Sequence[str], n: int = 3,
                        figures: Sequence[int] | None = None,
                        entities: Sequence[int] | None = None,
                        weights: Weights = DEFAULT_WEIGHTS, *,
                        fragments: Sequence[bool] | None = None) -> list[str]:
    """The n best whole sentences, in article order, no two of them near-duplicates; fewer
    when the article has fewer.

    `fragments` (optional, one flag per sentence) marks more non-sentences, from the parse.
    """
    if n <= 0 or not sentences:
        return []
    scores = score_sentences(sentences, figures, entities, weights)
    pool = _pool(sentences, n, fragments)
    vecs = _vectors(sentences)
    facts = {i: _Facts.of(sentences[i], vecs[i]) for i in pool}
    chosen: list[int] = [pool[0]] if weights.keep_lead and pool else []
    while len(chosen) < min(n, len(pool)):
        rest = [i for i in pool if i not in chosen
                and not any(_duplicate(facts[i], facts[j]) for j in chosen)]
        if not rest:
            break

        def gain(i: int) -> float:
            if not weights.redundancy or not chosen:
                return scores[i]
            return scores[i] - weights.redundancy * max(_cosine(vecs[i], vecs[j])
                                                        for j in chosen)

        chosen.append(max(rest, key=lambda i: (gain(i), -i)))
    return [sentences[i] for i in sorted(chosen)]
