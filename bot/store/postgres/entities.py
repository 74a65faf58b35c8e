"""Canonical entities on PostgreSQL: the shared repository and writer of bot.store.entities
(their SQL runs on both engines; `EntityWriter` is given a `PgTx` by the article writer)."""

from __future__ import annotations

from bot.store.entities import EntityRepoBase, EntityWriter
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import PgEngine

__all__ = ["EntityWriter", "PgEntityRepo"]


class PgEntityRepo(EntityRepoBase):
    """Queries about canonical entities."""

    def __init__(self, db: PgDatabase) -> None:
        super().__init__(PgEngine(db))
        self.db = db
