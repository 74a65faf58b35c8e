"""The seam between the store's shared repository code and an engine.

The article, entity and series repositories are written once (bot.store.articles, entities,
series), over `SqlEngine`: SQL with `?` (or `:name`) placeholders that runs unchanged on
SQLite and on PostgreSQL, which numbers the placeholders (bot.store.postgres.sql). What an
engine answers differently stays behind this seam: how a timestamp or a day is passed as a
parameter (SQLite stores ISO text, PostgreSQL TIMESTAMPTZ and DATE), how a transaction is
opened, and the few statements that have no common spelling (full-text search, retention).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Any, Protocol

import aiosqlite

from bot.store.db import Database, Params
from bot.store.values import Row, iso_text


class Tx(Protocol):
    """One open write transaction; `conn` is the engine's own connection (for writers that
    are per engine, like the outbox's `enqueue_in`)."""

    @property
    def conn(self) -> Any: ...

    async def rows(self, sql: str, *args: Any) -> Sequence[Row]: ...

    async def run(self, sql: str, *args: Any) -> int:
        """Run one statement; how many rows it changed."""
        ...

    async def run_many(self, sql: str, args: Sequence[Sequence[Any]]) -> None: ...

    async def insert(self, sql: str, *args: Any) -> int | None:
        """Run an INSERT of one row into a table keyed by `id`; the new id, or None when
        an `ON CONFLICT DO NOTHING` skipped the row."""
        ...

    async def serialise(self, key: str) -> None:
        """Hold `key` until this transaction ends, so transactions that read then decide on
        shared rows (entity merging) run one after another, as on SQLite, where every write
        transaction already does."""
        ...


class SqlEngine(Protocol):
    """Reads, write transactions and parameter spelling of one engine."""

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[Any]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Any | None: ...

    def tx(self) -> AbstractAsyncContextManager[Tx]: ...

    def at(self, value: datetime) -> Any:
        """A timestamp as this engine's parameter."""
        ...

    def day(self, value: str) -> Any:
        """A YYYY-MM-DD day as this engine's parameter."""
        ...


class SqliteTx:
    """`Tx` over an aiosqlite connection inside `Database.transaction()`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @property
    def conn(self) -> aiosqlite.Connection:
        """The aiosqlite connection."""
        return self._conn

    async def rows(self, sql: str, *args: Any) -> Sequence[Row]:
        """All rows of a query."""
        return list(await self._conn.execute_fetchall(sql, args))

    async def run(self, sql: str, *args: Any) -> int:
        """One statement; rows changed."""
        cur = await self._conn.execute(sql, args)
        return max(cur.rowcount, 0)

    async def run_many(self, sql: str, args: Sequence[Sequence[Any]]) -> None:
        """One statement per parameter row."""
        await self._conn.executemany(sql, args)

    async def insert(self, sql: str, *args: Any) -> int | None:
        """One INSERT; the new row's id, or None when it was skipped."""
        cur = await self._conn.execute(sql, args)
        return int(cur.lastrowid or 0) if cur.rowcount == 1 else None

    async def serialise(self, key: str) -> None:
        """Nothing to do: `BEGIN IMMEDIATE` holds the database's one write lock already."""


class SqliteEngine:
    """`SqlEngine` over the SQLite `Database`: timestamps go in as UTC ISO text."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[Any]:
        """All rows of a query."""
        return await self.db.fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Any | None:
        """The first row of a query, if any."""
        return await self.db.fetchone(sql, params)

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A write transaction (serialised, BEGIN IMMEDIATE)."""
        async with self.db.transaction() as conn:
            yield SqliteTx(conn)

    def at(self, value: datetime) -> str | None:
        """UTC ISO text, seconds (how SQLite stores every timestamp)."""
        return iso_text(value)

    def day(self, value: str) -> str:
        """Days are stored as the text itself."""
        return value
