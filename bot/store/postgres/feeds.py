"""Feed polling claims on PostgreSQL (bot.store.ports.FeedClaims): each feed fetched once per
interval across all processes. Due feeds are claimed with `FOR UPDATE SKIP LOCKED`, so
processes asking together split them; the database's clock decides what is due."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store.deliveries import LEASE
from bot.store.ports import FeedClaims
from bot.store.postgres.db import PgDatabase


class PgFeedClaims:
    """Who polls which feed now."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

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
        async with self.db.pool.acquire() as conn:
            status = await conn.execute(
                "UPDATE feed_state SET poll_owner = NULL, poll_lease_until = NULL,"
                " poll_due = CASE WHEN $3::float8 IS NULL THEN poll_due"
                " ELSE now() + make_interval(secs => $3::float8) END"
                " WHERE url = $1 AND poll_owner = $2", url, owner, next_in)
        return status.endswith(" 1")


def _conforms(claims: PgFeedClaims) -> FeedClaims:
    """Never called: mypy checks here that the class satisfies its port."""
    return claims
