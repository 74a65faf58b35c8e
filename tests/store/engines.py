"""The `engine` and `store` fixtures (registered by conftest.py): a test that takes one runs on
SQLite and on a real PostgreSQL (tests/pgsupport.py). `engine` reaches the outbox through the
store ports only; `store` is a whole `Store` or `PgStore`, whose article, entity and series
repositories have the same methods, and `sql_value`/`sql_run` run a test's own SQL (with `?`
placeholders) on either through the repositories' engine seam (bot.store.sql)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.store.outbox import Outgoing
from bot.store.ports import DeliveryQueue, FeedClaims, OutboxWriter
from bot.store.postgres.store import PgStore
from bot.store.sqlite import Store

Opener = Callable[[], Awaitable[Any]]


@dataclass
class Engine:
    """One engine's outbox, and a way to open another connection to the same database (as
    another process would)."""

    name: str
    outbox: OutboxWriter
    queue: DeliveryQueue
    _open: Opener
    _opened: list[Any] = field(default_factory=list)

    @property
    def store(self) -> Store | PgStore:
        """The first store opened: every repository of this engine, under `Store`'s names."""
        first: Store | PgStore = self._opened[0]
        return first

    @property
    def feeds(self) -> FeedClaims:
        claims: FeedClaims = self._opened[0].feeds
        return claims

    async def another(self) -> DeliveryQueue:
        store = await self._open()
        self._opened.append(store)
        queue: DeliveryQueue = store.deliveries
        return queue

    async def another_store(self) -> Any:
        store = await self._open()
        self._opened.append(store)
        return store

    async def another_feeds(self) -> FeedClaims:
        store = await self._open()
        self._opened.append(store)
        claims: FeedClaims = store.feeds
        return claims

    async def make_articles(self, ids: list[int]) -> None:
        """Articles for deliveries to point at (`article_id` is a foreign key on both)."""
        for i in ids:
            await sql_run(self._opened[0], "INSERT INTO articles (id, uid, title, ingested_at,"
                          " body, content_hash) VALUES (?, ?, 't', ?, 'b', 'h')",
                          i, f"u{i}", datetime(2026, 12, 2))

    async def close(self) -> None:
        for store in self._opened:
            await store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Engine]:
    opener: Opener
    if request.param == "sqlite":
        path = tmp_path / "outbox.db"

        async def opener() -> Store:
            return await Store.open(path)
    else:
        dsn = request.getfixturevalue("pg_dsn")

        async def opener() -> PgStore:
            return await PgStore.open(dsn)
    first = await opener()
    eng = Engine(request.param, first.outbox, first.deliveries, opener, [first])
    try:
        yield eng
    finally:
        await eng.close()


AnyStore = Store | PgStore


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AnyStore]:
    """A migrated store on each engine (a temporary file; a database of its own)."""
    opened: AnyStore
    if request.param == "sqlite":
        opened = await Store.open(tmp_path / "store.db")
    else:
        opened = await PgStore.open(request.getfixturevalue("pg_dsn"))
    try:
        yield opened
    finally:
        await opened.close()


def _param(store: AnyStore, value: Any) -> Any:
    return store.articles.sql.at(value) if isinstance(value, datetime) else value


async def sql_value(store: AnyStore, sql: str, *args: Any) -> Any:
    """The first column of the first row of a query (None without a row); datetimes in
    `args` are passed as the engine stores timestamps."""
    row = await store.articles.sql.fetchone(sql, tuple(_param(store, a) for a in args))
    return None if row is None else row[0]


async def sql_run(store: AnyStore, sql: str, *args: Any) -> int:
    """One statement in a transaction of its own; rows changed."""
    async with store.articles.sql.tx() as tx:
        return await tx.run(sql, *(_param(store, a) for a in args))


def alert(key: str, channel: str = "C1", **kw: Any) -> Outgoing:
    return Outgoing(key=key, article_id=None, platform="slack", channel_id=channel,
                    kind="article", card='{"title": "t"}', **kw)


