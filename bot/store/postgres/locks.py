"""Session advisory locks on one connection kept for them.

A session lock lives as long as the connection that took it: it survives a stalled process
(SIGSTOP, a long pause) and dies with a process that exits or is killed, when the server sees
its connection close. The connection asks the server to probe it with TCP keepalives, so a
machine that vanishes without closing it loses its locks within about half a minute.
Keys are text, hashed by the server (`hashtextextended`) to the lock's 64-bit number.
"""

from __future__ import annotations

import asyncio

import asyncpg

KEEPALIVES = {"tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5",
              "tcp_keepalives_count": "3"}


class SessionLocks:
    """Advisory locks this process holds, on a connection of their own (made when needed)."""

    def __init__(self, dsn: str, *, connect_timeout: float = 10.0) -> None:
        self.dsn = dsn
        self.connect_timeout = connect_timeout
        self._conn: asyncpg.Connection[asyncpg.Record] | None = None
        self._guard = asyncio.Lock()  # one query at a time on that connection
        self._held: set[str] = set()

    async def _connection(self) -> asyncpg.Connection[asyncpg.Record]:
        if self._conn is None or self._conn.is_closed():
            self._held.clear()  # a connection that closed took its locks with it
            self._conn = await asyncpg.connect(self.dsn, timeout=self.connect_timeout,
                                               server_settings=KEEPALIVES)
        return self._conn

    async def try_take(self, key: str) -> bool:
        """Take the lock `key` unless another session holds it; True if held now (taking a
        lock already held is a no-op)."""
        async with self._guard:
            conn = await self._connection()
            if key in self._held:
                try:
                    await conn.fetchval("SELECT 1")  # still connected, so still held
                    return True
                except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                    self._held.clear()
                    conn = await self._connection()
            got = bool(await conn.fetchval(
                "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", key))
            if got:
                self._held.add(key)
            return got

    async def give(self, key: str) -> None:
        """Release `key` if this process holds it."""
        async with self._guard:
            if key not in self._held or self._conn is None:
                return
            self._held.discard(key)
            if not self._conn.is_closed():
                await self._conn.execute(
                    "SELECT pg_advisory_unlock(hashtextextended($1, 0))", key)

    async def close(self) -> None:
        """Close the connection, releasing every lock."""
        async with self._guard:
            self._held.clear()
            if self._conn is not None:
                conn, self._conn = self._conn, None
                await conn.close()
