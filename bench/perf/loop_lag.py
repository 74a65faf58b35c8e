"""Event-loop lag while a burst of new feed items is polled, understood and stored.

Usage: python -m bench.perf.loop_lag [--items 200] [--executor process|thread] [--tick 0.005]
A loopback server publishes one feed; the first poll is the silent baseline (empty), the second
brings `--items` new articles. A ticker task sleeps `--tick` seconds in a loop and records how
late it wakes: the lag of every other coroutine (commands, deliveries) during the burst.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.app import build  # noqa: E402
from bot.config_loader import load_config  # noqa: E402
from bot.feeds.fetcher import Fetcher  # noqa: E402
from bot.feeds.parser import parse_feed_async  # noqa: E402
from bot.ingest.polling import FeedPoller  # noqa: E402
from bot.settings import ChannelConfig, FeedConfig, FetchConfig  # noqa: E402

_SYL = ("ka", "lo", "mi", "ru", "te", "san", "vor", "pel", "dun", "qui", "zor", "bex")


def _item(i: int, now: datetime) -> str:
    rng = random.Random(i)
    words = " ".join("".join(rng.choice(_SYL) for _ in range(3)) for _ in range(120))
    text = (f"The central bank of Region{i} said its crypto regulator will license stablecoin "
            f"issuers under a new licensing framework. {words}.")
    when = (now - timedelta(minutes=i)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    return (f"<item><title>Regulator move {i}</title><link>https://bench.example/{i}</link>"
            f"<guid>b{i}</guid><pubDate>{when}</pubDate><description>{text}</description></item>")


def _rss(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Bench wire</title>'
            + "".join(items) + "</channel></rss>")


async def run(n: int, executor: str, tick: float) -> dict[str, float]:
    now = datetime.now(UTC)
    body = {"xml": _rss([])}

    async def feed(_: web.Request) -> web.Response:
        return web.Response(text=body["xml"], content_type="application/rss+xml")

    server = web.Application()
    server.router.add_get("/feed", feed)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    url = f"http://{host}:{port}/feed"

    config = load_config(ROOT / "config" / "policywire.yaml")
    config = config.model_copy(update={"channels": [
        ChannelConfig(platform="console", id="console", topics=config.topic_names())]})
    fetch = FetchConfig(allow_loopback=True)
    feeds = [FeedConfig(url=url)]
    with tempfile.TemporaryDirectory() as tmp:
        app = await build(config, config_path=ROOT / "config" / "policywire.yaml",
                               db_path=Path(tmp) / "bench.db", env={}, executor=executor)
        nlp_seconds = [0.0]
        analyze = app.nlp.analyze

        async def timed(*args: object, **kw: object) -> object:
            t0 = time.perf_counter()
            try:
                return await analyze(*args, **kw)  # type: ignore[arg-type]
            finally:
                nlp_seconds[0] += time.perf_counter() - t0

        app.nlp.analyze = timed  # type: ignore[method-assign]
        async with Fetcher(fetch) as fetcher:
            async def notify(_: str) -> None:
                return None

            poller = FeedPoller(app.store, fetcher, parse_feed_async, app.ingest,
                                lambda: feeds, fetch, notify, events=app.alerts)
            await poller.poll(feeds[0])  # empty baseline
            body["xml"] = _rss([_item(i, now) for i in range(n)])
            lags: list[float] = []
            loop = asyncio.get_running_loop()

            async def ticker() -> None:
                while True:
                    start = loop.time()
                    await asyncio.sleep(tick)
                    lags.append(loop.time() - start - tick)

            task = asyncio.create_task(ticker())
            t0 = time.perf_counter()
            report = await poller.poll(feeds[0])
            elapsed = time.perf_counter() - t0
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await app.close()
    await runner.cleanup()
    lags.sort()
    return {
        "items": n, "new": report.new, "executor": executor, "seconds": round(elapsed, 2),
        "articles_per_s": round(report.new / elapsed, 1),
        "nlp_seconds": round(nlp_seconds[0], 2),
        "lag_max_ms": round(lags[-1] * 1000, 1),
        "lag_p99_ms": round(lags[int(len(lags) * 0.99) - 1] * 1000, 1),
        "lag_median_ms": round(statistics.median(lags) * 1000, 2),
        "samples": len(lags),
    }


def main() -> None:
    """Run the benchmark and print one JSON line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--items", type=int, default=200)
    p.add_argument("--executor", choices=["process", "thread"], default="process")
    p.add_argument("--tick", type=float, default=0.005)
    args = p.parse_args()
    print(json.dumps(asyncio.run(run(args.items, args.executor, args.tick))))


if __name__ == "__main__":
    main()
