"""Scale-out by engine and process count: `python -m bench.perf.pg_workers [--quick]`.

Alerts: N alerts over C channels are drained by the delivery worker (bot/delivery/worker.py)
in 1, 2 and 3 child processes on one PostgreSQL, beside 1 process on SQLite, in the same run.
The sender answers after `--latency` seconds (a platform's round trip; 0 measures the store).

Feeds: F feeds on a loopback feed server (its own process; it counts the GETs of every path)
are polled by 1, 2 and 3 child processes on one PostgreSQL, each a real runtime
(`bot.app.build`) whose `FeedPoller.poll_scheduled` claims every feed through
`store.feeds.claim_feeds` (shared=True, as compose makes it on PostgreSQL) and then fetches,
hashes, parses (the sandbox) and records it; beside 1 process on SQLite (shared=False). Every
child walks all F feeds once with `--concurrency` polls at a time; the feed interval is an
hour, so a feed fetched twice in the run would be fetched twice in one interval.

Prints one JSON object: alerts/s and feeds/s per setup (median of `--runs`), and whether each
alert was sent and each feed fetched exactly once. PostgreSQL: `--pg URL` (a role that may
CREATE DATABASE), else a throwaway cluster as the tests start one (tests/pgsupport.py); with
neither, `{"skipped": reason}`.

Commands (`--articles N`): N synthetic articles (bench/perf/synth.py, written as store_scale
writes them: ArticleRepo.save + FigureTracker.track) into a SQLite file and into a PostgreSQL
database, then /entity, /figures, /search, /figures <topic>, /latest through Runtime.ask and
autocomplete through QueryService.complete, the same samples (drawn on the SQLite store) on
both; p50/p99 medians over `--runs`. The issue asks for 100,000 articles: the build goes
through the repository code (100-190 articles/s here, about 9 min on SQLite and 16 on
PostgreSQL), so the store is the one the product writes, not a bulk-loaded copy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


class InstantSender:
    """A platform that accepts every card after `latency` seconds."""

    platform = "slack"

    def __init__(self, latency: float) -> None:
        self.latency = latency

    async def send_card(self, channel_id: str, card: Any, delivery_id: str) -> Any:
        from bot.chat.ports import SendResult

        if self.latency:
            await asyncio.sleep(self.latency)
        return SendResult(ok=True, message_id=f"m-{delivery_id}")

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        return None


async def _open(engine: str, where: str) -> Any:
    if engine == "sqlite":
        from bot.store.sqlite import Store

        return await Store.open(where)
    from bot.store.postgres.store import PgStore

    return await PgStore.open(where, max_size=25)


async def child(engine: str, where: str, latency: float) -> None:
    """Drain until nothing is left to claim; print how many this process sent."""
    from bot.delivery.worker import DeliveryWorker

    store = await _open(engine, where)
    drain = DeliveryWorker(store, {"slack": InstantSender(latency)}, batch=50)
    print("ready", flush=True)
    sys.stdin.readline()  # the parent's "go"
    sent = 0
    while True:
        sent += await drain.drain()
        if not await store.deliveries.due_channels(["slack"]):
            break
        await asyncio.sleep(0.01)
    await store.close()
    print(json.dumps({"sent": sent}), flush=True)


async def _fill(engine: str, where: str, alerts: int, channels: int) -> None:
    from bot.store.outbox import Outgoing

    store = await _open(engine, where)
    rows = [Outgoing(key=f"a:{i}", article_id=None, platform="slack",
                     channel_id=f"C{i % channels}", kind="article", card='{"title": "t"}')
            for i in range(alerts)]
    for start in range(0, alerts, 500):
        await store.outbox.enqueue(rows[start:start + 500])
    await store.close()


async def _check(engine: str, where: str) -> dict[str, int]:
    store = await _open(engine, where)
    try:
        counts: dict[str, int] = await store.deliveries.counts()
        return counts
    finally:
        await store.close()


def one_run(engine: str, where: str, procs: int, alerts: int, channels: int,
            latency: float) -> dict[str, Any]:
    """Fill, then time `procs` children draining it; alerts/s and the final counts."""
    asyncio.run(_fill(engine, where, alerts, channels))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [subprocess.Popen(
        [sys.executable, "-m", "bench.perf.pg_workers", "--child", engine, where,
         "--latency", str(latency)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env=env, cwd=REPO) for _ in range(procs)]
    for c in children:
        assert c.stdout is not None and c.stdout.readline().strip() == "ready"
    began = time.perf_counter()
    for c in children:
        assert c.stdin is not None
        c.stdin.write("go\n")
        c.stdin.flush()
    shares = []
    for c in children:
        out, _ = c.communicate(timeout=600)
        shares.append(json.loads(out.strip().splitlines()[-1])["sent"])
    elapsed = time.perf_counter() - began
    counts = asyncio.run(_check(engine, where))
    return {"alerts_per_s": alerts / elapsed, "seconds": elapsed, "shares": shares,
            "exactly_once": counts == {"sent": alerts} and sum(shares) == alerts}


async def _admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _fresh(engine: str, url: str | None, what: str) -> str:
    """A new empty SQLite file or PostgreSQL database: where the children open it."""
    if engine == "sqlite":
        return str(Path(tempfile.mkdtemp(prefix="pw-bench-")) / f"{what}.db")
    assert url is not None
    name = f"pw_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(url, f'CREATE DATABASE "{name}"'))
    return url.rsplit("/", 1)[0] + f"/{name}"


def _drop(engine: str, url: str | None, where: str) -> None:
    """Remove what `_fresh` made (a run leaves nothing behind on a given server)."""
    if engine == "sqlite":
        shutil.rmtree(Path(where).parent, ignore_errors=True)
        return
    assert url is not None
    name = where.rsplit("/", 1)[1]
    asyncio.run(_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _measured(engine: str, url: str | None, what: str,
              measure: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    where = _fresh(engine, url, what)
    try:
        return measure(where)
    finally:
        _drop(engine, url, where)


# -- feeds ---------------------------------------------------------------------------------

RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>feed {i}</title>"
       "<link>http://example.org/{i}</link><description>bench</description>{items}"
       "</channel></rss>")
ITEM = ("<item><title>Item {j} of feed {i}</title><link>http://example.org/{i}/{j}</link>"
        "<guid>f{i}-{j}</guid><pubDate>Wed, 02 Dec 2026 10:{j:02d}:00 GMT</pubDate>"
        "<description>Regulators of country {i} said item {j} changes the rules.</description>"
        "</item>")


def feed_body(i: int, items: int = 10) -> bytes:
    """A small RSS 2.0 feed: `items` dated items (a first poll records them as its baseline)."""
    return RSS.format(i=i, items="".join(ITEM.format(i=i, j=j) for j in range(items))).encode()


def serve_feeds() -> None:
    """The feed server process: prints its port; on stdin "counts" prints the GETs per path
    as JSON and forgets them; serves until stdin closes."""
    from collections import Counter

    from aiohttp import web

    hits: Counter[str] = Counter()

    async def feed(request: web.Request) -> web.Response:
        hits[request.path] += 1
        return web.Response(body=feed_body(int(request.match_info["i"])),
                            content_type="application/rss+xml")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{i:\\d+}", feed)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        print(runner.addresses[0][1], flush=True)
        loop = asyncio.get_running_loop()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            if line.strip() == "counts":
                print(json.dumps(dict(hits)), flush=True)
                hits.clear()
        await runner.cleanup()

    asyncio.run(main())


async def feed_child(engine: str, where: str, base: str, feeds: int, concurrency: int) -> None:
    """A real runtime on `where`; after "go", poll_scheduled every feed once; print counts."""
    import logging

    from bot.app import build
    from bot.config_loader import load_config
    from bot.settings import FeedConfig

    logging.disable(logging.WARNING)
    config_path = REPO / "config" / "policywire.yaml"
    config = load_config(config_path)
    config = config.model_copy(update={"fetch": config.fetch.model_copy(update={
        "allow_loopback": True, "concurrency": concurrency, "per_host": concurrency}),
        "feeds": []})
    env = {} if engine == "sqlite" else {"POLICYWIRE_DATABASE_URL": where}
    app = await build(config, env, config_path=config_path,
                      db_path=where if engine == "sqlite" else None, executor="thread")
    polled = skipped = errors = 0
    try:
        await app.start_feeds()  # the fetcher session, the story clusters
        poller = app.poller
        assert poller.shared == (engine != "sqlite")
        urls = [FeedConfig(url=f"{base}/feed/{i}", interval=3600) for i in range(feeds)]
        sem = asyncio.Semaphore(concurrency)

        async def one(feed: FeedConfig) -> None:
            nonlocal polled, skipped, errors
            async with sem:
                report = await poller.poll_scheduled(feed)
            if report is None:
                skipped += 1
            elif report.error:
                errors += 1
            else:
                polled += 1

        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        began = time.perf_counter()
        await asyncio.gather(*(one(f) for f in urls))
        elapsed = time.perf_counter() - began
    finally:
        await app.close()
    print(json.dumps({"polled": polled, "skipped": skipped, "errors": errors,
                      "seconds": elapsed}), flush=True)


def feed_run(engine: str, where: str, procs: int, base: str, server: subprocess.Popen[str],
             feeds: int, concurrency: int) -> dict[str, Any]:
    """`procs` children poll the same `feeds` feeds once; feeds/s and the GETs per feed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [subprocess.Popen(
        [sys.executable, "-m", "bench.perf.pg_workers", "--feed-child", engine, where, base,
         "--feeds", str(feeds), "--concurrency", str(concurrency)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, env=env, cwd=REPO) for _ in range(procs)]
    for c in children:
        assert c.stdout is not None and c.stdout.readline().strip() == "ready"
    for c in children:
        assert c.stdin is not None
        c.stdin.write("go\n")
        c.stdin.flush()
    got: list[dict[str, Any]] = []
    for c in children:
        out, _ = c.communicate(timeout=900)
        got.append(json.loads(out.strip().splitlines()[-1]))
    # from "go" to the last child's last poll (each child's own clock; no start-up, no close)
    elapsed = max(g["seconds"] for g in got)
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write("counts\n")
    server.stdin.flush()
    hits: dict[str, int] = json.loads(server.stdout.readline())
    once = (len(hits) == feeds and set(hits.values()) == {1}
            and sum(g["polled"] for g in got) == feeds
            and all(g["errors"] == 0 for g in got))
    return {"feeds_per_s": feeds / elapsed, "seconds": elapsed, "exactly_once": once,
            "shares": [g["polled"] for g in got], "gets": sum(hits.values())}


# -- commands ------------------------------------------------------------------------------

COMMANDS = ("entity", "figures", "search", "autocomplete", "figures_topic", "latest")


async def _fill_articles(engine: str, where: str, count: int) -> float:
    """`count` synthetic articles (bench/perf/synth.py, as store_scale writes them) through
    ArticleRepo.save and FigureTracker.track; articles/s."""
    from bench.perf.synth import Corpus
    from bot.delivery.figure_tracking import FigureTracker

    store = await _open(engine, where)
    tracker = FigureTracker(store, lambda: None)
    began = time.perf_counter()
    for syn in Corpus().articles(count):
        article_id, _ = await store.articles.save(syn.article, uid=syn.uid,
                                                  content_hash=syn.content_hash,
                                                  analysis=syn.analysis)
        await tracker.track(article_id, alert=False)
    elapsed = time.perf_counter() - began
    await store.close()
    return count / elapsed


async def _commands(engine: str, where: str, queries: int, runs: int,
                    samples: dict[str, list[str]] | None) -> tuple[dict[str, Any],
                                                                   dict[str, list[str]]]:
    """p50/p99 (medians over `runs`) of each command path through Runtime.ask on `where`;
    the samples are drawn on the first (SQLite) store and asked of both."""
    import random

    from bench.perf import scale_queries
    from bench.perf.stats import latency_ms
    from bot.app import build
    from bot.config_loader import load_config

    config = load_config(scale_queries.CONFIG)
    env = {} if engine == "sqlite" else {"POLICYWIRE_DATABASE_URL": where}
    app = await build(config, env, config_path=scale_queries.CONFIG,
                      db_path=where if engine == "sqlite" else None, executor="thread")
    try:
        if samples is None:
            samples = await scale_queries._samples(app, queries, random.Random(5))

        async def ask(kind: str, item: str) -> bool:
            if kind == "autocomplete":
                return bool(await app.services.queries.complete("entity", item))
            name = "figures" if kind == "figures_topic" else kind
            return bool((await app.ask(f"/{name} {item}".rstrip())).ok)

        for kind in COMMANDS:  # warm-up
            for item in samples[kind][:10]:
                await ask(kind, item)
        per_run: dict[str, list[dict[str, float]]] = {k: [] for k in COMMANDS}
        failures = dict.fromkeys(COMMANDS, 0)
        for _ in range(runs):
            for kind in COMMANDS:
                took = []
                for item in samples[kind]:
                    t = time.perf_counter()
                    ok = await ask(kind, item)
                    took.append(time.perf_counter() - t)
                    failures[kind] += 0 if ok else 1
                per_run[kind].append(latency_ms(took))
    finally:
        await app.close()
    out = {k: {"p50_ms": round(statistics.median(r["p50_ms"] for r in v), 2),
               "p99_ms": round(statistics.median(r["p99_ms"] for r in v), 2),
               "failures": failures[k]} for k, v in per_run.items()}
    return out, samples


def command_run(url: str, articles: int, queries: int, runs: int) -> dict[str, Any]:
    """The same synthetic store on SQLite and on PostgreSQL; command p50/p99 on both."""
    out: dict[str, Any] = {"articles": articles, "queries_per_command": queries,
                           "target_p99_ms": 50.0}
    samples = None
    for engine in ("sqlite", "postgresql"):
        where = _fresh(engine, url, "commands")
        try:
            rate = asyncio.run(_fill_articles(engine, where, articles))
            timed, samples = asyncio.run(_commands(engine, where, queries, runs, samples))
        finally:
            _drop(engine, url, where)
        out[engine] = {"build_articles_per_s": round(rate, 1), "commands": timed}
        print(f"commands on {engine}: {out[engine]}", file=sys.stderr, flush=True)
    pg = out["postgresql"]["commands"]
    out["ratio_p99_vs_sqlite"] = {
        k: round(pg[k]["p99_ms"] / v["p99_ms"], 2) if v["p99_ms"] else None
        for k, v in out["sqlite"]["commands"].items()}
    out["targets_missed_on_postgresql"] = [k for k, v in pg.items()
                                           if k != "autocomplete" and v["p99_ms"] > 50.0]
    return out


# -- runner --------------------------------------------------------------------------------

SETUPS = (("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 3))


def _postgres(given: str | None) -> tuple[str | None, Any, str]:
    """(url, cluster to stop, why not): the given server, or a throwaway cluster."""
    url = given or os.environ.get("POLICYWIRE_TEST_PG_URL")
    if url:
        return url, None, ""
    sys.path.insert(0, str(REPO))
    from tests.pgsupport import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        return None, None, "no PostgreSQL: give --pg URL or install postgresql-15"
    cluster = Cluster(bindir).start()
    return cluster.url, cluster, ""


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 1)


def run(quick: bool = False, runs: int = 3, pg: str | None = None, alerts: int | None = None,
        channels: int = 30, latency: float = 0.0, feeds: int | None = None,
        concurrency: int = 20, articles: int = 0, queries: int = 200) -> dict[str, Any]:
    """Both parts on every setup, `runs` times each; medians, ratios against SQLite x1."""
    alerts = alerts or (300 if quick else 3000)
    feeds = feeds or (30 if quick else 300)
    url, cluster, why = _postgres(pg)
    if url is None:
        return {"skipped": why}
    result: dict[str, Any] = {
        "alerts": alerts, "channels": channels, "latency_s": latency, "feeds": feeds,
        "concurrency": concurrency, "runs": runs, "cpu_count": os.cpu_count(),
        "loadavg_at_start": os.getloadavg()[0],
        "command": f"python -m bench.perf.pg_workers --alerts {alerts} --channels {channels}"
                   f" --feeds {feeds} --concurrency {concurrency} --runs {runs}"}
    server = subprocess.Popen([sys.executable, "-m", "bench.perf.pg_workers", "--serve"],
                              cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert server.stdout is not None
        base = f"http://127.0.0.1:{int(server.stdout.readline())}"
        for engine, procs in SETUPS:
            a_runs, f_runs = [], []
            for _ in range(runs):
                a_runs.append(_measured(engine, url, "outbox", lambda w, e=engine, n=procs: one_run(
                    e, w, n, alerts, channels, latency)))
                f_runs.append(_measured(engine, url, "feeds", lambda w, e=engine, n=procs: feed_run(
                    e, w, n, base, server, feeds, concurrency)))
            key = f"{engine}_{procs}"
            result[key] = {
                "alerts_per_s": _median(a_runs, "alerts_per_s"),
                "alerts_exactly_once": all(r["exactly_once"] for r in a_runs),
                "alert_shares_last_run": a_runs[-1]["shares"],
                "feeds_per_s": _median(f_runs, "feeds_per_s"),
                "feeds_exactly_once": all(r["exactly_once"] for r in f_runs),
                "feed_shares_last_run": f_runs[-1]["shares"]}
            print(f"{engine} x{procs}: {result[key]}", file=sys.stderr, flush=True)
        if articles:
            result["commands"] = command_run(url, articles, queries, runs)
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=30)
        if cluster is not None:
            cluster.stop()
    base_a, base_f = result["sqlite_1"]["alerts_per_s"], result["sqlite_1"]["feeds_per_s"]
    for engine, procs in SETUPS[1:]:
        row = result[f"{engine}_{procs}"]
        row["alerts_vs_sqlite"] = round(row["alerts_per_s"] / base_a, 2) if base_a else None
        row["feeds_vs_sqlite"] = round(row["feeds_per_s"] / base_f, 2) if base_f else None
    result["exactly_once"] = all(result[f"{e}_{p}"]["alerts_exactly_once"]
                                 and result[f"{e}_{p}"]["feeds_exactly_once"]
                                 for e, p in SETUPS)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=2, metavar=("ENGINE", "WHERE"), help=argparse.SUPPRESS)
    ap.add_argument("--feed-child", nargs=3, metavar=("ENGINE", "WHERE", "BASE"),
                    help=argparse.SUPPRESS)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="300 alerts, 30 feeds (a smoke run)")
    ap.add_argument("--alerts", type=int, help="alerts per run (3000; 300 with --quick)")
    ap.add_argument("--channels", type=int, default=30)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--feeds", type=int, help="feeds per run (300; 30 with --quick)")
    ap.add_argument("--concurrency", type=int, default=20, help="polls at a time per process")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pg", help="a PostgreSQL URL (default: a throwaway cluster)")
    ap.add_argument("--articles", type=int, default=0,
                    help="also time the commands on a store of this many synthetic articles "
                         "on both engines (0: not measured)")
    ap.add_argument("--queries", type=int, default=200, help="samples per command")
    args = ap.parse_args()
    if args.serve:
        serve_feeds()
        return
    if args.child:
        asyncio.run(child(args.child[0], args.child[1], args.latency))
        return
    if args.feed_child:
        engine, where, base = args.feed_child
        asyncio.run(feed_child(engine, where, base, args.feeds, args.concurrency))
        return
    print(json.dumps(run(args.quick, args.runs, args.pg, args.alerts, args.channels,
                         args.latency, args.feeds, args.concurrency, args.articles,
                         args.queries), indent=2))


if __name__ == "__main__":
    main()
