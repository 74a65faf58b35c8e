"""`python -m bench.eval [--quick] [--only PART ...] [--out PATH]`: run the quality eval."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.eval import (
    DATA_DIR,
    RESULTS_DIR,
    SPACY_MODEL,
    entities,
    extraction,
    facts,
    figures,
    report,
    speed,
    summaries,
)

PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "summaries": summaries.run,
    "entities": entities.run,
    "figures": figures.run,
    "extraction": extraction.run,
    "facts": facts.run,
    "speed": speed.run,
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected parts, print the table and write the JSON results."""
    ap = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="sample each dataset for a fast check")
    ap.add_argument("--only", nargs="+", choices=list(PARTS), help="run only these parts")
    ap.add_argument("--out", type=Path, default=None, help="JSON output path")
    ap.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = ap.parse_args(argv)
    out_path = args.out or RESULTS_DIR / ("eval.quick.json" if args.quick else "eval.json")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result: dict[str, Any] = {}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for name in args.only or list(PARTS):
        t0 = time.perf_counter()
        log(f"[eval] {name} ...")
        result[name] = PARTS[name](quick=args.quick, log=log)
        timings[name] = round(time.perf_counter() - t0, 1)
        log(f"[eval] {name} done in {timings[name]} s")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    command = "python -m bench.eval" + (" " + " ".join(argv or sys.argv[1:])).rstrip()
    result["meta"] = {
        "date": now,
        "command": command,
        "quick": args.quick,
        "data_dir": str(DATA_DIR),
        "data_present": DATA_DIR.exists(),
        "spacy_model": SPACY_MODEL,
        "python": platform.python_version(),
        "seconds": {**timings, "total": round(time.perf_counter() - started, 1)},
        "dataset_counts": _counts(result),
        "summaries_split": "reported: FRANK split=='test' (+null); tuning: 'validation'",
        "quantulum3_classifier_loaded": (result.get("figures", {}).get("quantulum3_info") or {})
        .get("classifier_loaded"),
    }
    if args.only and out_path.exists():
        result = merge_partial(json.loads(out_path.read_text(encoding="utf-8")), result, now,
                               command)
    report.write_json(result, out_path)
    print(report.table(result))
    if args.markdown:
        print(report.table(result, markdown=True))
    log(f"[eval] wrote {out_path} in {round(time.perf_counter() - started, 1)} s")
    return 0


def merge_partial(previous: dict[str, Any], partial: dict[str, Any], date: str, command: str
                  ) -> dict[str, Any]:
    """An `--only` run folded into the previous results: its parts replace theirs, the rest is
    kept; meta stays that of the last full run, plus `updated` (part -> date, command, seconds)."""
    parts = [k for k in partial if k != "meta"]
    merged = {**previous, **{k: partial[k] for k in parts}}
    meta = dict(previous.get("meta") or partial["meta"])
    seconds = partial["meta"].get("seconds", {})
    meta["updated"] = {**(meta.get("updated") or {}), **{
        k: {"date": date, "command": command, "seconds": seconds.get(k)} for k in parts}}
    meta["dataset_counts"] = _counts(merged)
    if "figures" in parts:
        meta["quantulum3_classifier_loaded"] = partial["meta"].get("quantulum3_classifier_loaded")
    merged["meta"] = meta
    return merged


def _counts(result: dict[str, Any]) -> dict[str, Any]:
    s, e = result.get("summaries", {}), result.get("entities", {})
    return {
        "summaries": {src: {p: (s.get(src, {}).get(p) or {}).get("n") for p in ("test",
                                                                              "validation")}
                      for src in ("cnndm", "xsum")} if "cnndm" in s else None,
        "entities": e.get("counts"),
        "figures": result.get("figures", {}).get("counts"),
        "extraction_pages": result.get("extraction", {}).get("pages"),
        "speed_articles": result.get("speed", {}).get("articles"),
    }


if __name__ == "__main__":
    sys.exit(main())
