"""The outbox's way in: every delivery row is inserted here, by `enqueue_in`.

`Outbox` enqueues alerts with per-channel hourly limits and turns held rows into one digest row
atomically ('held' -> 'digested' in the same transaction as the digest insert); it also finds and
rewrites the cards of alerts still waiting, when their story grows. State changes of a delivery
once it is sent or retried belong to `DeliveryRepo`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.store.articles import now_iso
from bot.store.db import Database

RATE_LIMIT = "rate-limit"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """An alert to enqueue: `digest` holds it for the channel's digest; `limit` is per hour."""

    key: str
    article_id: int | None
    platform: str
    channel_id: str
    kind: str
    card: str  # JSON of the Card
    digest: bool = False
    limit: int | None = None
    state: str | None = None  # a given state; None: 'held' for digests and over the limit


@dataclass(frozen=True, slots=True)
class HeldRow:
    """A held delivery waiting for a digest."""

    id: int
    key: str
    article_id: int | None
    story_id: int | None
    kind: str
    card: str
    hold_reason: str | None
    created_at: str


async def enqueue_in(conn: aiosqlite.Connection, out: Outgoing) -> str | None:
    """Insert one delivery inside the caller's transaction; its state, or None if it existed."""
    state, reason = out.state or "pending", None
    if out.state is None and out.digest:
        state = "held"
    elif out.state is None and out.limit is not None:
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        async with conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE platform = ? AND channel_id = ?"
            " AND state IN ('pending', 'sending', 'sent') AND kind != 'digest'"
            " AND created_at >= ?", (out.platform, out.channel_id, since),
        ) as cur:
            row = await cur.fetchone()
        if row is not None and int(row[0]) >= out.limit:
            state, reason = "held", RATE_LIMIT
    cur = await conn.execute(
        "INSERT INTO deliveries (key, article_id, platform, channel_id, kind, card, state,"
        " hold_reason, created_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING",
        (out.key, out.article_id, out.platform, out.channel_id, out.kind, out.card, state,
         reason, now_iso()),
    )
    return state if cur.rowcount == 1 else None


class Outbox:
    """Enqueueing with limits, digesting held rows, refreshing cards of waiting alerts."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(self, alerts: Sequence[Outgoing]) -> list[str | None]:
        """Enqueue alerts in one transaction; per alert its state, or None when it existed."""
        async with self.db.transaction() as conn:
            return [await enqueue_in(conn, a) for a in alerts]

    async def held(self, platform: str, channel_id: str) -> list[HeldRow]:
        """A channel's held deliveries, oldest first, with the story of their article."""
        rows = await self.db.fetchall(
            "SELECT d.id, d.key, d.article_id, a.story_id, d.kind, d.card, d.hold_reason,"
            " d.created_at FROM deliveries d LEFT JOIN articles a ON a.id = d.article_id"
            " WHERE d.platform = ? AND d.channel_id = ? AND d.state = 'held' ORDER BY d.id",
            (platform, channel_id),
        )
        return [HeldRow(*tuple(r)) for r in rows]

    async def overflow_channels(self) -> list[tuple[str, str]]:
        """Channels holding alerts because they reached their hourly limit."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT platform, channel_id FROM deliveries WHERE state = 'held'"
            " AND hold_reason = ? ORDER BY platform, channel_id", (RATE_LIMIT,),
        )
        return [(r[0], r[1]) for r in rows]

    async def commit_digest(self, digest: Outgoing, held_ids: Sequence[int]) -> bool:
        """Enqueue the digest and mark `held_ids` digested, all or nothing.

        False (and no change) when the digest key exists or a row is no longer held.
        """
        try:
            async with self.db.transaction() as conn:
                if await enqueue_in(conn, digest) is None:
                    return False
                marks = ",".join("?" * len(held_ids))
                cur = await conn.execute(
                    f"UPDATE deliveries SET state = 'digested', sent_at = ? WHERE state = 'held'"
                    f" AND id IN ({marks})", (now_iso(), *held_ids),
                )
                if cur.rowcount != len(held_ids):
                    raise _ConflictError
                return True
        except _ConflictError:
            return False


    async def waiting_for_story(self, story_id: int) -> list[tuple[int, int]]:
        """(delivery id, article id) of a story's alerts not sent yet (pending or held)."""
        rows = await self.db.fetchall(
            "SELECT id, article_id FROM deliveries WHERE key LIKE ? AND article_id IS NOT NULL"
            " AND state IN ('pending', 'held')", (f"story:{story_id}:%",))
        return [(int(r["id"]), int(r["article_id"])) for r in rows]

    async def replace_waiting_card(self, delivery_id: int, card: str) -> bool:
        """Swap the card of an alert not sent yet; False when it has left the queue."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET card = ? WHERE id = ? AND state IN ('pending', 'held')",
                (card, delivery_id))
            return cur.rowcount == 1


class _ConflictError(Exception):
    """Rolls back a digest whose held rows changed concurrently."""
