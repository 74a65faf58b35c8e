"""Feed polling on real bodies against fair baselines: first polls, and the steady state.

Usage: python -m bench.perf.feeds_steady [--count 1000] [--concurrency 50] [--runs 3]

The feed server runs in its own process and serves the well-formed RSS/Atom files of
../shared/data/feeds-feedjira (URL i gets file i mod n): `/same/{i}` answers 200 with the body and
no validators every time; `/etag/{i}` answers 200 with an ETag, then 304 to a matching
If-None-Match. No slow or failing URLs, so every side gets the same mix. Each client runs in its
own process (its peak memory is its own VmHWM) and reports wall time, feeds/s and its own CPU
ms per feed (the parse sandbox's children are not in it, which is why feeds/s is the measure):

- `bare`: an aiohttp GET loop reading every body of `/same/i`;
- `bare_parse`: the same, plus `feedparser.parse` with the adopted `FEEDPARSER_OPTIONS` in a
  thread: the fair baseline of a poll whose body changed;
- `poller_first`: the whole FeedPoller of a real runtime in a temp SQLite file, first polls of
  `/same/i` (every item recorded as the silent baseline);
- `bare_steady`, `fetcher_steady` and `poller_steady`: the steady state over half `/etag/i`
  (304s) and half `/same/i` (200s with the body of the last poll): bare and PolicyWire's
  `Fetcher` alone send the ETag they were given; the poller
  first polls every feed (not timed), then the timed part polls them all again `--passes`
  times (5), so the cheap steady polls are timed over enough requests.

Every mode is run with the literal `127.0.0.1` and with the host name `localhost` (the fetcher
looks names up through its resolver cache; bare aiohttp through its own DNS cache). Modes
alternate within each run; medians of the runs are reported with the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.perf.stats import DATA_DIR, log, median, peak_rss_mib  # noqa: E402

MODES = ("bare", "bare_parse", "poller_first", "bare_steady", "fetcher_steady",
         "poller_steady")
HOSTS = ("127.0.0.1", "localhost")


def bodies(data: Path = DATA_DIR) -> list[bytes]:
    """The well-formed RSS/Atom/RDF files of feeds-feedjira, in manifest order."""
    manifest = data / "feeds-feedjira" / "manifest.jsonl"
    if not manifest.exists():
        return []
    out = []
    for line in manifest.read_text().splitlines():
        row = json.loads(line)
        if row["well_formed"] and row["format"] not in ("html", "opml", "jsonfeed"):
            out.append((data / "feeds-feedjira" / row["file"]).read_bytes())
    return out


def serve_forever() -> None:
    """The feed server process: prints its port, serves until stdin closes."""
    from aiohttp import web

    files = bodies()

    async def same(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        return web.Response(body=files[i % len(files)], content_type="application/rss+xml")

    async def etag(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        tag = f'"b{i % len(files)}"'
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers={"ETag": tag})
        return web.Response(body=files[i % len(files)], content_type="application/rss+xml",
                            headers={"ETag": tag})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/same/{i:\\d+}", same)
        app.router.add_get("/etag/{i:\\d+}", etag)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        print(runner.addresses[0][1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await runner.cleanup()

    asyncio.run(main())


def steady_path(i: int) -> str:
    """Half the steady-state feeds answer 304, half the same body again."""
    return f"/etag/{i}" if i % 2 else f"/same/{i}"


async def client(mode: str, base: str, count: int, concurrency: int,
                 passes: int = 1) -> dict[str, float]:
    """One timed pass of `mode`; returns its measures."""
    import aiohttp
    import feedparser

    from bot.feeds.parser import FEEDPARSER_OPTIONS

    sem = asyncio.Semaphore(concurrency)
    items = 0
    etags: dict[int, str] = {}

    async def bare(s: aiohttp.ClientSession, i: int, parse: bool, steady: bool) -> None:
        nonlocal items
        path = steady_path(i) if steady else f"/same/{i}"
        headers = {"If-None-Match": etags[i]} if i in etags else {}
        async with sem:
            async with s.get(base + path, headers=headers) as resp:
                body = await resp.read()
                if steady and resp.headers.get("ETag") and not etags.get(i):
                    etags[i] = resp.headers["ETag"]
            if parse and resp.status == 200:
                d = await asyncio.to_thread(feedparser.parse, body, **FEEDPARSER_OPTIONS)
                items += len(d.entries)

    steady = mode.endswith("_steady")
    passes = passes if steady else 1
    if mode.startswith("poller"):
        return await _poller(mode, base, count, concurrency, sem, passes)
    if mode == "fetcher_steady":
        return await _fetcher(base, count, concurrency, sem, passes)
    conn = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=conn) as s:
        if mode == "bare_steady":  # learn the ETags first, as the poller's first polls do
            await asyncio.gather(*(bare(s, i, False, True) for i in range(count)))
        cpu, start = time.process_time(), time.perf_counter()
        for _ in range(passes):
            await asyncio.gather(*(bare(s, i, mode == "bare_parse", steady)
                                   for i in range(count)))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    polls = count * passes
    return {"seconds": elapsed, "feeds_per_s": polls / elapsed,
            "cpu_ms_per_feed": cpu * 1000 / polls, "peak_rss_mib": peak_rss_mib(),
            "items": items}


async def _poller(mode: str, base: str, count: int, n: int, sem: asyncio.Semaphore,
                  passes: int) -> dict[str, float]:
    import logging
    import tempfile

    from bot.app import build
    from bot.config_loader import load_config
    from bot.settings import FeedConfig

    config_path = ROOT / "config" / "policywire.yaml"
    config = load_config(config_path)
    logging.disable(logging.WARNING)
    config = config.model_copy(update={"fetch": config.fetch.model_copy(update={
        "allow_loopback": True, "concurrency": n, "per_host": n})})
    steady = mode == "poller_steady"
    feeds = [FeedConfig(url=base + (steady_path(i) if steady else f"/same/{i}"))
             for i in range(count)]
    with tempfile.TemporaryDirectory(prefix="pw-steady-") as tmp:
        app = await build(config, config_path=config_path, db_path=Path(tmp) / "feeds.db",
                          env={}, executor="thread")
        try:
            await app.start_feeds()  # the fetcher session and the story clusters
            poller = app.poller

            async def one(feed: FeedConfig) -> tuple[int, str]:
                async with sem:
                    r = await poller.poll(feed)
                    kind = ("error" if r.error else "304" if r.not_modified else
                            "same" if getattr(r, "same_body", False) else "200")
                    return r.baseline, kind

            if steady:
                await asyncio.gather(*(one(f) for f in feeds))
            cpu, start = time.process_time(), time.perf_counter()
            got = []
            for _ in range(passes):
                got += await asyncio.gather(*(one(f) for f in feeds))
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            await app.close()
    kinds, polls = [k for _, k in got], len(got)
    return {"seconds": elapsed, "feeds_per_s": polls / elapsed,
            "cpu_ms_per_feed": cpu * 1000 / polls, "peak_rss_mib": peak_rss_mib(),
            "items": sum(b for b, _ in got), "errors": kinds.count("error"),
            "answered_304": kinds.count("304"), "same_body": kinds.count("same")}


async def _fetcher(base: str, count: int, n: int, sem: asyncio.Semaphore,
                   passes: int) -> dict[str, float]:
    """The steady mix through PolicyWire's `Fetcher` alone (guard, slots, timeout, capped
    read), with the ETags it was given: what the poller adds is the rest."""
    from bot.config_loader import load_config
    from bot.feeds.fetcher import Fetcher

    cfg = load_config(ROOT / "config" / "policywire.yaml").fetch.model_copy(update={
        "allow_loopback": True, "concurrency": n, "per_host": n})
    etags: dict[int, str] = {}

    async def one(f: Fetcher, i: int) -> None:
        async with sem:
            res = await f.fetch(base + steady_path(i), etag=etags.get(i))
            if res.etag:
                etags[i] = res.etag

    async with Fetcher(cfg) as f:
        await asyncio.gather(*(one(f, i) for i in range(count)))  # learn the ETags first
        cpu, start = time.process_time(), time.perf_counter()
        for _ in range(passes):
            await asyncio.gather(*(one(f, i) for i in range(count)))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    polls = count * passes
    return {"seconds": elapsed, "feeds_per_s": polls / elapsed,
            "cpu_ms_per_feed": cpu * 1000 / polls, "peak_rss_mib": peak_rss_mib(), "items": 0}


def _client(mode: str, base: str, count: int, concurrency: int,
            passes: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.perf.feeds_steady", "--client", mode, "--base", base,
         "--count", str(count), "--concurrency", str(concurrency), "--passes", str(passes)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, timeout=1800, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False, runs: int = 3, count: int | None = None,
        concurrency: int = 50, passes: int = 5) -> dict[str, Any]:
    """`runs` alternated runs of every mode on both host forms; medians and ratios."""
    if not bodies():
        return {"skipped": f"no feeds-feedjira corpus under {DATA_DIR}"}
    count = count or (200 if quick else 500)
    server = subprocess.Popen([sys.executable, "-m", "bench.perf.feeds_steady", "--serve"],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    got: dict[str, list[dict[str, float]]] = {f"{m}@{h}": [] for h in HOSTS for m in MODES}
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        for r in range(runs):
            for key in got:
                mode, host = key.split("@")
                got[key].append(_client(mode, f"http://{host}:{port}", count, concurrency,
                                        passes))
            log(f"[feeds_steady] run {r + 1}/{runs}: " + ", ".join(
                f"{k} {v[-1]['feeds_per_s']:.0f}/s" for k, v in got.items()))
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=30)
    out: dict[str, Any] = {"feeds": count, "concurrency": concurrency, "runs": runs,
                           "steady_passes": passes,
                           "bodies": len(bodies()),
                           "body_kib_mean": round(sum(map(len, bodies())) / len(bodies()) / 1024,
                                                  1)}
    for key, rows in got.items():
        out[key] = {k: round(median([row[k] for row in rows]), 2) for k in rows[0]}
        out[key]["feeds_per_s_runs"] = [round(row["feeds_per_s"], 1) for row in rows]
    for host in HOSTS:
        def fps(mode: str, host: str = host) -> float:
            return float(out[f"{mode}@{host}"]["feeds_per_s"])
        out[f"ratio_first_vs_bare_parse@{host}"] = round(fps("poller_first") / fps("bare_parse"),
                                                         3)
        out[f"ratio_first_vs_bare@{host}"] = round(fps("poller_first") / fps("bare"), 3)
        out[f"ratio_bare_parse_vs_bare@{host}"] = round(fps("bare_parse") / fps("bare"), 3)
        out[f"ratio_steady_vs_bare_steady@{host}"] = round(
            fps("poller_steady") / fps("bare_steady"), 3)
        out[f"ratio_fetcher_vs_bare_steady@{host}"] = round(
            fps("fetcher_steady") / fps("bare_steady"), 3)
    out["command"] = (f"python -m bench.perf.feeds_steady --count {count} "
                      f"--concurrency {concurrency} --runs {runs} --passes {passes}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--passes", type=int, default=5, help="timed passes of the steady modes")
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--client", choices=MODES)
    ap.add_argument("--base")
    ap.add_argument("--serve", action="store_true")
    a = ap.parse_args()
    if a.serve:
        serve_forever()
    elif a.client:
        print(json.dumps(asyncio.run(client(a.client, a.base, a.count, a.concurrency,
                                            a.passes))))
    else:
        print(json.dumps(run(runs=a.runs, count=a.count, concurrency=a.concurrency,
                             passes=a.passes)))


if __name__ == "__main__":
    main()
