"""Outbox throughput by engine and process count: `python -m bench.perf.pg_outbox`.

N alerts over C channels are drained by the delivery worker (bot/delivery/worker.py) in 1, 2 and 3
child processes on one PostgreSQL, beside 1 process on SQLite, in the same run. The sender
answers after `--latency` seconds (a platform's round trip; 0 measures the store alone).
Prints one JSON object: alerts/s per setup (median of `--runs`), and whether each alert was
sent exactly once. PostgreSQL: `--pg URL` (a role that may CREATE DATABASE), else a
throwaway cluster as the tests start one (tests/pgsupport.py).

This is the outbox part of issue 14's `pg_workers` benchmark; feeds/s is not measured yet.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
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
        [sys.executable, "-m", "bench.perf.pg_outbox", "--child", engine, where,
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=2, metavar=("ENGINE", "WHERE"), help=argparse.SUPPRESS)
    ap.add_argument("--alerts", type=int, default=3000)
    ap.add_argument("--channels", type=int, default=30)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pg", help="a PostgreSQL URL (default: a throwaway cluster)")
    args = ap.parse_args()
    if args.child:
        asyncio.run(child(args.child[0], args.child[1], args.latency))
        return
    cluster = None
    url = args.pg or os.environ.get("POLICYWIRE_TEST_PG_URL")
    if not url:
        sys.path.insert(0, str(REPO))
        from tests.pgsupport import Cluster, find_bindir

        bindir = find_bindir()
        if bindir is None:
            sys.exit("no PostgreSQL: give --pg URL or install postgresql-15")
        cluster = Cluster(bindir).start()
        url = cluster.url
    result: dict[str, Any] = {"alerts": args.alerts, "channels": args.channels,
                              "latency_s": args.latency, "runs": args.runs,
                              "loadavg_at_start": os.getloadavg()[0]}
    try:
        setups = [("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 3)]
        for engine, procs in setups:
            runs = []
            for _ in range(args.runs):
                if engine == "sqlite":
                    tmp = tempfile.mkdtemp(prefix="pw-bench-")
                    where = str(Path(tmp) / "outbox.db")
                else:
                    name = f"pw_bench_{uuid.uuid4().hex[:8]}"
                    asyncio.run(_admin(url, f'CREATE DATABASE "{name}"'))
                    where = url.rsplit("/", 1)[0] + f"/{name}"
                runs.append(one_run(engine, where, procs, args.alerts, args.channels,
                                    args.latency))
            result[f"{engine}_{procs}"] = {
                "alerts_per_s": round(statistics.median(r["alerts_per_s"] for r in runs), 1),
                "exactly_once": all(r["exactly_once"] for r in runs),
                "shares_last_run": runs[-1]["shares"]}
            print(f"{engine} x{procs}: {result[f'{engine}_{procs}']}", file=sys.stderr)
    finally:
        if cluster is not None:
            cluster.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
