"""Before/after check of a proposed migration on a copy of a built store.

Usage: python -m bench.perf.index_check --db STORE --sql FILE [--repeat 5]
Copies STORE to a temp folder, times each command statement of bench/perf/bare_sql.py (median
of --repeat executions) for the most mentioned entity, a middling one and a rare one, applies
FILE to the copy (no ANALYZE: the bot never runs it), times them again and prints both with the
query plans after. STORE itself is never modified.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.perf.bare_sql import SQL
from bench.perf.stats import median
from bot.store.articles import SEARCH_WINDOW
from bot.store.entities import RELATED_WINDOW

ENTITY_SQL = ("EntityRepo.lookup", "EntityRepo.mention_stats.sum",
              "EntityRepo.mention_stats.newest", "EntityRepo.related",
              "EntityRepo.figures_about", "SeriesRepo.for_subject")


def _cases(conn: sqlite3.Connection) -> dict[str, list[tuple | dict]]:
    ranked = conn.execute("SELECT m.entity_id, e.norm FROM mentions m JOIN entities e"
                          " ON e.id = m.entity_id GROUP BY m.entity_id"
                          " ORDER BY SUM(m.count) DESC").fetchall()
    picks = [ranked[0], ranked[len(ranked) // 20], ranked[-1]]
    limits = {"EntityRepo.mention_stats.newest": 5,
              "EntityRepo.figures_about": 25, "SeriesRepo.for_subject": 500}
    cases: dict[str, list[tuple | dict]] = {}
    for name in ENTITY_SQL:
        if name == "EntityRepo.lookup":
            cases[name] = [(norm,) for _, norm in picks]
        elif name == "EntityRepo.related":
            cases[name] = [{"id": eid, "window": RELATED_WINDOW, "limit": 8} for eid, _ in picks]
        elif name in limits:
            cases[name] = [(eid, limits[name]) for eid, _ in picks]
        else:
            cases[name] = [(eid,) for eid, _ in picks]
    cases["ArticleRepo.latest"] = [(5,)]
    cases["ArticleRepo.latest.topic"] = [("reserves", 5), ("bilateral", 5)]
    cases["EntityRepo.figures_for_topic"] = [("reserves", 25), ("bilateral", 25)]
    cases["ArticleRepo.search"] = [{"q": q, "window": SEARCH_WINDOW, "limit": 5}
                                   for q in ('"bitcoin" "reserve"', '"hydropower"')]
    cases["EntityRepo.all_names"] = [()]
    return cases


def _time(conn: sqlite3.Connection, cases: dict[str, list[tuple | dict]],
          repeat: int) -> dict[str, float]:
    """Worst (over the parameter sets) median time per statement, ms."""
    out = {}
    for name, params in cases.items():
        worst = 0.0
        for p in params:
            runs = []
            for _ in range(repeat):
                t = time.perf_counter()
                conn.execute(SQL[name], p).fetchall()
                runs.append(time.perf_counter() - t)
            worst = max(worst, median(runs))
        out[name] = round(worst * 1000, 2)
    return out


def check(db: Path, sql: Path, repeat: int = 5) -> dict[str, Any]:
    """Timings before and after `sql` on a copy of `db`, with the plans after."""
    with tempfile.TemporaryDirectory(prefix="pw-index-") as tmp:
        copy = Path(tmp) / "copy.db"
        src = sqlite3.connect(db)
        dest = sqlite3.connect(copy)
        src.backup(dest)
        src.close()
        cases = _cases(dest)
        before = _time(dest, cases, repeat)
        t = time.perf_counter()
        dest.executescript(sql.read_text(encoding="utf-8"))
        apply_s = time.perf_counter() - t
        after = _time(dest, cases, repeat)
        plans = {name: [str(r[-1]) for r in dest.execute("EXPLAIN QUERY PLAN " + SQL[name],
                                                          params[0])]
                 for name, params in cases.items()}
        dest.close()
        size_after = copy.stat().st_size
        size_before = db.stat().st_size
    return {"db": str(db), "sql": str(sql), "apply_s": round(apply_s, 1),
            "db_mib_before": round(size_before / 2**20, 1),
            "db_mib_after": round(size_after / 2**20, 1),
            "worst_median_ms": {k: {"before": before[k], "after": after[k]} for k in before},
            "plans_after": plans}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--sql", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    print(json.dumps(check(a.db, a.sql, a.repeat), indent=1))
