"""`python -m bench.perf [--quick] [--runs N] [--only NAME ...] [--markdown] [--out PATH]`.

Runs every performance benchmark in turn (feed polling, event-loop lag, NLP speed, store
scale, scale-out on PostgreSQL), each against a baseline measured in the same run, takes the
median of N runs, prints a table and writes bench/results/perf.json (perf.quick.json with
--quick). Everything is local: loopback servers, temp SQLite files, a throwaway PostgreSQL
cluster (pg_workers; skipped without PostgreSQL), the installed spaCy model. Each benchmark
runs in child processes with a timeout, so its peak RSS is its own and a hung one cannot stall
the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.perf import report
from bench.perf.stats import DATA_DIR, REPO_ROOT, RESULTS_DIR, log, median, run_json

HERE = Path(__file__).resolve().parent


def _feeds(quick: bool, runs: int) -> dict[str, Any]:
    from bench.perf import feeds_bench

    return feeds_bench.run(quick=quick, runs=runs)


def _feeds_steady(quick: bool, runs: int) -> dict[str, Any]:
    from bench.perf import feeds_steady

    return feeds_steady.run(quick=quick, runs=runs)


def _parse_options(quick: bool, runs: int) -> dict[str, Any]:
    from bench.perf import parse_options

    return parse_options.run(runs=runs)


def _loop_lag(quick: bool, runs: int) -> dict[str, Any]:
    """bench/perf/loop_lag.py (one JSON line per run), median of each number over runs."""
    if not (HERE / "loop_lag.py").exists():
        return {"skipped": "bench/perf/loop_lag.py is not in this tree"}
    items = 50 if quick else 200
    got = []
    for r in range(runs):
        res = run_json("bench.perf.loop_lag", ["--items", str(items)], timeout=900)
        if "error" in res:
            return res
        got.append(res)
        log(f"[loop_lag] run {r + 1}/{runs}: lag max {res.get('lag_max_ms')} ms")
    out: dict[str, Any] = {k: v for k, v in got[0].items() if not _number(v)}
    for key, value in got[0].items():
        if _number(value):
            out[key] = round(median([g[key] for g in got if _number(g.get(key))]), 2)
    out["lag_max_ms_worst_run"] = max(g.get("lag_max_ms", 0) for g in got)
    out["runs"] = runs
    out["command"] = f"python -m bench.perf.loop_lag --items {items}"
    return out


def _nlp(quick: bool, runs: int) -> dict[str, Any]:
    from bench.perf import nlp_speed

    return nlp_speed.run(quick=quick, runs=runs)


SCALE_BUDGET_S = 1200.0  # build-time cap for store_scale under `make bench` (0: none)


def _store(quick: bool, runs: int, budget_s: float = SCALE_BUDGET_S,
           db: Path | None = None) -> dict[str, Any]:
    from bench.perf import store_scale

    return store_scale.run(quick=quick, runs=runs, budget_s=budget_s, db=db)


def _pg_workers(quick: bool, runs: int) -> dict[str, Any]:
    """Alerts/s and feeds/s on PostgreSQL x1/x2/x3 beside SQLite x1; skipped (with the
    reason) where no PostgreSQL is installed and POLICYWIRE_TEST_PG_URL names none."""
    from bench.perf import pg_workers

    return pg_workers.run(quick=quick, runs=runs)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


BENCHMARKS: dict[str, Callable[[bool, int], dict[str, Any]]] = {
    "feeds_poll": _feeds,
    "feeds_steady": _feeds_steady,
    "parse_options": _parse_options,
    "loop_lag": _loop_lag,
    "nlp_speed": _nlp,
    "store_scale": _store,
    "pg_workers": _pg_workers,
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks, print the table, write the JSON."""
    ap = argparse.ArgumentParser(prog="python -m bench.perf", description=__doc__)
    ap.add_argument("--quick", action="store_true",
                    help="smaller inputs (10,000-article store, 2,000 feeds, fewer texts)")
    ap.add_argument("--runs", type=int, default=3, help="runs per benchmark (median reported)")
    ap.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME",
                    help=f"run only these: {', '.join(BENCHMARKS)}")
    ap.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    ap.add_argument("--out", type=Path, help="JSON output path")
    ap.add_argument("--scale-budget", type=float, default=SCALE_BUDGET_S, metavar="SECONDS",
                    help="stop the store_scale build after this long (0: build all articles)")
    ap.add_argument("--scale-db", type=Path, metavar="PATH",
                    help="query this store (built by `python -m bench.perf.store_scale --phase "
                         "build --db PATH`) instead of building one")
    args = ap.parse_args(argv)
    benches = {**BENCHMARKS,
               "store_scale": lambda q, r: _store(q, r, max(0.0, args.scale_budget),
                                                  args.scale_db)}
    runs = max(1, min(args.runs, 10))
    out_path = args.out or RESULTS_DIR / ("perf.quick.json" if args.quick else "perf.json")
    argv_text = " ".join(argv if argv is not None else sys.argv[1:])
    results: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    for name in args.only or list(BENCHMARKS):
        log(f"[perf] {name} ...")
        t0 = time.perf_counter()
        try:
            results[name] = benches[name](args.quick, runs)
        except Exception as exc:  # one failing benchmark must not lose the others
            results[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        seconds[name] = round(time.perf_counter() - t0, 1)
        results[name]["_run"] = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": seconds[name], "runs": runs, "quick": args.quick,
            "runner": f"python -m bench.perf {argv_text}".rstrip()}
        log(f"[perf] {name} done in {seconds[name]} s")
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": f"python -m bench.perf {argv_text}".rstrip(),
        "quick": args.quick, "runs": runs,
        "python": platform.python_version(), "cpu_count": os.cpu_count(),
        "data_dir": str(DATA_DIR), "data_present": DATA_DIR.is_dir(),
        "repo": str(REPO_ROOT),
        "seconds": {**seconds, "total": round(time.perf_counter() - started, 1)},
    }
    kept = report.previous(out_path) if args.only else {}  # --only updates its entries
    report.write_json({**kept, "meta": meta, **results}, out_path)
    print(f"{meta['command']}  ({meta['date']}, median of {runs} run(s), "
          f"{meta['cpu_count']} CPUs, {meta['seconds']['total']} s)")
    shown = {**kept, **results}  # earlier entries of the file too, when --only was given
    print(report.table(shown))
    if args.markdown:
        print()
        print(report.table(shown, markdown=True))
    log(f"[perf] wrote {out_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
