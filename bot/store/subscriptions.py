"""Which channel follows which topic, and in which mode.

The models, `subscription_of` and `apply_config_in` (the config sync, over the `Tx` seam of
bot.store.sql) serve both engines; bot.store.postgres.subscriptions is the PostgreSQL
repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Database
from bot.store.sql import SqliteTx, Tx
from bot.store.values import Row, now_iso


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel subscribed to a topic."""

    id: int
    platform: str
    channel_id: str
    topic: str
    mode: str
    origin: str
    last_error: str | None = None


Pair = tuple[str, str, str]
"""(platform, channel_id, topic)."""

REMOVE_SQL = "DELETE FROM subscriptions WHERE platform = ? AND channel_id = ? AND topic = ?"
FOR_CHANNEL_SQL = ("SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?"
                   " ORDER BY topic")
RECORD_ERROR_SQL = ("UPDATE subscriptions SET last_error = ? WHERE platform = ?"
                    " AND channel_id = ?")


@dataclass(frozen=True, slots=True)
class ConfigChanges:
    """What applying a config did: subscriptions added and removed."""

    added: tuple[Pair, ...] = ()
    removed: tuple[Pair, ...] = ()


class SubscriptionRepo:
    """CRUD for subscriptions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, platform: str, channel_id: str, topic: str, *, mode: str = "instant",
        origin: str = "command", created_by: str | None = None,
    ) -> bool:
        """Subscribe; False when it already existed (mode is updated for config origins)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO subscriptions (platform, channel_id, topic, mode, origin, created_by,"
                " created_at) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT(platform, channel_id, topic) DO NOTHING",
                (platform, channel_id, topic, mode, origin, created_by, now_iso()),
            )
            created = cur.rowcount == 1
            if not created and origin == "config":
                await conn.execute(
                    "UPDATE subscriptions SET mode = ? WHERE platform = ? AND channel_id = ?"
                    " AND topic = ?",
                    (mode, platform, channel_id, topic),
                )
            return created

    async def apply_config(self, wanted: dict[Pair, str]) -> ConfigChanges:
        """Apply the config's (pair -> mode) map against the last applied one, in one
        transaction: new pairs subscribe, pairs gone from the file unsubscribe when the
        subscription came from the config, unchanged pairs only get their mode updated."""
        async with self.db.transaction() as conn:
            return await apply_config_in(SqliteTx(conn), wanted, now_iso())

    async def remove(self, platform: str, channel_id: str, topic: str) -> bool:
        """Unsubscribe; False when there was no such subscription."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(REMOVE_SQL, (platform, channel_id, topic))
            return cur.rowcount == 1

    async def for_channel(self, platform: str, channel_id: str) -> list[Subscription]:
        """A channel's subscriptions, by topic."""
        rows = await self.db.fetchall(FOR_CHANNEL_SQL, (platform, channel_id))
        return [subscription_of(r) for r in rows]

    async def for_topics(self, topics: list[str]) -> list[Subscription]:
        """Every subscription to any of `topics`."""
        if not topics:
            return []
        marks = ",".join("?" * len(topics))
        rows = await self.db.fetchall(
            f"SELECT * FROM subscriptions WHERE topic IN ({marks}) ORDER BY id", tuple(topics)
        )
        return [subscription_of(r) for r in rows]

    async def record_error(self, platform: str, channel_id: str, error: str) -> None:
        """Remember a permanent delivery error against the channel's subscriptions."""
        async with self.db.transaction() as conn:
            await conn.execute(RECORD_ERROR_SQL, (error, platform, channel_id))


def subscription_of(r: Row) -> Subscription:
    """A `subscriptions` row of either engine as a Subscription."""
    return Subscription(id=int(r["id"]), platform=r["platform"], channel_id=r["channel_id"],
                        topic=r["topic"], mode=r["mode"], origin=r["origin"],
                        last_error=r["last_error"])


async def apply_config_in(tx: Tx, wanted: dict[Pair, str],
                          created_at: object) -> ConfigChanges:
    """`apply_config` inside the caller's transaction, for either engine (`created_at` as
    that engine stores a time)."""
    applied = {(r["platform"], r["channel_id"], r["topic"]) for r in await tx.rows(
        "SELECT platform, channel_id, topic FROM config_subscriptions")}
    added: list[Pair] = []
    removed: list[Pair] = []
    for pair in sorted(wanted.keys() - applied):
        if await tx.run(
                "INSERT INTO subscriptions (platform, channel_id, topic, mode, origin,"
                " created_at) VALUES (?,?,?,?,'config',?)"
                " ON CONFLICT(platform, channel_id, topic) DO NOTHING",
                *pair, wanted[pair], created_at) == 1:
            added.append(pair)
        await tx.run("INSERT INTO config_subscriptions (platform, channel_id, topic)"
                     " VALUES (?,?,?) ON CONFLICT DO NOTHING", *pair)
    for pair in sorted(applied - wanted.keys()):
        if await tx.run("DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?"
                        " AND topic = ? AND origin = 'config'", *pair) == 1:
            removed.append(pair)
        await tx.run("DELETE FROM config_subscriptions WHERE platform = ? AND channel_id = ?"
                     " AND topic = ?", *pair)
    for pair, mode in wanted.items():
        await tx.run("UPDATE subscriptions SET mode = ? WHERE platform = ? AND channel_id = ?"
                     " AND topic = ? AND mode != ?", mode, *pair, mode)
    return ConfigChanges(tuple(added), tuple(removed))
