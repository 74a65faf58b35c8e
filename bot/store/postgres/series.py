"""Figure time series on PostgreSQL: the shared repository of bot.store.series, its alerts
enqueued in the same transaction through this engine's outbox."""

from __future__ import annotations

from bot.store.outbox import Outgoing
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.outbox import enqueue_in
from bot.store.postgres.sql import PgEngine
from bot.store.series import SeriesRepoBase
from bot.store.sql import Tx


class PgSeriesRepo(SeriesRepoBase):
    """Observations of tracked figures."""

    def __init__(self, db: PgDatabase) -> None:
        super().__init__(PgEngine(db))
        self.db = db

    async def _enqueue(self, tx: Tx, alert: Outgoing) -> str | None:
        return await enqueue_in(tx.conn, alert)
