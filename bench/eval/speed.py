"""Part 5: speed beside quality — Analyzer.analyze_many vs bare spaCy NER on the same texts.

Runs in its own process (`python -m bench.eval.speed N BATCH`, prints one JSON line) so that
the peak RSS reported is that of the understanding step alone, not of the whole eval run.
Both sides get one warm-up batch first; each is then timed once over all texts.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.eval import REPO_ROOT


def _texts(n: int) -> list[tuple[str, str]]:
    from bench.eval.summaries import load_items

    items = load_items(quick=False) or []
    return [(it["id"], it["text"]) for it in items if it["source"] == "cnndm"][:n]


def measure(n: int = 100, batch: int = 8) -> dict[str, Any]:
    """Articles/s of both pipelines on up to n CNN/DM articles; peak RSS in MB."""
    import spacy

    from bench.eval import SPACY_MODEL
    from bench.eval.systems import analyzer
    from bot.domain.models import ArticleIn

    rows = _texts(n)
    if not rows:
        return {"skipped": "frank-summ not found"}
    texts = [t for _, t in rows]
    an = analyzer(3)
    if not an.ok:
        return {"error": an.error, "articles": len(texts)}
    articles = [ArticleIn(url=None, title="", text=t, guid=i) for i, t in rows]
    nlp = spacy.load(SPACY_MODEL)
    ner_only = [p for p in nlp.pipe_names if p != "ner"]
    list(nlp.pipe(texts[:batch], batch_size=batch, disable=ner_only))
    an.obj.analyze_many(articles[:batch], topics=(), batch_size=batch)

    start = time.perf_counter()
    list(nlp.pipe(texts, batch_size=batch, disable=ner_only))
    ner_s = time.perf_counter() - start
    start = time.perf_counter()
    analyses = an.obj.analyze_many(articles, topics=(), batch_size=batch)
    ours_s = time.perf_counter() - start
    if len(analyses) != len(articles):
        return {"error": f"analyze_many returned {len(analyses)} for {len(articles)} articles"}
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {
        "articles": len(texts),
        "batch_size": batch,
        "articles_per_s": round(len(texts) / ours_s, 2),
        "ner_only_articles_per_s": round(len(texts) / ner_s, 2),
        "ratio_vs_ner_only": round(ner_s / ours_s, 4),
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "cpu_count": os.cpu_count(),
    }


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure in a child process; ratio < 1 means slower than NER-only spaCy."""
    n = 30 if quick else 100
    cmd = [sys.executable, "-m", "bench.eval.speed", str(n), "8"]
    try:
        proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
                              check=False)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if not lines:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            out: dict[str, Any] = {"error": tail[:300]}
        else:
            out = json.loads(lines[-1])
    except subprocess.TimeoutExpired:
        out = {"error": "speed measurement exceeded 600 s"}
    for key in ("articles_per_s", "ratio_vs_ner_only", "peak_rss_mb"):
        out.setdefault(key, None)
    log(f"  speed: {out.get('articles_per_s')} articles/s, ratio vs NER-only "
        f"{out.get('ratio_vs_ner_only')}, peak RSS {out.get('peak_rss_mb')} MB")
    return out


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(measure(*args)))
