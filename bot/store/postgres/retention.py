"""Retention on PostgreSQL: the rules of bot.store.retention (which articles and deliveries
go, counted per table), in one transaction. The doomed articles' ids are held in an array
instead of SQLite's temporary table; their children follow by ON DELETE CASCADE and the
search vector is a column of the row, so nothing else needs tidying. `optimize` refreshes
the planner's statistics (ANALYZE) after a large prune."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import changed, positional
from bot.store.retention import (
    CASCADED,
    DOOMED_ARTICLES,
    DOOMED_DELIVERIES,
    cutoff_at,
)


async def prune(
    db: PgDatabase, *, older_than_days: int, now: datetime | None = None
) -> dict[str, int]:
    """Delete old articles (with their children) and old final deliveries; counts per table."""
    params: dict[str, Any] = {"cutoff": cutoff_at(older_than_days, now)}
    counts: dict[str, int] = {}
    async with db.transaction() as conn:
        sql, args = positional(DOOMED_ARTICLES, params)
        doomed = [int(r[0]) for r in await conn.fetch(sql, *args)]
        for table in CASCADED:
            counts[table] = int(await conn.fetchval(
                f"SELECT COUNT(*) FROM {table} WHERE article_id = ANY($1::bigint[])", doomed))
        sql, args = positional(f"DELETE FROM deliveries WHERE {DOOMED_DELIVERIES}", params)
        status = await conn.execute(sql, *args)
        deliveries = changed(status)
        status = await conn.execute(
            "DELETE FROM articles WHERE id = ANY($1::bigint[])", doomed)
    return {"articles": changed(status), "deliveries": deliveries, **counts}


async def optimize(db: PgDatabase) -> None:
    """Refresh the planner's statistics of the article tables and the outbox."""
    async with db.pool.acquire() as conn:
        await conn.execute(
            "ANALYZE articles, article_topics, entities, entity_aliases, mentions, roles,"
            " figures, figure_subjects, figure_series, deliveries")
