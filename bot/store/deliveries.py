"""The delivery outbox: one row per alert per channel, written before anything is sent (rows
enter through `bot.store.outbox.enqueue_in`; this repository owns their state changes)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import cast

from bot.store.db import Database
from bot.store.values import Row, iso_text, now_iso

LEASE = 60.0  # seconds a claimed row stays with its claimer unless renewed (bot.store.ports)
# A row `claim` may take: due, and nobody's live lease on it but the sole owner's (parameters:
# now as unix seconds, the sole owner, now as ISO text for `not_before`).
_CLAIMABLE = ("(lease_until IS NULL OR lease_until <= ? OR owner = ?) AND ((state = 'pending' AND"
              " (not_before IS NULL OR not_before <= ?)) OR state = 'sending')")


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
    owner: str | None = None  # who holds the lease on it (bot.store.ports), if anyone

    @property
    def first_attempt(self) -> datetime | None:
        """`first_attempt_at` as an aware datetime."""
        if not self.first_attempt_at:
            return None
        when = datetime.fromisoformat(self.first_attempt_at)
        return when if when.tzinfo else when.replace(tzinfo=UTC)


class DeliveryRepo:
    """State changes of the outbox, each in its own transaction."""

    def __init__(self, db: Database, *, sole_owner: str | None = None) -> None:
        """`sole_owner`: the owner id of the one process this file serves, whose leases from
        before a restart (a kill mid-send) it may take back at once; None: leases hold for
        every owner until they run out (several claimers, as the contract tests run)."""
        self.db = db
        self.sole_owner = sole_owner

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
        return [delivery_of(r) for r in rows]

    async def claim(self, owner: str, platforms: Sequence[str], *, limit: int = 100,
                    lease: float = LEASE, channel: tuple[str, str] | None = None,
                    ) -> list[Delivery]:
        """Lease up to `limit` claimable rows to `owner`, oldest first (see bot.store.ports)."""
        if not platforms:
            return []
        marks = ",".join("?" * len(platforms))
        now = time.time()
        only, args = "", cast(tuple[object, ...], ())
        if channel is not None:
            only = (" AND platform = ? AND channel_id = ? AND NOT EXISTS (SELECT 1 FROM"
                    " deliveries o WHERE o.platform = ? AND o.channel_id = ?"
                    " AND o.state IN ('pending', 'sending') AND o.owner IS NOT ?"
                    " AND o.lease_until > ?)")
            args = (*channel, *channel, owner, now)
        async with self.db.transaction() as conn:
            async with conn.execute(
                f"SELECT * FROM deliveries WHERE platform IN ({marks}){only}"
                f" AND {_CLAIMABLE} ORDER BY id LIMIT ?",
                (*platforms, *args, now, self.sole_owner, now_iso(), limit),
            ) as cur:
                rows = [delivery_of(r) for r in await cur.fetchall()]
            if rows:
                ids = ",".join("?" * len(rows))
                await conn.execute(
                    f"UPDATE deliveries SET owner = ?, lease_until = ? WHERE id IN ({ids})",
                    (owner, now + lease, *(d.id for d in rows)))
        return [replace(d, owner=owner) for d in rows]

    async def due_channels(self, platforms: Sequence[str],
                           limit: int = 100) -> list[tuple[str, str]]:
        """Channels with claimable rows, the one with the oldest such row first."""
        if not platforms:
            return []
        marks = ",".join("?" * len(platforms))
        rows = await self.db.fetchall(
            f"SELECT platform, channel_id, MIN(id) AS first FROM deliveries"
            f" WHERE platform IN ({marks}) AND {_CLAIMABLE}"
            f" GROUP BY platform, channel_id ORDER BY first LIMIT ?",
            (*platforms, time.time(), self.sole_owner, now_iso(), limit))
        return [(r["platform"], r["channel_id"]) for r in rows]

    async def listen(self, wake: Callable[[], None]) -> None:
        """Nothing to listen to: on SQLite the one process rings its own `Wakeup`."""

    async def take_channel(self, channel: tuple[str, str]) -> bool:
        """One process on SQLite: every channel is this process's to serve."""
        return True

    async def give_channel(self, channel: tuple[str, str]) -> None:
        """Nothing to give back on SQLite."""

    async def hold(self, delivery_id: int, owner: str, lease: float = LEASE) -> bool:
        """Extend `owner`'s lease on a row still waiting; False when it is not theirs."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET lease_until = ? WHERE id = ? AND owner = ?"
                " AND state IN ('pending', 'sending')", (time.time() + lease, delivery_id, owner))
            return cur.rowcount == 1

    async def mark_sending(self, delivery_id: int, *, owner: str | None = None,
                           lease: float = LEASE) -> bool:
        """Record that a send is about to start (its outcome is unknown until marked).

        With `owner`: only while the row is still theirs and waiting (False: do not post).
        """
        mine = "" if owner is None else " AND owner = ? AND state IN ('pending', 'sending')"
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET state = 'sending', attempts = attempts + 1,"
                " first_attempt_at = COALESCE(first_attempt_at, ?),"
                f" lease_until = CASE WHEN owner IS NULL THEN NULL ELSE ? END WHERE id = ?{mine}",
                (now_iso(), time.time() + lease, delivery_id, *(() if owner is None else (owner,))),
            )
            return cur.rowcount == 1

    async def mark_sent(self, delivery_id: int, message_id: str | None, *,
                        owner: str | None = None) -> bool:
        """The platform accepted the message (recorded whoever holds the row: it is a fact)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,"
                " last_error = NULL, owner = NULL, lease_until = NULL WHERE id = ?",
                (message_id, now_iso(), delivery_id),
            )
            return cur.rowcount == 1

    async def mark_failed(self, delivery_id: int, error: str, *,
                          owner: str | None = None) -> bool:
        """A permanent failure: never retried (with `owner`: only while theirs)."""
        mine = "" if owner is None else " AND owner = ?"
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET state = 'failed', last_error = ?, owner = NULL,"
                f" lease_until = NULL WHERE id = ?{mine}",
                (error, delivery_id, *(() if owner is None else (owner,))),
            )
            return cur.rowcount == 1

    async def retry_later(self, delivery_id: int, error: str, delay: float, *,
                          owner: str | None = None) -> bool:
        """A transient failure: back to pending after `delay` seconds, lease released."""
        when = (datetime.now(UTC) + timedelta(seconds=delay)).isoformat(timespec="seconds")
        mine = "" if owner is None else " AND owner = ?"
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET state = 'pending', last_error = ?, not_before = ?,"
                f" owner = NULL, lease_until = NULL WHERE id = ?{mine}",
                (error, when, delivery_id, *(() if owner is None else (owner,))),
            )
            return cur.rowcount == 1

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
        return [delivery_of(r) for r in rows]


def delivery_of(r: Row) -> Delivery:
    """A `deliveries` row of either engine as a Delivery (`first_attempt_at` as ISO text)."""
    return Delivery(
        id=int(r["id"]), key=r["key"], article_id=r["article_id"], platform=r["platform"],
        channel_id=r["channel_id"], kind=r["kind"], card=r["card"], state=r["state"],
        attempts=int(r["attempts"]), message_id=r["message_id"], last_error=r["last_error"],
        first_attempt_at=iso_text(r["first_attempt_at"]), owner=r["owner"])
