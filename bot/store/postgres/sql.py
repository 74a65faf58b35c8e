"""PostgreSQL's side of the SQL both engines share: statements written with SQLite's `?` and
`:name` placeholders are numbered `$1, $2, ...` for asyncpg. `PgEngine`/`PgTx` are this engine's
side of the seam in bot.store.sql (the shared repositories and the subscriptions' config
sync); timestamps are passed as aware datetimes, days as dates."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import asyncpg

from bot.store.db import Params
from bot.store.postgres.db import PgDatabase
from bot.store.sql import SqlEngine, Tx
from bot.store.values import Row

if TYPE_CHECKING:
    from bot.store.postgres.db import Connection

# `:name` but not a `::type` cast; the shared SQL has no placeholders inside string literals.
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`sql` with each `?` replaced by `$1`, `$2`, ... in order."""
    parts = sql.split("?")
    return parts[0] + "".join(f"${i}{part}" for i, part in enumerate(parts[1:], 1))


@lru_cache(maxsize=128)
def _named(sql: str) -> tuple[str, tuple[str, ...]]:
    names: list[str] = []

    def number(m: re.Match[str]) -> str:
        if m.group(1) not in names:
            names.append(m.group(1))
        return f"${names.index(m.group(1)) + 1}"

    return _NAMED.sub(number, sql), tuple(names)


def positional(sql: str, params: Params) -> tuple[str, list[Any]]:
    """asyncpg's SQL and arguments for SQLite-style `sql` and `params` (a tuple for `?`, a
    dict for `:name`; a name used twice is one argument)."""
    if isinstance(params, dict):
        text, names = _named(sql)
        return text, [params[n] for n in names]
    return numbered(sql), list(params)


def changed(status: str) -> int:
    """Rows a command changed, from its status ("INSERT 0 1", "UPDATE 3", "DELETE 0")."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PgTx:
    """`Tx` over a pooled connection inside a transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    @property
    def conn(self) -> Connection:
        """The asyncpg connection."""
        return self._conn

    async def rows(self, sql: str, *args: Any) -> Sequence[Row]:
        """All rows of a query."""
        return await self._conn.fetch(numbered(sql), *args)

    async def run(self, sql: str, *args: Any) -> int:
        """One statement; rows changed."""
        return changed(await self._conn.execute(numbered(sql), *args))

    async def run_many(self, sql: str, args: Sequence[Sequence[Any]]) -> None:
        """One statement per parameter row (nothing when there are none)."""
        if args:
            await self._conn.executemany(numbered(sql), args)

    async def insert(self, sql: str, *args: Any) -> int | None:
        """One INSERT; the new row's id (RETURNING), or None when it was skipped."""
        new_id = await self._conn.fetchval(numbered(sql) + " RETURNING id", *args)
        return None if new_id is None else int(new_id)

    async def serialise(self, key: str) -> None:
        """A transaction advisory lock on `key` (released at commit or rollback)."""
        await self._conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key)


class PgEngine:
    """`SqlEngine` over a `PgDatabase`."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    async def fetchall(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        """All rows of a query."""
        text, args = positional(sql, params)
        return await self.db.fetch(text, *args)

    async def fetchone(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        """The first row of a query, if any."""
        text, args = positional(sql, params)
        async with self.db.pool.acquire() as conn:
            return await conn.fetchrow(text, *args)

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A transaction on a pooled connection (PostgreSQL serialises what must be)."""
        async with self.db.transaction() as conn:
            yield PgTx(conn)

    def at(self, value: datetime) -> datetime:
        """An aware datetime (a naive one is taken as UTC, as SQLite's `iso_text` does)."""
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

    def day(self, value: str) -> date:
        """A DATE."""
        return date.fromisoformat(value)


async def execute(db: PgDatabase, sql: str, *args: object) -> int:
    """One statement as its own transaction on a pooled connection; rows it changed."""
    async with db.pool.acquire() as conn:
        return changed(await conn.execute(sql, *args))


def _conforms(engine: PgEngine, tx: PgTx) -> tuple[SqlEngine, Tx]:
    """Never called: mypy checks here that both classes satisfy the seam."""
    return engine, tx
