"""The PostgreSQL store: every repository of `Storage` (bot.store.repositories) over one
migrated pool, one connection for session locks (channels, leadership, host slots) and one
for LISTEN (signals)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.errors import StoreUnavailable
from bot.store.ephemeral import Ephemeral
from bot.store.ports import new_owner
from bot.store.postgres import retention
from bot.store.postgres.articles import PgArticleRepo
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.entities import PgEntityRepo
from bot.store.postgres.feeds import PgFeedRepo
from bot.store.postgres.hosts import PgHostSlots
from bot.store.postgres.leader import PgLeadership
from bot.store.postgres.misc import PgAuditLog, PgKeyValue
from bot.store.postgres.outbox import PgDeliveryRepo, PgOutbox
from bot.store.postgres.series import PgSeriesRepo
from bot.store.postgres.signals import PgSignals
from bot.store.postgres.sql import PgEngine
from bot.store.postgres.subscriptions import PgSubscriptionRepo
from bot.store.repositories import Storage


class PgStore:
    """`await PgStore.open(dsn)` connects and migrates; the repositories `Storage` names."""

    engine = "postgresql"

    def __init__(self, db: PgDatabase) -> None:
        self.db = db
        self.owner = new_owner()  # unique per process: leases are how processes share rows
        self.outbox = PgOutbox(db)
        self.deliveries = PgDeliveryRepo(db)
        self.feeds = PgFeedRepo(db)
        self.subscriptions = PgSubscriptionRepo(db)
        self.audit = PgAuditLog(db)
        self.kv = PgKeyValue(db)
        self.ephemeral = Ephemeral(PgEngine(db))
        self.leader = PgLeadership(self.deliveries.locks)  # one lock connection per process
        self.hosts = PgHostSlots(self.deliveries.locks)
        self.articles = PgArticleRepo(db)
        self.entities = PgEntityRepo(db)
        self.series = PgSeriesRepo(db)
        self.signals = PgSignals(db, self.owner)

    @classmethod
    async def open(cls, dsn: str, *, max_size: int = 10) -> PgStore:
        """Connect to `dsn` (postgresql://...) and apply this engine's migrations."""
        return cls(await PgDatabase(dsn, max_size=max_size).open())

    async def close(self) -> None:
        """Close the channel-lock and listening connections and the pool."""
        await self.signals.close()
        await self.deliveries.close()
        await self.db.close()

    async def prune(self, older_than_days: int) -> dict[str, int]:
        """Delete articles and finished deliveries older than the cutoff; counts per table."""
        return await retention.prune(self.db, older_than_days=older_than_days)

    async def optimize(self) -> None:
        """Refresh planner statistics after a large prune."""
        await retention.optimize(self.db)

    async def backup(self, path: str | Path) -> None:
        """Not done here: PostgreSQL has its own consistent copy, `pg_dump`."""
        raise StoreUnavailable(f"policywire backup writes SQLite copies; on PostgreSQL use "
                               f"pg_dump (e.g. pg_dump -Fc -f {path} DATABASE_URL)")

    async def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        try:
            await self.db.fetch("SELECT 1")
            return True
        except Exception:
            return False


def _store_conforms(store: PgStore) -> Storage:
    """Never called: mypy checks here that the PostgreSQL facade satisfies `Storage`."""
    return store
