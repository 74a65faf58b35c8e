"""The scale benchmark's code keeps working: a small store is built, queried through the bot
and as bare SQL, and an index proposal can be checked (no timing is asserted here)."""

from __future__ import annotations

import random
from pathlib import Path

from bench.perf import index_check, scale_queries, store_scale


async def test_small_store_builds_and_every_command_answers(tmp_path: Path) -> None:
    """300 synthetic articles, then every command path answers without failures."""
    db = tmp_path / "scale.db"
    built = await store_scale.build(db, 300)
    assert built["articles"] == 300
    result = await scale_queries.measure(db, runs=1, n=12, rng=random.Random(3))
    commands = result["commands"]
    assert set(commands) >= {"entity", "figures", "search", "autocomplete", "latest"}
    assert all(c["failures"] == 0 for c in commands.values()), commands
    assert result["index_update_ms"]["n"] == 50
    plans = result["plans"]
    assert any("article_topics_newest" in step for step in plans["ArticleRepo.latest.topic"])
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plans["ArticleRepo.latest"])
    sql = tmp_path / "noop.sql"
    sql.write_text("CREATE INDEX IF NOT EXISTS roles_text ON roles(text);\n", encoding="utf-8")
    checked = index_check.check(db, sql, repeat=1)
    timings = checked["worst_median_ms"]
    assert "EntityRepo.related" in timings and "ArticleRepo.search" in timings
    assert all(t["before"] >= 0 and t["after"] >= 0 for t in timings.values())
