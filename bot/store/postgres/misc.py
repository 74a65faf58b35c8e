"""The audit log and the key-value map on PostgreSQL (SQL and mapper: bot.store.misc; an
entry's time is the database's clock)."""

from __future__ import annotations

from bot.domain.models import AuditEntry
from bot.store.misc import AUDIT_RECENT_SQL, KV_GET_SQL, KV_SET_SQL, audit_of
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import execute, numbered
from bot.store.repositories import Audit, KeyValues


class PgAuditLog:
    """Every admin action and subscription change, who did it, where and when."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    async def record(self, platform: str, user_id: str, action: str, detail: str = "", *,
                     channel_id: str | None = None, outcome: str = "ok") -> None:
        """Append one entry."""
        await execute(
            self.db,
            "INSERT INTO audit_log (platform, user_id, action, detail, channel_id, outcome)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            platform, user_id, action, detail, channel_id, outcome)

    async def recent(self, limit: int = 20) -> list[AuditEntry]:
        """Newest entries first."""
        return [audit_of(r) for r in await self.db.fetch(numbered(AUDIT_RECENT_SQL), limit)]


class PgKeyValue:
    """A persistent string map."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    async def get(self, key: str) -> str | None:
        """The value stored under `key`."""
        rows = await self.db.fetch(numbered(KV_GET_SQL), key)
        return str(rows[0]["value"]) if rows else None

    async def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        await execute(self.db, numbered(KV_SET_SQL), key, value)


def _conforms(audit: PgAuditLog, kv: PgKeyValue) -> tuple[Audit, KeyValues]:
    """Never called: mypy checks here that both classes satisfy their ports."""
    return audit, kv
