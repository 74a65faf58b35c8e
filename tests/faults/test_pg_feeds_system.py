"""Three `policywire run` processes on one PostgreSQL share 20 feeds due every minute (the
shortest interval the config allows): over two intervals each feed is fetched once per
interval, although one process is SIGKILLed after the first; none is fetched twice in an
interval and none is left more than a quarter interval late."""

from __future__ import annotations

import asyncio
import itertools
import signal
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from aiohttp import web

from tests.faults.support import STARTED_LOG, LogWatch, bot_env, reap, start_run

FEEDS = 20
INTERVAL = 60.0
CONFIG = """
server:
  enabled: false
seeds:
  ingest_on_start: false
schedule:
  jitter: 2
fetch:
  allow_loopback: true
feeds:
"""
FEED = """  - url: {url}
    interval: 60
    backfill: 0
"""


def rss(n: int) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {n}</title>"
            f"<link>https://feeds.example/{n}</link><description>d</description>"
            f"<item><title>Item {n}</title><link>https://feeds.example/{n}/1</link>"
            f"<guid>f{n}-1</guid></item></channel></rss>").encode()


class CountingFeeds:
    """A loopback server of FEEDS feeds that notes when each was fetched."""

    def __init__(self) -> None:
        self.fetched: dict[str, list[float]] = defaultdict(list)
        self.runner: web.AppRunner | None = None
        self.base = ""

    async def feed(self, request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        self.fetched[f"/feed/{n}"].append(time.monotonic())
        return web.Response(body=rss(n), content_type="application/rss+xml")

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}", self.feed)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = self.runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    def each_fetched(self, times: int) -> bool:
        return len(self.fetched) == FEEDS and all(len(v) >= times for v in self.fetched.values())


async def until(check: Callable[[], bool], timeout: float) -> None:
    """Poll `check` until it holds or `timeout` passes (the caller asserts what it needs)."""
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_20_feeds_3_processes_each_fetched_once_per_interval_through_a_kill(
        repo_root: Path, tmp_path: Path, pg_dsn: str) -> None:
    server = CountingFeeds()
    await server.start()
    config = tmp_path / "policywire.yaml"
    config.write_text(CONFIG + "".join(FEED.format(url=f"{server.base}/feed/{n}")
                                       for n in range(FEEDS)))
    env = bot_env(POLICYWIRE_LOG_LEVEL="INFO", POLICYWIRE_DATABASE_URL=pg_dsn)
    procs: list[tuple[asyncio.subprocess.Process, LogWatch]] = []
    try:
        for _ in range(3):
            procs.append(await start_run(repo_root, config, env, keep_stdin=True))
        for _, watch in procs:
            await watch.wait_for(STARTED_LOG, timeout=60)

        await until(lambda: server.each_fetched(1), 30)
        assert server.each_fetched(1), (f"{len(server.fetched)} of {FEEDS} fetched at first: "
                                        + "".join(procs[0][1].lines)[-3000:])
        proc, watch = procs[0]
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        await watch.close()

        # The second interval: due 60 s after each first fetch, checked every 15 s.
        await until(lambda: server.each_fetched(2), INTERVAL * 1.25 + 20)
        await asyncio.sleep(3)  # room for a stray double fetch to show
        for p, w in procs[1:]:
            assert p.returncode is None, "".join(w.lines)[-2000:]
        for path, ats in sorted(server.fetched.items()):
            gaps = [b - a for a, b in itertools.pairwise(ats)]
            assert len(ats) == 2, (path, gaps)
            # never twice in an interval; the slack is for a loaded machine delaying a fetch
            # after its claim, and for the quarter-interval check period
            assert INTERVAL - 5 < gaps[0] < INTERVAL * 1.25 + 10, (path, gaps)
    finally:
        await reap(procs)
        await server.stop()
