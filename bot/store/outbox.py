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

from bot.store.db import Database
from bot.store.values import Row, iso_text, now_iso

RATE_LIMIT = "rate-limit"
# A channel's held rows, oldest first, with the story of each one's article.
HELD_SQL = ("SELECT d.id, d.key, d.article_id, a.story_id, d.kind, d.card, d.hold_reason,"
            " d.created_at FROM deliveries d LEFT JOIN articles a ON a.id = d.article_id"
            " WHERE d.platform = ? AND d.channel_id = ? AND d.state = 'held' ORDER BY d.id")


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


def held_of(r: Row) -> HeldRow:
    """A row of the `held` query of either engine (`created_at` as ISO text)."""
    return HeldRow(id=int(r["id"]), key=r["key"], article_id=r["article_id"],
                   story_id=r["story_id"], kind=r["kind"], card=r["card"],
                   hold_reason=r["hold_reason"], created_at=iso_text(r["created_at"]) or "")


def counts_toward_limit(out: Outgoing) -> bool:
    """Whether enqueueing `out` must first count the channel's alerts of the last hour."""
    return out.state is None and not out.digest and out.limit is not None


def placement(out: Outgoing, last_hour: int | None) -> tuple[str, str | None]:
    """The state and hold reason `out` enters the outbox with; `last_hour` is the channel's
    count of alerts in the past hour when `counts_toward_limit(out)`, else None."""
    if out.state is not None:
        return out.state, None
    if out.digest:
        return "held", None
    if out.limit is not None and last_hour is not None and last_hour >= out.limit:
        return "held", RATE_LIMIT
    return "pending", None


async def enqueue_in(conn: aiosqlite.Connection, out: Outgoing) -> str | None:
    """Insert one delivery inside the caller's transaction; its state, or None if it existed."""
    last_hour = None
    if counts_toward_limit(out):
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        async with conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE platform = ? AND channel_id = ?"
            " AND state IN ('pending', 'sending', 'sent') AND kind != 'digest'"
            " AND created_at >= ?", (out.platform, out.channel_id, since),
        ) as cur:
            row = await cur.fetchone()
        last_hour = int(row[0]) if row is not None else 0
    state, reason = placement(out, last_hour)
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
        rows = await self.db.fetchall(HELD_SQL, (platform, channel_id))
        return [held_of(r) for r in rows]

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
