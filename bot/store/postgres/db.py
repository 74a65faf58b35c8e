"""An asyncpg connection pool with this engine's migrations applied on open.

Migrations are `schema/NNN_name.sql` beside this file (PostgreSQL's own; SQLite's live in
`bot/store/schema`). They run under a session advisory lock, so processes starting together
on one database migrate it once: the first takes the lock and applies what is missing, each
in its own transaction, the others wait and then find nothing left to do.

No `asyncio.Lock` here: PostgreSQL serialises what must be serialised (row locks, `SKIP
LOCKED`, advisory locks), so concurrent transactions run on separate pooled connections.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeAlias

import asyncpg

from bot.domain.errors import StoreUnavailable
from bot.store.db import migration_files

MIGRATION_LOCK = 0x506F_6C57_0001  # pg_advisory_lock key: "PolW" + 1, this project's migrations

if TYPE_CHECKING:  # asyncpg's classes are generic in its stubs only
    from asyncpg.pool import PoolConnectionProxy

    Connection: TypeAlias = PoolConnectionProxy[asyncpg.Record]  # what `pool.acquire()` gives
    Pool: TypeAlias = asyncpg.Pool[asyncpg.Record]


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every PostgreSQL migration, in order."""
    return migration_files("bot.store.postgres")


class PgDatabase:
    """A pool of connections to one PostgreSQL database (`dsn`: postgresql://...)."""

    def __init__(self, dsn: str, *, min_size: int = 1, max_size: int = 10,
                 connect_timeout: float = 10.0) -> None:
        self.dsn = dsn
        self.min_size = min_size
        self.max_size = max_size
        self.connect_timeout = connect_timeout
        self._pool: Pool | None = None

    @property
    def pool(self) -> Pool:
        """The open pool; `open()` must have been awaited."""
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def open(self) -> PgDatabase:
        """Connect and migrate; StoreUnavailable when the server cannot be reached."""
        try:
            self._pool = await asyncpg.create_pool(
                self.dsn, min_size=self.min_size, max_size=self.max_size,
                timeout=self.connect_timeout)
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            raise StoreUnavailable(f"cannot connect to PostgreSQL: {exc}") from exc
        try:
            await self.migrate()
        except BaseException:
            await self.close()
            raise
        return self

    async def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded, under the advisory lock; those applied."""
        done: list[int] = []
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                applied = {int(r[0]) for r in
                           await conn.fetch("SELECT version FROM schema_migrations")}
                for version, sql in migrations():
                    if version in applied:
                        continue
                    async with conn.transaction():
                        await conn.execute(sql)  # several statements: simple query protocol
                        await conn.execute(
                            "INSERT INTO schema_migrations (version) VALUES ($1)", version)
                    done.append(version)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
        return done

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """A connection of the pool inside one transaction (committed when the block ends)."""
        async with self.pool.acquire() as conn, conn.transaction():
            yield conn

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        """Run a query outside any explicit transaction; all rows."""
        async with self.pool.acquire() as conn:
            return list(await conn.fetch(sql, *args))

    async def close(self) -> None:
        """Close every connection of the pool."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()
