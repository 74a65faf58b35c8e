"""The `engine` fixture (registered by conftest.py): a test that takes it runs on SQLite and on
a real PostgreSQL (tests/pgsupport.py), through the store ports only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
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
        """Articles for deliveries to point at (SQLite's `article_id` is a foreign key; the
        PostgreSQL outbox has no articles table yet)."""
        if self.name != "sqlite":
            return
        async with self._opened[0].db.transaction() as conn:
            for i in ids:
                await conn.execute(
                    "INSERT INTO articles (id, uid, title, ingested_at, body, content_hash)"
                    " VALUES (?, ?, 't', '2026-12-02T00:00:00+00:00', 'b', 'h')", (i, f"u{i}"))

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


def alert(key: str, channel: str = "C1", **kw: Any) -> Outgoing:
    return Outgoing(key=key, article_id=None, platform="slack", channel_id=channel,
                    kind="article", card='{"title": "t"}', **kw)


