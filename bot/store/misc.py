"""Small tables: the audit log and a key-value state (e.g. command-set hashes).

The SQL of the reads and of `KeyValue.set`, and `audit_of`, serve both engines
(bot.store.postgres.misc is the PostgreSQL side).
"""

from __future__ import annotations

from bot.domain.models import AuditEntry
from bot.store.db import Database
from bot.store.values import Row, iso_text, now_iso

AUDIT_RECENT_SQL = ("SELECT at, platform, user_id, action, detail, channel_id, outcome"
                    " FROM audit_log ORDER BY id DESC LIMIT ?")
KV_GET_SQL = "SELECT value FROM kv WHERE key = ?"
KV_SET_SQL = ("INSERT INTO kv (key, value) VALUES (?, ?)"
              " ON CONFLICT(key) DO UPDATE SET value = excluded.value")


def audit_of(r: Row) -> AuditEntry:
    """An `audit_log` row of either engine as an AuditEntry (`at` as ISO text)."""
    return AuditEntry(at=iso_text(r["at"]) or "", platform=r["platform"], user_id=r["user_id"],
                      action=r["action"], detail=r["detail"], channel_id=r["channel_id"],
                      outcome=r["outcome"])


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
        return [audit_of(r) for r in await self.db.fetchall(AUDIT_RECENT_SQL, (limit,))]


class KeyValue:
    """A persistent string map."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> str | None:
        """The value stored under `key`."""
        row = await self.db.fetchone(KV_GET_SQL, (key,))
        return str(row[0]) if row else None

    async def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        async with self.db.transaction() as conn:
            await conn.execute(KV_SET_SQL, (key, value))
