"""The delivery outbox: one row per alert per channel, written before anything is sent (rows
enter through `bot.store.outbox.enqueue_in`; this repository owns their state changes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.store.articles import now_iso
from bot.store.db import Database
from bot.store.outbox import Outgoing, enqueue_in


@dataclass(frozen=True, slots=True)
class Delivery:
    """An alert waiting for (or done with) delivery to one channel."""

    id: int
    key: str
    article_id: int | None
    platform: str
    channel_id: str
    kind: str
    card: str  # JSON
    state: str
    attempts: int
    message_id: str | None = None
    last_error: str | None = None
    first_attempt_at: str | None = None  # ISO time the first send started (None: never tried)

    @property
    def first_attempt(self) -> datetime | None:
        """`first_attempt_at` as an aware datetime."""
        if not self.first_attempt_at:
            return None
        when = datetime.fromisoformat(self.first_attempt_at)
        return when if when.tzinfo else when.replace(tzinfo=UTC)


class DeliveryRepo:
    """State changes of the outbox, each in its own transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(
        self, key: str, *, article_id: int | None, platform: str, channel_id: str, kind: str,
        card: str, state: str = "pending",
    ) -> bool:
        """Add a delivery unless one with the same key exists; True if added."""
        out = Outgoing(key=key, article_id=article_id, platform=platform,
                       channel_id=channel_id, kind=kind, card=card, state=state)
        async with self.db.transaction() as conn:
            return await enqueue_in(conn, out) is not None

    async def due(self, platforms: list[str], limit: int = 100) -> list[Delivery]:
        """Pending (or interrupted 'sending') deliveries for the given platforms, oldest first."""
        if not platforms:
            return []
        marks = ",".join("?" * len(platforms))
        rows = await self.db.fetchall(
            f"SELECT * FROM deliveries WHERE state IN ('pending', 'sending')"
            f" AND platform IN ({marks}) AND (not_before IS NULL OR not_before <= ?)"
            f" ORDER BY id LIMIT ?",
            (*platforms, now_iso(), limit),
        )
        return [self._row(r) for r in rows]

    async def mark_sending(self, delivery_id: int) -> None:
        """Record that a send is about to start (its outcome is unknown until marked)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET state = 'sending', attempts = attempts + 1,"
                " first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?",
                (now_iso(), delivery_id),
            )

    async def mark_sent(self, delivery_id: int, message_id: str | None) -> None:
        """The platform accepted the message."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,"
                " last_error = NULL WHERE id = ?",
                (message_id, now_iso(), delivery_id),
            )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        """A permanent failure: never retried."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?",
                (error, delivery_id),
            )

    async def retry_later(self, delivery_id: int, error: str, delay: float) -> None:
        """A transient failure: back to pending after `delay` seconds."""
        when = (datetime.now(UTC) + timedelta(seconds=delay)).isoformat(timespec="seconds")
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET state = 'pending', last_error = ?, not_before = ?"
                " WHERE id = ?",
                (error, when, delivery_id),
            )

    async def counts(self) -> dict[str, int]:
        """Number of deliveries per state."""
        rows = await self.db.fetchall("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state")
        return {r["state"]: int(r["n"]) for r in rows}

    async def for_channel(self, platform: str, channel_id: str) -> list[Delivery]:
        """All deliveries of one channel, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM deliveries WHERE platform = ? AND channel_id = ? ORDER BY id",
            (platform, channel_id),
        )
        return [self._row(r) for r in rows]

    @staticmethod
    def _row(r: object) -> Delivery:
        return Delivery(**{k: r[k] for k in (  # type: ignore[index]
            "id", "key", "article_id", "platform", "channel_id", "kind", "card", "state",
            "attempts", "message_id", "last_error", "first_attempt_at")})
