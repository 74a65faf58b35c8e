"""Runner glue for feeds_poll.py (which prints text): its server and clients, N times, medians.

Reuses `feeds_poll.serve` and the `feeds_poll.py --client MODE` subprocesses unchanged; only the
repetition and the JSON result are added here. Each client runs in its own process, so each peak
RSS is that client's own.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import Any

from bench.perf import feeds_poll
from bench.perf.stats import log, median


async def _client(mode: str, base: str, count: int, concurrency: int) -> dict[str, float]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, feeds_poll.__file__, "--client", mode, "--base", base,
        "--count", str(count), "--concurrency", str(concurrency), stdout=subprocess.PIPE)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=600)
    return json.loads(out)


async def _runs(runs: int, count: int, concurrency: int) -> dict[str, list[dict[str, float]]]:
    runner, base = await feeds_poll.serve()
    got: dict[str, list[dict[str, float]]] = {"bare": [], "ours": [], "poller": []}
    try:
        for r in range(runs):
            for mode in got:  # alternate, so drift hits every side alike
                got[mode].append(await _client(mode, base, count, concurrency))
            log(f"[feeds_poll] run {r + 1}/{runs}: ours {got['ours'][-1]['feeds_per_s']:.0f}"
                f" feeds/s, bare {got['bare'][-1]['feeds_per_s']:.0f} feeds/s")
    finally:
        await runner.cleanup()
    return got


def run(quick: bool = False, runs: int = 3, count: int | None = None,
        concurrency: int = 50) -> dict[str, Any]:
    """Poll `count` feeds (10,000; 2,000 with --quick) `runs` times each way; medians."""
    count = count or (2_000 if quick else 10_000)
    got = asyncio.run(_runs(runs, count, concurrency))
    out: dict[str, Any] = {"feeds": count, "concurrency": concurrency, "runs": runs,
                           "mix": "75% 200 RSS, 15% 304, 7% 500, 3% slow (0.2 s)"}
    for mode, rows in got.items():
        out[mode] = {k: round(median([r[k] for r in rows]), 2)
                     for k in ("feeds_per_s", "seconds", "peak_rss_mib", "items")}
    out["ratio_feeds_per_s"] = round(out["ours"]["feeds_per_s"] / out["bare"]["feeds_per_s"], 3)
    out["ratio_poller_feeds_per_s"] = round(
        out["poller"]["feeds_per_s"] / out["bare"]["feeds_per_s"], 3)
    out["command"] = f"python -m bench.perf.feeds_poll --count {count} --concurrency {concurrency}"
    return out
