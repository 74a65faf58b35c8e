"""What running parses in the sandbox costs: one job in a limited child process vs in-process.

Usage: python -m bench.perf.sandbox_cost [--jobs 200]

For a 20-item RSS feed (the feeds_poll one), a 500-item feed and a 30 KB article page, it times
`parse_feed` / `extract_article` called directly and the same call through
`Sandbox.run` (fork from the warm helper, set the limits, run, send the result back), sequentially,
and prints one JSON object of medians in milliseconds. The difference is the price of being
able to stop a parse for real.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _ms(fn: Callable[[], Any], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main(jobs: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from bench.perf.feeds_poll import FEED, ITEM
    from bot.feeds.extract import extract_article
    from bot.feeds.parser import parse_feed
    from bot.feeds.sandbox import JobLimits, Sandbox

    big = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>'
           + "".join(ITEM.format(n=n) for n in range(500)).encode() + b"</channel></rss>")
    page = ("<html><head><title>Page</title></head><body><article>"
            + "<p>The ministry set out the licensing rules for exchanges and custodians.</p>" * 400
            + "</article></body></html>").encode()
    cases = {"feed_20_items": (parse_feed, FEED, {"url": "https://b.example/f"}),
             "feed_500_items": (parse_feed, big, {"url": "https://b.example/f"}),
             "page_30kb": (extract_article, page, {"url": "https://b.example/p"})}
    box, limits = Sandbox(workers=1), JobLimits()
    out: dict[str, Any] = {"jobs": jobs, "unit": "ms per job (median)"}
    try:
        for name, (fn, body, kw) in cases.items():
            box.run(limits, name, fn, body, **kw)  # start and warm the helper
            inline = _ms(lambda fn=fn, body=body, kw=kw: fn(body, **kw), jobs)
            boxed = _ms(lambda fn=fn, body=body, kw=kw, name=name: box.run(
                limits, name, fn, body, **kw), jobs)
            out[name] = {"in_process": inline, "sandboxed": boxed,
                         "overhead": round(boxed - inline, 2)}
    finally:
        box.close()
    out["command"] = f"python -m bench.perf.sandbox_cost --jobs {jobs}"
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=200)
    print(json.dumps(main(ap.parse_args().jobs), indent=2))
