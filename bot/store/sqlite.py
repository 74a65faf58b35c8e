"""The store: one SQLite database and the repositories that use it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.store.articles import ArticleRepo
from bot.store.db import BUSY_TIMEOUT, Database
from bot.store.deliveries import DeliveryRepo
from bot.store.entities import EntityRepo
from bot.store.ephemeral import Ephemeral
from bot.store.feeds import FeedRepo
from bot.store.misc import AuditLog, KeyValue
from bot.store.outbox import Outbox
from bot.store.ports import (
    DeliveryQueue,
    FeedClaims,
    HostSlots,
    Leadership,
    OutboxWriter,
    Signals,
)
from bot.store.repositories import Storage
from bot.store.retention import optimize, prune
from bot.store.series import SeriesRepo
from bot.store.sql import SqliteEngine
from bot.store.subscriptions import SubscriptionRepo


class SoleLeadership:
    """SQLite serves one process: it leads every role (bot.store.ports.Leadership)."""

    async def try_lead(self, role: str) -> bool:
        """Always True."""
        return True

    async def step_down(self, role: str) -> None:
        """Nothing to give up."""


class NoSignals:
    """SQLite serves one process: no other process to tell (bot.store.ports.Signals)."""

    async def publish(self, topic: str, payload: str = "") -> None:
        """Nothing to send."""

    async def subscribe(self, topic: str, callback: Callable[[str], None]) -> None:
        """Nothing will arrive."""


LOCAL_OWNER = "local"
"""The lease owner of the one process a SQLite file serves: the same after a restart, so a
process that was killed mid-send takes its own claimed rows back at once (bot.store.ports)."""


class Store:
    """Facade over the repositories; `await Store.open(path)` migrates the file."""

    engine = "sqlite"
    owner = LOCAL_OWNER

    def __init__(self, db: Database) -> None:
        self.db = db
        self.articles = ArticleRepo(db)
        self.entities = EntityRepo(db)
        self.subscriptions = SubscriptionRepo(db)
        self.deliveries = DeliveryRepo(db, sole_owner=LOCAL_OWNER)
        self.audit = AuditLog(db)
        self.kv = KeyValue(db)
        self.ephemeral = Ephemeral(SqliteEngine(db))
        self.feeds = FeedRepo(db)
        self.outbox = Outbox(db)
        self.series = SeriesRepo(db)
        self.leader = SoleLeadership()
        self.signals = NoSignals()
        self.hosts: HostSlots | None = None  # one process: the fetcher's semaphores

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        """Open (creating and migrating) the database at `path`; `busy_timeout` is how many
        seconds SQLite waits for a lock before a write retries it (see `Database`)."""
        return cls(await Database(path, busy_timeout).open())

    async def close(self) -> None:
        """Write the deferred feed states, then close the database."""
        try:
            await self.feeds.writer.close()
        finally:
            await self.db.close()

    async def prune(self, older_than_days: int) -> dict[str, int]:
        """Delete articles and finished deliveries older than the cutoff; counts per table."""
        return await prune(self.db, older_than_days=older_than_days)

    async def optimize(self) -> None:
        """Merge the search index and refresh planner statistics after a large prune."""
        await optimize(self.db)

    async def backup(self, path: str | Path) -> None:
        """Write a consistent copy of the database to `path`."""
        await self.db.backup(path)

    async def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        try:
            await self.db.fetchone("SELECT 1")
            return True
        except Exception:
            return False


def _store_conforms(store: Store) -> Storage:
    """Never called: mypy checks here that the SQLite facade satisfies `Storage`."""
    return store


def _conforms(outbox: Outbox, queue: DeliveryRepo, feeds: FeedRepo, leader: SoleLeadership,
              signals: NoSignals,
              ) -> tuple[OutboxWriter, DeliveryQueue, FeedClaims, Leadership, Signals]:
    """Never called: mypy checks here that the SQLite classes satisfy their ports."""
    return outbox, queue, feeds, leader, signals
