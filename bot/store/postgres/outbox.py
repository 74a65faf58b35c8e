"""The outbox on PostgreSQL: the one INSERT into `deliveries` for this engine, and the queue
that several worker processes claim from (`FOR UPDATE SKIP LOCKED` plus a lease; the rules
are in bot.store.ports). Times come from the database's clock, the one all processes share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import asyncpg

from bot.store.deliveries import LEASE, Delivery, delivery_of
from bot.store.outbox import (
    HELD_SQL,
    RATE_LIMIT,
    HeldRow,
    Outgoing,
    counts_toward_limit,
    held_of,
    placement,
)
from bot.store.ports import Channel, DeliveryQueue
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.locks import SessionLocks
from bot.store.postgres.sql import changed, execute, numbered
from bot.store.repositories import Outbox

if TYPE_CHECKING:
    from bot.store.postgres.db import Connection

NOTIFY_CHANNEL = "policywire_outbox"  # LISTEN/NOTIFY: a pending row was added (payload: platform)
_WAITING = "state IN ('pending', 'sending')"
# A row `claim` may take: due, and nobody's live lease on it.
_CLAIMABLE = ("(lease_until IS NULL OR lease_until <= now())"
              " AND (state = 'sending' OR (state = 'pending'"
              " AND (not_before IS NULL OR not_before <= now())))")


def _channel_key(channel: Channel) -> str:
    return f"delivery-channel:{channel[0]}:{channel[1]}"


async def enqueue_in(conn: Connection, out: Outgoing) -> str | None:
    """Insert one delivery inside the caller's transaction; its state, or None if it existed.

    The hourly limit is counted under a transaction advisory lock per channel, so two
    processes enqueueing for one channel at once cannot both slip under it.
    """
    last_hour = None
    if counts_toward_limit(out):
        await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                           f"outbox:{out.platform}:{out.channel_id}")
        last_hour = int(await conn.fetchval(
            "SELECT COUNT(*) FROM deliveries WHERE platform = $1 AND channel_id = $2"
            " AND state IN ('pending', 'sending', 'sent') AND kind != 'digest'"
            " AND created_at >= now() - interval '1 hour'", out.platform, out.channel_id) or 0)
    state, reason = placement(out, last_hour)
    added = await conn.fetchval(
        "INSERT INTO deliveries (key, article_id, platform, channel_id, kind, card, state,"
        " hold_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (key) DO NOTHING RETURNING id",
        out.key, out.article_id, out.platform, out.channel_id, out.kind, out.card, state, reason)
    if added is not None and state == "pending":  # delivered at commit, once per transaction
        await conn.execute("SELECT pg_notify($1, $2)", NOTIFY_CHANNEL, out.platform)
    return state if added is not None else None


class PgOutbox:
    """Enqueueing with limits, digesting held rows, refreshing cards of waiting alerts."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    async def held(self, platform: str, channel_id: str) -> list[HeldRow]:
        """A channel's held deliveries, oldest first, with the story of their article."""
        rows = await self.db.fetch(numbered(HELD_SQL), platform, channel_id)
        return [held_of(r) for r in rows]

    async def enqueue(self, alerts: Sequence[Outgoing]) -> list[str | None]:
        """Enqueue alerts in one transaction; per alert its state, or None when it existed."""
        async with self.db.transaction() as conn:
            return [await enqueue_in(conn, a) for a in alerts]

    async def overflow_channels(self) -> list[tuple[str, str]]:
        """Channels holding alerts because they reached their hourly limit."""
        rows = await self.db.fetch(
            "SELECT DISTINCT platform, channel_id FROM deliveries WHERE state = 'held'"
            " AND hold_reason = $1 ORDER BY platform, channel_id", RATE_LIMIT)
        return [(r["platform"], r["channel_id"]) for r in rows]

    async def commit_digest(self, digest: Outgoing, held_ids: Sequence[int]) -> bool:
        """Enqueue the digest and mark `held_ids` digested, all or nothing; False (and no
        change) when the digest key exists or a row is no longer held."""
        try:
            async with self.db.transaction() as conn:
                if await enqueue_in(conn, digest) is None:
                    raise _ConflictError
                status = await conn.execute(
                    "UPDATE deliveries SET state = 'digested', sent_at = now()"
                    " WHERE state = 'held' AND id = ANY($1::bigint[])", list(held_ids))
                if changed(status) != len(held_ids):
                    raise _ConflictError
        except _ConflictError:
            return False
        return True

    async def waiting_for_story(self, story_id: int) -> list[tuple[int, int]]:
        """(delivery id, article id) of a story's alerts not sent yet (pending or held)."""
        rows = await self.db.fetch(
            "SELECT id, article_id FROM deliveries WHERE key LIKE $1 AND article_id IS NOT NULL"
            " AND state IN ('pending', 'held') ORDER BY id", f"story:{story_id}:%")
        return [(int(r["id"]), int(r["article_id"])) for r in rows]

    async def replace_waiting_card(self, delivery_id: int, card: str) -> bool:
        """Swap the card of an alert not sent yet; False when it has left the queue."""
        return await execute(
            self.db,
            "UPDATE deliveries SET card = $2 WHERE id = $1 AND state IN ('pending', 'held')",
            delivery_id, card) == 1


