"""Query phase of the scale check: command latency through Runtime.ask beside bare SQL.

Entity and figure subjects are half drawn from the 50 most mentioned names (what people ask
about, and the worst case: they join tens of thousands of rows) and half uniformly from all
names (the long tail). Each query is timed through the bot, then its bare-SQL replay, in turn,
so both see the same cache state; the sample is repeated `runs` times and the per-run p50/p99
are reduced to their medians.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.perf.bare_sql import Bare
from bench.perf.stats import REPO_ROOT, latency_ms, log, median, peak_rss_mib
from bench.perf.synth import TOPICS
from bot.store.articles import SEARCH_WINDOW
from bot.store.entities import RELATED_WINDOW

SEARCHES = ("bitcoin reserve", "stablecoin rules", "hydropower deal", "legal tender",
            "fined customer checks", "cross-border payments", "mining capacity",
            "parliamentary review", "self-custody", "national reserve filings", "licences",
            "mandatory acceptance", "fraud complaints", "weaker currency", "grid")
CONFIG = REPO_ROOT / "config" / "policywire.yaml"
REPLY_CHARS: dict[str, int] = {}  # longest reply text per command (a reply can outgrow chat)


def _mixed(rng: random.Random, ranked: list[str], n: int, head: int) -> list[str]:
    """n names: even positions from the `head` most frequent, odd ones from all."""
    return [rng.choice(ranked[:head]) if i % 2 == 0 else rng.choice(ranked) for i in range(n)]


async def _samples(app: Any, n: int, rng: random.Random) -> dict[str, list[str]]:
    names = sorted(await app.store.entities.canonical_names(), key=lambda t: -t[1])
    ranked = [name for name, _ in names]
    rows = await app.store.db.fetchall(
        "SELECT e.name, COUNT(*) AS n FROM figures f JOIN entities e ON e.id = f.subject_id"
        " GROUP BY f.subject_id ORDER BY n DESC")
    subjects = [r["name"] for r in rows]
    places = [c for c in ranked[:200] if c[:1].isupper()]
    searches = [rng.choice(SEARCHES) + (f" {rng.choice(places)}" if rng.random() < 0.4 else "")
                for _ in range(n)]
    prefixes = [name[: rng.randint(1, 4)] for name in _mixed(rng, ranked, n, 50)]
    return {
        "entity": _mixed(rng, ranked, n, 50),
        "figures": _mixed(rng, subjects, n, 20),
        "search": searches,
        "autocomplete": prefixes,
        "figures_topic": [rng.choice(TOPICS) for _ in range(n)],
        "latest": [rng.choice(("", *TOPICS)) for _ in range(n)],
    }


def _paths(app: Any, bare: Bare) -> dict[str, tuple[Callable[[str], Awaitable[bool]],
                                                     Callable[[str], bool]]]:
    async def ask(text: str) -> bool:
        reply = await app.ask(text)
        name = text.split()[0].lstrip("/")
        REPLY_CHARS[name] = max(REPLY_CHARS.get(name, 0), len(reply.text or ""))
        return reply.ok

    async def complete(prefix: str) -> bool:
        return bool(await app.services.queries.complete("entity", prefix))

    return {
        "entity": (lambda s: ask(f"/entity {s}"), bare.entity),
        "figures": (lambda s: ask(f"/figures {s}"), bare.figures),
        "search": (lambda s: ask(f"/search {s}"), bare.search),
        "autocomplete": (complete, bare.complete),
        "figures_topic": (lambda s: ask(f"/figures {s}"), bare.figures_topic),
        "latest": (lambda s: ask(f"/latest {s}".rstrip()), bare.latest),
    }


async def measure(db: Path, runs: int, n: int, rng: random.Random) -> dict[str, Any]:
    """Open the bot on `db` and time every command path `runs` times over n samples."""
    from bot.app import build
    from bot.config_loader import load_config

    config = load_config(CONFIG)
    t0 = time.perf_counter()
    app = await build(config, config_path=CONFIG, db_path=db, env={}, executor="thread")
    create_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    await app.services.queries.refresh_index()  # the full reload at start-up and after retention
    refresh_s = time.perf_counter() - t0
    newest = [r[0] for r in await app.store.db.fetchall(
        "SELECT id FROM articles ORDER BY id DESC LIMIT 50")]
    update_t = []
    for article_id in newest:  # what every ingested article triggers
        t0 = time.perf_counter()
        await app.services.queries.refresh_index(article_id)
        update_t.append(time.perf_counter() - t0)
    bare = Bare(str(db))
    try:
        samples = await _samples(app, n, rng)
        paths = _paths(app, bare)
        per_run: dict[str, list[tuple[dict, dict]]] = {k: [] for k in paths}
        failures = {k: 0 for k in paths}
        for kind, (ours, plain) in paths.items():  # warm-up: the page cache, the index
            for item in samples[kind][:10]:
                await ours(item)
                plain(item)
        bare.timings.clear()
        for r in range(runs):
            for kind, (ours, plain) in paths.items():
                ours_t, bare_t = [], []
                for item in samples[kind]:
                    t = time.perf_counter()
                    ok = await ours(item)
                    ours_t.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    plain(item)
                    bare_t.append(time.perf_counter() - t)
                    failures[kind] += 0 if ok else 1
                per_run[kind].append((latency_ms(ours_t), latency_ms(bare_t)))
            log(f"[store_scale] query run {r + 1}/{runs} done")
        commands = {k: _reduce(v) | {"failures": failures[k]} for k, v in per_run.items()}
        top = bare.conn.execute("SELECT entity_id FROM mentions GROUP BY entity_id"
                                " ORDER BY SUM(count) DESC LIMIT 1").fetchone()[0]
        plans = bare.plans({
            "EntityRepo.lookup": ("el salvador",),
            "EntityRepo.related": {"id": top, "window": RELATED_WINDOW, "limit": 8},
            "ArticleRepo.latest": (5,),
            "ArticleRepo.search": {"q": '"bitcoin" "reserve"', "window": SEARCH_WINDOW,
                                   "limit": 5},
            "EntityRepo.mention_stats.newest": (top, 5), "EntityRepo.figures_about": (top, 25),
            "EntityRepo.figures_for_topic": ("reserves", 25),
            "ArticleRepo.latest.topic": ("reserves", 5), "SeriesRepo.for_subject": (top, 500),
        })
        statements = {k: latency_ms(v) for k, v in sorted(bare.timings.items())}
    finally:
        bare.close()
        await app.close()
    return {
        "app_create_s": round(create_s, 3),
        "refresh_index_ms": round(refresh_s * 1000, 1),
        "index_update_ms": latency_ms(update_t),
        "entity_index_size": len(app.services.queries.entity_index),
        "queries_per_command": n, "runs": runs,
        "commands": commands,
        "bare_statements": statements,
        "longest_reply_chars": REPLY_CHARS,
        "plans": plans,
        "peak_rss_mib": peak_rss_mib(),
    }


def _reduce(runs: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Medians over runs of p50/p99/max, bot and bare, with ratios bot / bare."""
    out: dict[str, Any] = {}
    for i, who in enumerate(("", "bare_")):
        for key in ("p50_ms", "p99_ms", "max_ms"):
            out[who + key] = round(median([r[i][key] for r in runs]), 3)
    for key in ("p50", "p99"):
        bare = out[f"bare_{key}_ms"]
        out[f"ratio_{key}"] = round(out[f"{key}_ms"] / bare, 2) if bare > 0 else None
    out["n"] = runs[0][0]["n"] if runs else 0
    return out
