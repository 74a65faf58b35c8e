"""`python -m bench.perf.parse_options [--runs N]`: `parse_feed` ms per feed file on the corpus.

Parses every feed file of ../shared/data (feedparser-tests, feeds-feedjira) with the adopted
`FEEDPARSER_OPTIONS` and with `LEGACY_FEEDPARSER_OPTIONS` (feedparser's defaults, used before)
in the same process, alternating per run, and prints one JSON line: process-CPU ms per file for
each (median of the runs) and their ratio. Refused files (entity declarations, HTML, OPML) count
too, as they cost a poll as well.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.perf.stats import DATA_DIR, median
from bot.domain.errors import FeedError
from bot.feeds.parser import FEEDPARSER_OPTIONS, LEGACY_FEEDPARSER_OPTIONS, parse_feed

FOLDERS = ("feedparser-tests", "feeds-feedjira")


def corpus(data: Path = DATA_DIR) -> list[tuple[str, bytes]]:
    """(URL, body) of every feed file of the corpus folders, manifests left out."""
    files = sorted(p for f in FOLDERS if (data / f).is_dir()
                   for p in (data / f).rglob("*") if p.is_file() and p.suffix != ".jsonl")
    return [(f"http://feeds.example.org/{p.relative_to(data)}", p.read_bytes()) for p in files]


def cpu_ms_per_file(files: list[tuple[str, bytes]], options: Mapping[str, bool]) -> float:
    """Process-CPU milliseconds per file for one pass over `files`."""
    start = time.process_time()
    for url, body in files:
        with contextlib.suppress(FeedError):
            parse_feed(body, url=url, feedparser_options=options)
    return (time.process_time() - start) * 1000 / len(files)


def run(runs: int = 3, data: Path = DATA_DIR) -> dict[str, Any]:
    """Median ms/file of each setting over `runs` alternated passes."""
    files = corpus(data)
    if not files:
        return {"skipped": f"no feed corpus under {data}"}
    new: list[float] = []
    old: list[float] = []
    for _ in range(runs):
        old.append(cpu_ms_per_file(files, LEGACY_FEEDPARSER_OPTIONS))
        new.append(cpu_ms_per_file(files, FEEDPARSER_OPTIONS))
    out = {"files": len(files), "bytes_mean": round(sum(len(b) for _, b in files) / len(files)),
           "runs": runs, "adopted_ms_per_file": round(median(new), 2),
           "legacy_ms_per_file": round(median(old), 2),
           "adopted_runs": [round(v, 2) for v in new], "legacy_runs": [round(v, 2) for v in old]}
    out["speedup"] = round(out["legacy_ms_per_file"] / out["adopted_ms_per_file"], 2)
    out["command"] = f"python -m bench.perf.parse_options --runs {runs}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    print(json.dumps(run(ap.parse_args().runs)))


if __name__ == "__main__":
    main()