class _ConflictError(Exception):
    """Rolls back a digest whose key existed or whose held rows changed concurrently."""


class PgDeliveryRepo:
    """State changes of the outbox; each call its own transaction on a pooled connection."""

    def __init__(self, db: PgDatabase) -> None:
        self.db = db
        self.locks = SessionLocks(db.dsn, connect_timeout=db.connect_timeout)  # channels
        self._listener: asyncpg.Connection[asyncpg.Record] | None = None  # LISTEN

    async def due(self, platforms: list[str], limit: int = 100) -> list[Delivery]:
        """Pending (or interrupted 'sending') deliveries for the given platforms, oldest first
        (leases aside: the one-process drain's view)."""
        if not platforms:
            return []
        rows = await self.db.fetch(
            f"SELECT * FROM deliveries WHERE {_WAITING} AND platform = ANY($1::text[])"
            " AND (not_before IS NULL OR not_before <= now()) ORDER BY id LIMIT $2",
            platforms, limit)
        return [delivery_of(r) for r in rows]

    async def claim(self, owner: str, platforms: Sequence[str], *, limit: int = 100,
                    lease: float = LEASE, channel: Channel | None = None) -> list[Delivery]:
        """Lease up to `limit` claimable rows to `owner`, oldest first.

        Rows another claimer has locked at this moment are skipped (`SKIP LOCKED`), not
        waited for, so claimers running together each get different rows. With `channel`:
        only its rows, and none while an earlier one is leased to someone else.
        """
        if not platforms:
            return []
        only = ""
        if channel is not None:
            only = (" AND platform = $5 AND channel_id = $6 AND NOT EXISTS (SELECT 1 FROM"
                    " deliveries o WHERE o.platform = $5 AND o.channel_id = $6"
                    f" AND o.{_WAITING} AND o.owner IS DISTINCT FROM $1"
                    " AND o.lease_until > now())")
        rows = await self.db.fetch(
            "WITH c AS (SELECT id FROM deliveries WHERE platform = ANY($2::text[])"
            f" AND {_CLAIMABLE}{only} ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)"
            " UPDATE deliveries d SET owner = $1,"
            " lease_until = now() + make_interval(secs => $4)"
            " FROM c WHERE d.id = c.id RETURNING d.*",
            owner, list(platforms), limit, lease, *(channel or ()))
        return sorted((delivery_of(r) for r in rows), key=lambda d: d.id)

    async def due_channels(self, platforms: Sequence[str], limit: int = 100) -> list[Channel]:
        """Channels with claimable rows, the one with the oldest such row first."""
        if not platforms:
            return []
        rows = await self.db.fetch(
            "SELECT platform, channel_id, MIN(id) AS first FROM deliveries"
            f" WHERE platform = ANY($1::text[]) AND {_CLAIMABLE}"
            " GROUP BY platform, channel_id ORDER BY first LIMIT $2", list(platforms), limit)
        return [(r["platform"], r["channel_id"]) for r in rows]

    async def take_channel(self, channel: Channel) -> bool:
        """A session advisory lock (bot.store.postgres.locks): the server drops it when this
        process dies (its connection closes), never while it is merely stalled."""
        return await self.locks.try_take(_channel_key(channel))

    async def give_channel(self, channel: Channel) -> None:
        """Release a channel taken with `take_channel`."""
        await self.locks.give(_channel_key(channel))

    async def listen(self, wake: Callable[[], None]) -> None:
        """Call `wake()` whenever any process enqueues a pending row (LISTEN on a connection
        of its own; the worker's poll stays the fallback if that connection drops)."""
        if self._listener is None or self._listener.is_closed():
            self._listener = await asyncpg.connect(self.db.dsn,
                                                   timeout=self.db.connect_timeout)
        await self._listener.add_listener(NOTIFY_CHANNEL, lambda *_: wake())

    async def close(self) -> None:
        """Close the connections of the channel locks (dropping them) and of LISTEN."""
        await self.locks.close()
        if self._listener is not None:
            listener, self._listener = self._listener, None
            await listener.close()

    async def hold(self, delivery_id: int, owner: str, lease: float = LEASE) -> bool:
        """Extend `owner`'s lease on a row still waiting; False when it is not theirs."""
        return await self._update(
            "UPDATE deliveries SET lease_until = now() + make_interval(secs => $3)"
            f" WHERE id = $1 AND owner = $2 AND {_WAITING}", delivery_id, owner, lease)

    async def mark_sending(self, delivery_id: int, *, owner: str | None = None,
                           lease: float = LEASE) -> bool:
        """A send is about to start; with `owner`, only while the row is still theirs."""
        return await self._update(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1,"
            " first_attempt_at = COALESCE(first_attempt_at, now()),"
            " lease_until = CASE WHEN owner IS NULL THEN NULL"
            " ELSE now() + make_interval(secs => $3) END"
            f" WHERE id = $1 AND ($2::text IS NULL OR (owner = $2 AND {_WAITING}))",
            delivery_id, owner, lease)

    async def mark_sent(self, delivery_id: int, message_id: str | None, *,
                        owner: str | None = None) -> bool:
        """The platform accepted the message (recorded whoever holds the row: it is a fact)."""
        return await self._update(
            "UPDATE deliveries SET state = 'sent', message_id = $2, sent_at = now(),"
            " last_error = NULL, owner = NULL, lease_until = NULL WHERE id = $1",
            delivery_id, message_id)

    async def mark_failed(self, delivery_id: int, error: str, *,
                          owner: str | None = None) -> bool:
        """A permanent failure: never retried (with `owner`: only while theirs)."""
        return await self._update(
            "UPDATE deliveries SET state = 'failed', last_error = $2, owner = NULL,"
            " lease_until = NULL WHERE id = $1 AND ($3::text IS NULL OR owner = $3)",
            delivery_id, error, owner)

    async def retry_later(self, delivery_id: int, error: str, delay: float, *,
                          owner: str | None = None) -> bool:
        """A transient failure: pending again after `delay` seconds, lease released."""
        return await self._update(
            "UPDATE deliveries SET state = 'pending', last_error = $2,"
            " not_before = now() + make_interval(secs => $3), owner = NULL, lease_until = NULL"
            " WHERE id = $1 AND ($4::text IS NULL OR owner = $4)",
            delivery_id, error, delay, owner)

    async def counts(self) -> dict[str, int]:
        """Number of deliveries per state."""
        rows = await self.db.fetch("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state")
        return {r["state"]: int(r["n"]) for r in rows}

    async def for_channel(self, platform: str, channel_id: str) -> list[Delivery]:
        """All deliveries of one channel, oldest first."""
        rows = await self.db.fetch(
            "SELECT * FROM deliveries WHERE platform = $1 AND channel_id = $2 ORDER BY id",
            platform, channel_id)
        return [delivery_of(r) for r in rows]

    async def _update(self, sql: str, *args: object) -> bool:
        return await execute(self.db, sql, *args) == 1


def _conforms(outbox: PgOutbox, queue: PgDeliveryRepo) -> tuple[Outbox, DeliveryQueue]:
    """Never called: mypy checks here that both classes satisfy their ports."""
    return outbox, queue
