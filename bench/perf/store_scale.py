"""Scale check: a store of 100,000 synthetic articles; ingest rate, size, command latency.

Usage: python -m bench.perf.store_scale [--count 100000] [--queries 200] [--runs 3] [--quick]
Build: synthetic articles (bench/perf/synth.py, NO spaCy) are written through ArticleRepo.save,
then their figures through FigureTracker.track (alert=False), into a temp SQLite file.
Query: a separate process builds the runtime on that file (as the bot does) and times /entity,
/figures and /search through Runtime.ask and autocomplete through QueryService.complete, each query
beside the same SQL statements on a bare sqlite3 connection (bench/perf/bare_sql.py).
Each phase runs in its own process, so each peak RSS is its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.perf import scale_queries
from bench.perf.stats import log, peak_rss_mib, run_json
from bench.perf.synth import Corpus
from bot.delivery.figure_tracking import FigureTracker
from bot.store.sqlite import Store

FULL, QUICK = 100_000, 10_000
TARGET_MS = {"entity": 50.0, "figures": 50.0, "search": 50.0, "autocomplete": 10.0,
             "figures_topic": 50.0, "latest": 50.0}


async def build(db_path: Path, count: int, budget_s: float = 0) -> dict[str, Any]:
    """Write `count` synthetic articles through the store; throughput per tenth of the build.

    With `budget_s` > 0 the build stops once that many seconds have passed (the result says
    how many articles were written), so `make bench` stays bounded however slow ingest gets.
    """
    store = await Store.open(db_path)
    tracker = FigureTracker(store, lambda: None)
    corpus = Corpus()
    save_s = track_s = 0.0
    chunk = max(count // 10, 1)
    chunks: list[dict[str, float]] = []
    mark = started = time.perf_counter()
    written = 0
    for n, syn in enumerate(corpus.articles(count), start=1):
        t0 = time.perf_counter()
        article_id, _created = await store.articles.save(
            syn.article, uid=syn.uid, content_hash=syn.content_hash, analysis=syn.analysis)
        t1 = time.perf_counter()
        await tracker.track(article_id, alert=False)
        save_s += t1 - t0
        track_s += time.perf_counter() - t1
        written = n
        if budget_s and n % 100 == 0 and time.perf_counter() - started > budget_s:
            log(f"[store_scale] build budget of {budget_s:.0f} s spent at {n} articles")
            chunks.append({"upto": n, "articles_per_s": round(
                (n - (chunks[-1]["upto"] if chunks else 0)) / (time.perf_counter() - mark), 1)})
            break
        if n % chunk == 0:
            now = time.perf_counter()
            chunks.append({"upto": n, "articles_per_s": round(chunk / (now - mark), 1)})
            log(f"[store_scale] built {n}/{count} ({chunks[-1]['articles_per_s']} articles/s)")
            mark = now
    counts = {}
    for table in ("articles", "entities", "entity_aliases", "mentions", "roles", "figures",
                  "article_topics", "figure_series"):
        try:
            row = await store.db.fetchone(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(row[0]) if row else 0
        except Exception:  # table absent in this schema version
            counts[table] = 0
    await store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    await store.close()
    size = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
    return {
        "articles": written, "requested": count, "complete": written == count,
        "build_s": round(time.perf_counter() - started, 1),
        "save_articles_per_s": round(written / save_s, 1),
        "save_and_track_articles_per_s": round(written / (save_s + track_s), 1),
        "figure_tracking": tracker is not None,
        "by_tenth": chunks,
        "db_mib": round(size / 2**20, 1),
        "db_kib_per_article": round(size / 1024 / max(written, 1), 2),
        "rows": counts,
        "peak_rss_mib": peak_rss_mib(),
    }


def run(quick: bool = False, runs: int = 3, count: int | None = None,
        queries: int = 200, budget_s: float = 0, db: Path | None = None) -> dict[str, Any]:
    """Build in one child process, query in another; the combined result.

    With `db`, an existing store is queried instead (its build result is read from
    `<db>.build.json` when that file exists, as written by `--phase build --db DB`).
    """
    count = count or (QUICK if quick else FULL)
    with tempfile.TemporaryDirectory(prefix="pw-scale-") as tmp:
        if db is not None:
            meta = Path(f"{db}.build.json")
            built = json.loads(meta.read_text()) if meta.exists() else {"reused": str(db)}
            built["reused_store"] = str(db)
        else:
            db = Path(tmp) / "scale.db"
            log(f"[store_scale] building {count} articles in {db} ...")
            built = run_json("bench.perf.store_scale",
                             ["--phase", "build", "--db", str(db), "--count", str(count),
                              "--budget", str(budget_s)], timeout=7200)
            if "error" in built:
                return built
        log(f"[store_scale] querying ({queries} per command, {runs} runs) ...")
        asked = run_json("bench.perf.store_scale",
                         ["--phase", "query", "--db", str(db), "--runs", str(runs),
                          "--queries", str(queries)], timeout=3600)
    misses = [k for k, limit in TARGET_MS.items()
              if asked.get("commands", {}).get(k, {}).get("p99_ms", 0) > limit]
    return {"build": built, "query": asked, "targets_ms_p99": TARGET_MS,
            "targets_missed": misses, "spacy": "not run: analyses are synthetic",
            "command": f"python -m bench.perf.store_scale --count {count} --queries {queries}"
                       f" --runs {runs} --budget {budget_s:g}"}


def main() -> None:
    """CLI: the whole check, or one phase (used by the check itself)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--phase", choices=["build", "query"])
    ap.add_argument("--db", type=Path, help="the store to build or query (kept)")
    ap.add_argument("--count", type=int)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--budget", type=float, default=0,
                    help="stop the build after this many seconds (0: no limit)")
    a = ap.parse_args()
    if a.phase == "build":
        built = asyncio.run(build(a.db, a.count, a.budget))
        Path(f"{a.db}.build.json").write_text(json.dumps(built))
        print(json.dumps(built))
    elif a.phase == "query":
        rng = random.Random(a.seed)
        print(json.dumps(asyncio.run(scale_queries.measure(a.db, a.runs, a.queries, rng))))
    else:
        print(json.dumps(run(a.quick, a.runs, a.count, a.queries, a.budget, a.db), indent=1))


if __name__ == "__main__":
    main()
