"""Retention: delete articles and finished deliveries older than a cutoff, in one transaction.

Articles go when both their ingestion and (if known) publication are older than the cutoff. An
old article is kept while a kept article still names it as its story, or while a delivery that is
not final (pending, sending, held) points at it. Topics, mentions, roles and figures follow by
`ON DELETE CASCADE`; the FTS index follows by the `articles_ad` trigger. Deliveries go only in a
final state (sent, failed, digested) and only once their last change is older than the cutoff.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store.db import Database

LIVE_DELIVERY_STATES = ("pending", "sending", "held")
# "digested": a held row folded into a digest card (schema 003). New final states go here;
# anything not listed is kept.
FINAL_DELIVERY_STATES = ("sent", "failed", "digested")
# Child tables whose rows vanish with an article (counted before the delete, for the log).
CASCADED = ("article_topics", "mentions", "roles", "figures")

_OLD_ARTICLE = (
    "ingested_at < :cutoff AND (published IS NULL OR published < :cutoff)"
)
DOOMED_ARTICLES = (
    f"SELECT id FROM articles WHERE {_OLD_ARTICLE}"
    " AND id NOT IN (SELECT article_id FROM deliveries WHERE article_id IS NOT NULL"
    f" AND state IN {LIVE_DELIVERY_STATES!r})"
    " AND id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL"
    f" AND NOT ({_OLD_ARTICLE}))"
)
DOOMED_DELIVERIES = (
    f"state IN {FINAL_DELIVERY_STATES!r} AND COALESCE(sent_at, created_at) < :cutoff"
)


def cutoff_at(older_than_days: int, now: datetime | None = None) -> datetime:
    """The cutoff time (UTC, whole seconds): `older_than_days` before `now`."""
    if older_than_days < 1:
        raise ValueError("older_than_days must be at least 1")
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return (now.astimezone(UTC) - timedelta(days=older_than_days)).replace(microsecond=0)


def cutoff_iso(older_than_days: int, now: datetime | None = None) -> str:
    """The cutoff timestamp, formatted as SQLite stores timestamps (UTC ISO, seconds)."""
    return cutoff_at(older_than_days, now).isoformat(timespec="seconds")


async def prune(
    db: Database, *, older_than_days: int, now: datetime | None = None
) -> dict[str, int]:
    """Delete old articles (with their children) and old final deliveries; counts per table."""
    params = {"cutoff": cutoff_iso(older_than_days, now)}
    counts: dict[str, int] = {}
    async with db.transaction() as conn:
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS _prune_ids (id INTEGER PRIMARY KEY)")
        await conn.execute("DELETE FROM _prune_ids")
        await conn.execute(f"INSERT INTO _prune_ids (id) {DOOMED_ARTICLES}", params)
        for table in CASCADED:
            async with conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_id IN (SELECT id FROM _prune_ids)"
            ) as cur:
                row = await cur.fetchone()
            counts[table] = int(row[0]) if row else 0
        cur = await conn.execute(
            f"DELETE FROM deliveries WHERE {DOOMED_DELIVERIES}", params)
        counts["deliveries"] = max(cur.rowcount, 0)
        cur = await conn.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _prune_ids)")
        counts["articles"] = max(cur.rowcount, 0)
        await conn.execute("DELETE FROM _prune_ids")
    return {"articles": counts.pop("articles"), "deliveries": counts.pop("deliveries"), **counts}


async def optimize(db: Database) -> None:
    """Tidy up after a large prune: merge the FTS index segments and refresh planner stats."""
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    await db.conn.execute("PRAGMA optimize")
