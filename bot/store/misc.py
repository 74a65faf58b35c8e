"""Small tables: the audit log and a key-value state (e.g. command-set hashes)."""

from __future__ import annotations

from bot.domain.models import AuditEntry
from bot.store.articles import now_iso
from bot.store.db import Database


class AuditLog:
    """Every admin action and subscription change, who did it, where and when."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, platform: str, user_id: str, action: str, detail: str = "", *,
                     channel_id: str | None = None, outcome: str = "ok") -> None:
        """Append one entry."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO audit_log (at, platform, user_id, action, detail, channel_id,"
                " outcome) VALUES (?,?,?,?,?,?,?)",
                (now_iso(), platform, user_id, action, detail, channel_id, outcome),
            )

    async def recent(self, limit: int = 20) -> list[AuditEntry]:
        """Newest entries first."""
        rows = await self.db.fetchall(
            "SELECT at, platform, user_id, action, detail, channel_id, outcome FROM audit_log"
            " ORDER BY id DESC LIMIT ?", (limit,),
        )
        return [AuditEntry(**dict(r)) for r in rows]


class KeyValue:
    """A persistent string map."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> str | None:
        """The value stored under `key`."""
        row = await self.db.fetchone("SELECT value FROM kv WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
