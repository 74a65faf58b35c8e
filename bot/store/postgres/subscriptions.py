"""Subscriptions on PostgreSQL. The models, the mapper, most SQL and the config sync
(`apply_config_in`) are SQLite's (bot.store.subscriptions); an `add` is one statement here,
and config syncs of several processes take turns under a transaction advisory lock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import PgTx, execute, numbered
from bot.store.repositories import Subscriptions
from bot.store.subscriptions import (
    FOR_CHANNEL_SQL,
    RECORD_ERROR_SQL,
    REMOVE_SQL,
    ConfigChanges,
    Pair,
    Subscription,
    apply_config_in,
    subscription_of,
)
from bot.store.values import utc_second

CONFIG_LOCK = "config-subscriptions"  # advisory lock key of `apply_config`


class PgSubscriptionRepo:
    """CRUD for subscriptions."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    async def add(
        self, platform: str, channel_id: str, topic: str, *, mode: str = "instant",
        origin: str = "command", created_by: str | None = None,
    ) -> bool:
        """Subscribe; False when it already existed (mode is updated for config origins)."""
        # xmax is 0 on a freshly inserted row and set on one the conflict clause updated
        rows = await self.db.fetch(
            "INSERT INTO subscriptions (platform, channel_id, topic, mode, origin, created_by)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (platform, channel_id, topic)"
            " DO UPDATE SET mode = CASE WHEN excluded.origin = 'config' THEN excluded.mode"
            " ELSE subscriptions.mode END RETURNING (xmax = 0) AS created",
            platform, channel_id, topic, mode, origin, created_by)
        return bool(rows[0]["created"])

    async def apply_config(self, wanted: dict[Pair, str]) -> ConfigChanges:
        """Apply the config's (pair -> mode) map against the last applied one, in one
        transaction: new pairs subscribe, pairs gone from the file unsubscribe when the
        subscription came from the config, unchanged pairs only get their mode updated."""
        async with self.db.transaction() as conn:
            await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                               CONFIG_LOCK)
            return await apply_config_in(PgTx(conn), wanted,
                                         utc_second(datetime.now(UTC)))

    async def remove(self, platform: str, channel_id: str, topic: str) -> bool:
        """Unsubscribe; False when there was no such subscription."""
        return await execute(self.db, numbered(REMOVE_SQL), platform, channel_id, topic) == 1

    async def for_channel(self, platform: str, channel_id: str) -> list[Subscription]:
        """A channel's subscriptions, by topic."""
        rows = await self.db.fetch(numbered(FOR_CHANNEL_SQL), platform, channel_id)
        return [subscription_of(r) for r in rows]

    async def for_topics(self, topics: list[str]) -> list[Subscription]:
        """Every subscription to any of `topics`."""
        if not topics:
            return []
        rows = await self.db.fetch(
            "SELECT * FROM subscriptions WHERE topic = ANY($1::text[]) ORDER BY id", topics)
        return [subscription_of(r) for r in rows]

    async def record_error(self, platform: str, channel_id: str, error: str) -> None:
        """Remember a permanent delivery error against the channel's subscriptions."""
        await execute(self.db, numbered(RECORD_ERROR_SQL), error, platform, channel_id)


def _conforms(subscriptions: PgSubscriptionRepo) -> Subscriptions:
    """Never called: mypy checks here that the class satisfies its port."""
    return subscriptions
