"""The scale-out benchmark's code keeps working: a tiny --quick run gives its JSON shape and
every alert sent and every feed fetched exactly once (no timing is asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgsupport import PgServer

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_run_reports_every_setup_exactly_once(pg_server: PgServer) -> None:
    """20 alerts and 6 feeds on SQLite x1 and PostgreSQL x1/x2/x3, one run each; every
    command answers on a 40-article store on both engines."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.perf.pg_workers", "--quick", "--runs", "1",
         "--alerts", "20", "--feeds", "6", "--concurrency", "3",
         "--articles", "40", "--queries", "4", "--pg", pg_server.url],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    for key in ("sqlite_1", "postgresql_1", "postgresql_2", "postgresql_3"):
        row = result[key]
        assert row["alerts_exactly_once"] and row["feeds_exactly_once"], (key, row)
        assert row["alerts_per_s"] > 0 and row["feeds_per_s"] > 0
        assert sum(row["feed_shares_last_run"]) == 6
        assert sum(row["alert_shares_last_run"]) == 20
    assert len(result["postgresql_3"]["feed_shares_last_run"]) == 3
    assert "feeds_vs_sqlite" in result["postgresql_2"]
    assert result["exactly_once"] is True
    commands = result["commands"]
    for engine in ("sqlite", "postgresql"):
        timed = commands[engine]["commands"]
        assert set(timed) == {"entity", "figures", "search", "autocomplete", "figures_topic",
                              "latest"}
        assert all(c["failures"] == 0 for c in timed.values()), (engine, timed)
    assert set(commands["ratio_p99_vs_sqlite"]) == set(commands["sqlite"]["commands"])
