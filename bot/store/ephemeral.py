"""Short-lived values shared by every process of a deployment, written once for both engines
over the SQL seam (bot.store.sql): `first` says whether a key is new within a time (a request
seen once, whichever process Slack sent it to), `put`/`take` keep a value for one later use
(the reply behind a "Share in channel" button, clicked in any process)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store.sql import SqlEngine

FIRST_SQL = ("INSERT INTO ephemeral (key, value, expires_at) VALUES (?, '', ?)"
             " ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at"
             " WHERE ephemeral.expires_at <= ?")
PUT_SQL = ("INSERT INTO ephemeral (key, value, expires_at) VALUES (?, ?, ?)"
           " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
           " expires_at = excluded.expires_at")
TAKE_SQL = "DELETE FROM ephemeral WHERE key = ? AND expires_at > ? RETURNING value"
EXPIRE_SQL = "DELETE FROM ephemeral WHERE expires_at <= ?"
MAX_VALUE = 64 * 1024  # characters kept per value: a reply, never a document


class Ephemeral:
    """Expiring keys and values in the `ephemeral` table."""

    def __init__(self, sql: SqlEngine) -> None:
        self.sql = sql

    async def first(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds, in any process."""
        now = datetime.now(UTC)
        async with self.sql.tx() as tx:
            await tx.run(EXPIRE_SQL, self.sql.at(now))
            return await tx.run(FIRST_SQL, key, self.sql.at(now + timedelta(seconds=ttl)),
                                self.sql.at(now)) == 1

    async def put(self, key: str, value: str, ttl: float) -> None:
        """Keep `value` under `key` for `ttl` seconds (ValueError when it is too long)."""
        if len(value) > MAX_VALUE:
            raise ValueError(f"an ephemeral value holds at most {MAX_VALUE} characters")
        now = datetime.now(UTC)
        async with self.sql.tx() as tx:
            await tx.run(EXPIRE_SQL, self.sql.at(now))
            await tx.run(PUT_SQL, key, value, self.sql.at(now + timedelta(seconds=ttl)))

    async def take(self, key: str) -> str | None:
        """The value under `key` if it has not expired, removed (one use only)."""
        async with self.sql.tx() as tx:
            rows = await tx.rows(TAKE_SQL, key, self.sql.at(datetime.now(UTC)))
        return str(rows[0]["value"]) if rows else None
