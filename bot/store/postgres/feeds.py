"""The feed tables on PostgreSQL: feed state, polling claims (bot.store.ports.FeedClaims),
seen items and runtime feeds. Models, mappers, most SQL and what the writes contain
(`FeedWrites`) are SQLite's (bot.store.feeds); what differs is that times are TIMESTAMPTZ
and flags BOOLEAN, and that the writes several processes may race on are single statements.

Due feeds are claimed with `FOR UPDATE SKIP LOCKED`, so processes asking together split them;
the database's clock decides what is due.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.store.deliveries import LEASE
from bot.store.feeds import (
    ADD_RUNTIME_SQL,
    COUNTS_SQL,
    ITEMS_BY_URL_SQL,
    RECORD_EDIT_SQL,
    RECORD_ITEM_SQL,
    RUNTIME_FEEDS_SQL,
    FeedState,
    FeedWrites,
    Fields,
    RuntimeFeed,
    SeenItem,
    counts_of,
    item_of,
    item_values,
    runtime_of,
    runtime_values,
    state_of,
    upsert_sql,
)
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import execute, numbered
from bot.store.repositories import Feeds
from bot.store.values import utc_second

# The failure count goes up in the row itself: two processes failing at once count twice.
_FAILURE_SQL = (
    "INSERT INTO feed_state (url, last_attempt, consecutive_failures, last_error, next_poll_at)"
    " VALUES ($1, $2, 1, $3, $4) ON CONFLICT (url) DO UPDATE SET"
    " last_attempt = excluded.last_attempt, last_error = excluded.last_error,"
    " next_poll_at = excluded.next_poll_at,"
    " consecutive_failures = feed_state.consecutive_failures + 1"
    " RETURNING consecutive_failures")


def _pg(url: str, fields: Fields) -> tuple[str, tuple[object, ...]]:
    sql, params = upsert_sql(
        url, {k: utc_second(v) if isinstance(v, datetime) else v for k, v in fields.items()})
    return numbered(sql), params


class PgFeedRepo(FeedWrites):
    """Reads and writes of the feed tables; every write is one transaction."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    # -- feed state -----------------------------------------------------------------------

    async def state(self, url: str) -> FeedState:
        """The state of a feed (a fresh default when it was never polled)."""
        rows = await self.db.fetch("SELECT * FROM feed_state WHERE url = $1", url)
        return state_of(rows[0]) if rows else FeedState(url=url)

    async def states(self) -> dict[str, FeedState]:
        """Every feed with recorded state, by URL."""
        rows = await self.db.fetch("SELECT * FROM feed_state ORDER BY url")
        return {r["url"]: state_of(r) for r in rows}

    async def flush(self) -> int:
        """Nothing to write: on PostgreSQL every state write is made at once (processes
        share feeds and their leases, so none is held back)."""
        return 0

    # -- polling claims (bot.store.ports.FeedClaims) ---------------------------------------

    async def claim_feeds(self, owner: str, urls: Sequence[str], *, interval: float,
                          lease: float = LEASE, limit: int = 100) -> list[str]:
        """Of `urls`, those due now (not paused), leased to `owner`, each next due
        `interval` seconds from now; feeds not known yet are added."""
        if not urls:
            return []
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO feed_state (url) SELECT unnest($1::text[])"
                " ON CONFLICT (url) DO NOTHING", list(urls))
            rows = await conn.fetch(
                "WITH c AS (SELECT url FROM feed_state WHERE url = ANY($2::text[])"
                " AND NOT paused AND (poll_lease_until <= now() OR (poll_lease_until IS NULL"
                " AND (poll_due IS NULL OR poll_due <= now())))"
                " ORDER BY poll_due NULLS FIRST, url LIMIT $3 FOR UPDATE SKIP LOCKED)"
                " UPDATE feed_state f SET poll_owner = $1,"
                " poll_lease_until = now() + make_interval(secs => $4),"
                " poll_due = now() + make_interval(secs => $5)"
                " FROM c WHERE f.url = c.url RETURNING f.url",
                owner, list(urls), limit, lease, interval)
        return sorted(str(r["url"]) for r in rows)

    async def release_feed(self, url: str, owner: str, *,
                           next_in: float | None = None) -> bool:
        """Give up the poll lease; False when the feed was not `owner`'s."""
        return await execute(
            self.db,
            "UPDATE feed_state SET poll_owner = NULL, poll_lease_until = NULL,"
            " poll_due = CASE WHEN $3::float8 IS NULL THEN poll_due"
            " ELSE now() + make_interval(secs => $3::float8) END"
            " WHERE url = $1 AND poll_owner = $2", url, owner, next_in) == 1

    # -- health ---------------------------------------------------------------------------

    async def _upsert(self, url: str, fields: Fields) -> None:
        sql, params = _pg(url, fields)
        await execute(self.db, sql, *params)

    async def _upsert_with_items(self, url: str, fields: Fields,
                                 items: Sequence[Mapping[str, Any]]) -> None:
        sql, params = _pg(url, fields)
        async with self.db.transaction() as conn:
            await conn.executemany(numbered(RECORD_ITEM_SQL), item_values(url, items, utc_second))
            await conn.execute(sql, *params)

    async def _write_item(self, feed_url: str, item: Mapping[str, Any]) -> None:
        values = item_values(feed_url, [item], utc_second)[0]
        await execute(self.db, numbered(RECORD_ITEM_SQL), *values)

    async def record_failure(
        self, url: str, *, at: datetime, error: str, next_poll_at: datetime
    ) -> int:
        """A fetch or parse failed; returns the new count of consecutive failures."""
        rows = await self.db.fetch(_FAILURE_SQL, url, utc_second(at), error,
                                   utc_second(next_poll_at))
        return int(rows[0]["consecutive_failures"])

    # -- items ----------------------------------------------------------------------------

    async def seen(self, feed_url: str, keys: Sequence[str]) -> dict[str, SeenItem]:
        """Recorded items of a feed among `keys`."""
        if not keys:
            return {}
        rows = await self.db.fetch(
            "SELECT * FROM feed_items WHERE feed_url = $1 AND item_key = ANY($2::text[])",
            feed_url, list(dict.fromkeys(keys)))
        return {r["item_key"]: item_of(r) for r in rows}

    async def record_items(self, feed_url: str, rows: Sequence[dict[str, object]]) -> None:
        """Write many items' seen-state (`record_item`'s keyword arguments each) in one
        transaction."""
        if not rows:
            return
        async with self.db.transaction() as conn:
            values = item_values(feed_url, rows, utc_second)
            await conn.executemany(numbered(RECORD_ITEM_SQL), values)

    async def record_edit(self, feed_url: str, item_key: str, fingerprint: str,
                          at: datetime) -> None:
        """A seen item came back with different content (a real edit, not churn)."""
        await execute(self.db, numbered(RECORD_EDIT_SQL), fingerprint, utc_second(at), feed_url,
                      item_key)

    async def items_by_url(self, url: str) -> list[SeenItem]:
        """Items recorded under a canonical URL, across feeds, newest first."""
        return [item_of(r) for r in await self.db.fetch(numbered(ITEMS_BY_URL_SQL), url)]

    async def counts(self, feed_url: str) -> dict[str, int]:
        """How many items of a feed are in each state."""
        return counts_of(await self.db.fetch(numbered(COUNTS_SQL), feed_url))

    # -- runtime feeds --------------------------------------------------------------------

    async def add_runtime(self, url: str, *, topics: Sequence[str], name: str | None,
                          added_by: str, at: datetime) -> bool:
        """Add a runtime feed; False when it already exists."""
        values = runtime_values(url, topics=topics, name=name, added_by=added_by, at=at,
                                time=utc_second)
        return await execute(self.db, numbered(ADD_RUNTIME_SQL), *values) == 1

    async def remove_runtime(self, url: str) -> bool:
        """Remove a runtime feed; False when there was none."""
        return await execute(self.db, "DELETE FROM runtime_feeds WHERE url = $1", url) == 1

    async def runtime_feeds(self) -> list[RuntimeFeed]:
        """Feeds added at run time, oldest first."""
        return [runtime_of(r) for r in await self.db.fetch(RUNTIME_FEEDS_SQL)]


def _conforms(feeds: PgFeedRepo) -> Feeds:
    """Never called: mypy checks here that the class satisfies its port (claims included)."""
    return feeds
