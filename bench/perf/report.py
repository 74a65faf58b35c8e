"""Turn the perf results into table rows (plain text or Markdown) and write the JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Row = tuple[str, str, str, str, str]  # benchmark, measure, PolicyWire, baseline, ratio
HEADER: Row = ("benchmark", "measure", "PolicyWire", "baseline", "ratio")


def _f(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value}{unit}"


def _feeds(r: dict[str, Any]) -> list[Row]:
    o, b = r["ours"], r["bare"]
    return [
        ("feeds_poll", f"feeds/s ({r['feeds']} feeds, vs bare aiohttp GET)",
         _f(o["feeds_per_s"]), _f(b["feeds_per_s"]), _f(r["ratio_feeds_per_s"])),
        ("feeds_poll", "peak RSS (MiB)", _f(o["peak_rss_mib"]), _f(b["peak_rss_mib"]), ""),
        *([("feeds_poll", "whole poller + SQLite store, first polls: feeds/s (vs bare GET)",
            _f(r["poller"]["feeds_per_s"]), _f(b["feeds_per_s"]),
            _f(r["ratio_poller_feeds_per_s"])),
           ("feeds_poll", "whole poller: items recorded / peak RSS (MiB)",
            f"{r['poller']['items']:,.0f} / {_f(r['poller']['peak_rss_mib'])}", "", "")]
          if "poller" in r else []),
    ]


def _store(r: dict[str, Any]) -> list[Row]:
    b, q = r["build"], r["query"]
    n = b["articles"]
    built = f"{n:,}" if b.get("complete", True) else \
        f"{n:,} of {b['requested']:,} (build budget of the run spent)"
    rows: list[Row] = [
        ("store_scale", "articles in the store (synthetic, no spaCy)", built, "", ""),
        ("store_scale", "ingest articles/s via ArticleRepo.save",
         _f(b["save_articles_per_s"]), "", ""),
        ("store_scale", "ingest articles/s, save + figure tracking",
         _f(b["save_and_track_articles_per_s"]), "", ""),
        ("store_scale", "ingest articles/s, last tenth of the build",
         _f(b["by_tenth"][-1]["articles_per_s"]) if b["by_tenth"] else "—", "", ""),
        ("store_scale", "database size (MiB)", _f(b["db_mib"]), "", ""),
        ("store_scale", "autocomplete index: full reload (ms, at start and after retention)",
         _f(q.get("refresh_index_ms")), "", ""),
        ("store_scale", "autocomplete index: update per ingested article p50 / p99 (ms)",
         f"{_f(q.get('index_update_ms', {}).get('p50_ms'))} / "
         f"{_f(q.get('index_update_ms', {}).get('p99_ms'))}", "", ""),
        ("store_scale", "peak RSS of the bot answering (MiB)", _f(q.get("peak_rss_mib")), "", ""),
    ]
    targets = r.get("targets_ms_p99", {})
    for cmd, c in q.get("commands", {}).items():
        limit = targets.get(cmd)
        mark = "" if limit is None else (" ✓" if c["p99_ms"] <= limit else f" ✗ (>{limit:g})")
        rows.append(("store_scale", f"{cmd} p50 ms", _f(c["p50_ms"]), _f(c["bare_p50_ms"]),
                     _f(c["ratio_p50"])))
        rows.append(("store_scale", f"{cmd} p99 ms{mark}", _f(c["p99_ms"]),
                     _f(c["bare_p99_ms"]), _f(c["ratio_p99"])))
    return rows


def _nlp(r: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for name, c in r.items():
        if isinstance(c, dict) and "ratio_vs_bare_ner" in c:
            rows.append(("nlp_speed", f"{name} articles/s ({c['articles']} art., vs NER-only)",
                         _f(c["articles_per_s"]), _f(c["bare_ner_articles_per_s"]),
                         _f(c["ratio_vs_bare_ner"])))
            if "bare_full_articles_per_s" in c:
                rows.append(("nlp_speed", f"{name} analyze_many articles/s (vs bare spaCy, "
                             "same components)", _f(c["articles_per_s"]),
                             _f(c["bare_full_articles_per_s"]),
                             _f(c["ratio_many_vs_bare_full"])))
                rows.append(("nlp_speed", f"{name} analyze per article articles/s (vs bare "
                             "spaCy, same components)", _f(c["per_article_articles_per_s"]),
                             _f(c["bare_full_articles_per_s"]),
                             _f(c["ratio_per_article_vs_bare_full"])))
    p = r.get("pool")
    if p:
        rows.append(("nlp_speed", "AnalyzerPool process mode articles/s (vs in-process)",
                     _f(p["process_pool_articles_per_s"]), _f(p["in_process_articles_per_s"]),
                     _f(p["ratio_pool_vs_in_process"])))
        if "process_pool_chunked_articles_per_s" in p:
            rows.append(("nlp_speed", f"AnalyzerPool one hop per article / ingest batches "
                         f"({p['workers']} workers) articles/s",
                         _f(p["process_pool_per_article_articles_per_s"]),
                         _f(p["process_pool_chunked_articles_per_s"]), ""))
        rows.append(("nlp_speed", "pool worker start: spawn + model load (s)",
                     _f(p["worker_start_s"]), "", ""))
        rows.append(("nlp_speed", "peak RSS: pool worker / bench process (MiB)",
                     _f(p["worker_peak_rss_mib"]), _f(r.get("peak_rss_mib")), ""))
    return rows


def _loop_lag(r: dict[str, Any]) -> list[Row]:
    mark = " ✓" if r["lag_max_ms"] < 100 else " ✗ (>100)"
    return [
        ("loop_lag", f"burst of {r['items']} new items: articles/s ({r.get('executor')} pool)",
         _f(r["articles_per_s"]), "", ""),
        ("loop_lag", "event-loop lag p99 ms", _f(r["lag_p99_ms"]), "", ""),
        ("loop_lag", f"event-loop lag max ms (median run){mark}", _f(r["lag_max_ms"]), "", ""),
        ("loop_lag", "event-loop lag max ms (worst run)", _f(r.get("lag_max_ms_worst_run")),
         "", ""),
    ]


def _pg_workers(r: dict[str, Any]) -> list[Row]:
    base = r["sqlite_1"]
    rows: list[Row] = []
    for key, what in (("postgresql_1", "1"), ("postgresql_2", "2"), ("postgresql_3", "3")):
        row = r[key]
        once = " ✓ once" if row["alerts_exactly_once"] and row["feeds_exactly_once"] else \
            " ✗ NOT exactly once"
        rows.append(("pg_workers", f"PostgreSQL x{what} alerts/s (vs SQLite x1){once}",
                     _f(row["alerts_per_s"]), _f(base["alerts_per_s"]),
                     _f(row["alerts_vs_sqlite"])))
        rows.append(("pg_workers", f"PostgreSQL x{what} feeds/s ({r['feeds']} feeds, vs SQLite "
                     "x1)", _f(row["feeds_per_s"]), _f(base["feeds_per_s"]),
                     _f(row["feeds_vs_sqlite"])))
    return rows


def _generic(name: str, r: dict[str, Any], prefix: str = "") -> list[Row]:
    rows: list[Row] = []
    for key, value in r.items():
        if isinstance(value, dict):
            rows += _generic(name, value, f"{prefix}{key}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            rows.append((name, prefix + key, _f(value), "", ""))
    return rows


def rows(results: dict[str, Any]) -> list[Row]:
    """Table rows for every benchmark result (skips and errors get one row)."""
    out: list[Row] = []
    known = {"feeds_poll": _feeds, "store_scale": _store, "nlp_speed": _nlp,
             "loop_lag": _loop_lag, "pg_workers": _pg_workers}
    for name, r in results.items():
        if not isinstance(r, dict):
            continue
        if "error" in r or "skipped" in r:
            out.append((name, "not measured", str(r.get("error") or r.get("skipped")), "", ""))
            continue
        try:
            out += known[name](r) if name in known else _generic(name, r)
        except (KeyError, TypeError) as exc:
            out.append((name, "unreadable result", repr(exc), "", ""))
    return out


def table(results: dict[str, Any], markdown: bool = False) -> str:
    """The results as an aligned text table, or a Markdown one."""
    body = rows(results)
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [HEADER, *body]) for i in range(len(HEADER))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in [HEADER, *body])


def previous(path: Path) -> dict[str, Any]:
    """Benchmark entries of an earlier results file (kept when only some are re-run)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k != "meta" and isinstance(v, dict)}


def write_json(data: dict[str, Any], path: Path) -> None:
    """Write the results (pretty-printed) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
