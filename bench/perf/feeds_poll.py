"""Poll N feed URLs from a loopback server, beside a bare GET loop over the same URLs.

Usage: python -m bench.perf.feeds_poll [--count 10000] [--concurrency 50]
Modes: `bare` (aiohttp GET + read), `ours` (the one Fetcher + parse_feed_async), `poller` (the
whole FeedPoller of a real Runtime on a temporary SQLite file: fetch, guard, parse, dedup keys,
feed state and the silent first-poll baseline of every item written to the store; no NLP,
since a first poll ingests nothing). The server runs in this process; each client mode runs in
its own subprocess so its peak RSS is its own. The URL mix: 75% 200 with a small RSS feed, 15%
304 (ETag sent; the poller has no ETag on a first poll, so it gets 200), 7% 500, 3% slow (0.2 s).
All URLs are on one host, so the per-host limit is raised to the concurrency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
ETAG = '"bench"'
ITEM = (
    "<item><title>Story {n}</title><link>https://bench.example/{n}</link><guid>g{n}</guid>"
    "<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><description>Policy text {n}.</description>"
    "</item>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
    + "".join(ITEM.format(n=n) for n in range(20))
    + "</channel></rss>"
).encode()


def kind(i: int) -> str:
    """The response kind of URL number i."""
    r = i % 100
    return "ok" if r < 75 else "etag" if r < 90 else "error" if r < 97 else "slow"


async def serve() -> tuple[web.AppRunner, str]:
    async def handler(request: web.Request) -> web.Response:
        k = kind(int(request.match_info["i"]))
        if k == "error":
            return web.Response(status=500)
        if k == "slow":
            await asyncio.sleep(0.2)
        if k == "etag" and request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=FEED, content_type="application/rss+xml", headers={"ETag": ETAG})

    app = web.Application()
    app.router.add_get("/f/{i:\\d+}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


async def client(mode: str, base: str, count: int, concurrency: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from bot.domain.errors import FeedError
    from bot.feeds.fetcher import Fetcher
    from bot.feeds.parser import parse_feed_async
    from bot.settings import FetchConfig

    sem = asyncio.Semaphore(concurrency)
    items = 0

    async def ours(f: Fetcher, i: int) -> None:
        nonlocal items
        etag = ETAG if kind(i) == "etag" else None
        async with sem:
            try:
                res = await f.fetch(f"{base}/f/{i}", etag=etag)
                if not res.not_modified:
                    feed = await parse_feed_async(res.body, url=res.final_url,
                                                  response_headers=res.headers)
                    items += len(feed.items)
            except FeedError:
                pass

    async def bare(s: aiohttp.ClientSession, i: int) -> None:
        headers = {"If-None-Match": ETAG} if kind(i) == "etag" else {}
        async with sem, s.get(f"{base}/f/{i}", headers=headers) as resp:
            await resp.read()

    start = time.perf_counter()
    if mode == "poller":
        items = await _poller(base, count, concurrency, sem)
    elif mode == "ours":
        cfg = FetchConfig(allow_loopback=True, concurrency=concurrency, per_host=concurrency)
        async with Fetcher(cfg) as f:
            await asyncio.gather(*(ours(f, i) for i in range(count)))
    else:
        conn = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=conn) as s:
            await asyncio.gather(*(bare(s, i) for i in range(count)))
    elapsed = time.perf_counter() - start
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": elapsed, "feeds_per_s": count / elapsed, "peak_rss_mib": rss_mib,
            "items": items}


async def _poller(base: str, count: int, n: int, sem: asyncio.Semaphore) -> int:
    """First polls of `count` new feeds through a real Runtime's FeedPoller (`n` at a time);
    returns how many items were recorded."""
    import logging
    import tempfile

    from bot.app import build
    from bot.config_loader import load_config
    from bot.settings import FeedConfig

    config_path = ROOT / "config" / "policywire.yaml"
    config = load_config(config_path)
    logging.disable(logging.WARNING)  # the 7 % failing feeds would log one line each
    config = config.model_copy(update={"fetch": config.fetch.model_copy(update={
        "allow_loopback": True, "concurrency": n, "per_host": n})})
    with tempfile.TemporaryDirectory(prefix="pw-feeds-") as tmp:
        app = await build(config, config_path=config_path, db_path=Path(tmp) / "feeds.db",
                          env={}, executor="thread")
        try:
            await app.start_feeds()  # the fetcher session and the story clusters
            poller = app.poller

            async def one(i: int) -> int:
                async with sem:
                    report = await poller.poll(FeedConfig(url=f"{base}/f/{i}"))
                    return report.baseline

            return sum(await asyncio.gather(*(one(i) for i in range(count))))
        finally:
            await app.close()


async def main(count: int, concurrency: int) -> None:
    runner, base = await serve()
    results = {}
    try:
        for mode in ("bare", "ours", "poller"):
            proc = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--client", mode, "--base", base,
                "--count", str(count), "--concurrency", str(concurrency),
                stdout=subprocess.PIPE,
            )
            out, _ = await asyncio.wait_for(proc.communicate(), timeout=600)
            results[mode] = json.loads(out)
    finally:
        await runner.cleanup()
    for mode, r in results.items():
        print(f"{mode:5s}: {r['feeds_per_s']:8.1f} feeds/s  {r['seconds']:6.1f} s  "
              f"peak RSS {r['peak_rss_mib']:.0f} MiB  items {r['items']}")
    ratio = results["ours"]["feeds_per_s"] / results["bare"]["feeds_per_s"]
    print(f"ratio (ours / bare GET): {ratio:.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--client", choices=["ours", "bare", "poller"])
    ap.add_argument("--base")
    a = ap.parse_args()
    if a.client:
        print(json.dumps(asyncio.run(client(a.client, a.base, a.count, a.concurrency))))
    else:
        asyncio.run(main(min(a.count, 10_000), a.concurrency))
