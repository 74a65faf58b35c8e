"""The store's interfaces, one per repository group, each with an implementation per engine.

A second engine is a second implementation of these protocols, not edits across services:
`bot.store.sqlite` (aiosqlite) and `bot.store.postgres` (asyncpg) both satisfy them, which
mypy checks (the `_conforms` functions at the foot of each engine's module).

So far: the outbox's way in (`OutboxWriter`) and the queue the delivery worker claims rows
from (`DeliveryQueue`). The other groups (articles, entities, feeds, subscriptions, series,
audit, kv) are still concrete SQLite classes.

## Claiming deliveries (several processes on one database)

A worker asks for rows with `claim(owner, ...)`: each returned row is leased to `owner` until
`lease` seconds from now (the database's clock on PostgreSQL). A row is claimable when it is
due (`pending` and past `not_before`, or `sending`, an attempt whose outcome is unknown) and
nobody holds a live lease on it; a lease that expired (its process died or stalled) is
reclaimed by the next claimer. Just before posting, the worker calls `mark_sending(id,
owner=...)`: it re-checks the lease (False: another process has the row now, do not post)
and extends it. `mark_failed` and `retry_later` given an owner change the row only while that
owner still holds it (they are decisions the current holder makes); `mark_sent` always
records the post, since a message that was posted is a fact whoever holds the lease.
A row returned by `claim` with state `sending` or `attempts > 0` may already be on the
platform: look before resending (bot.delivery.worker).

One channel is served by one process at a time (`take_channel`, `claim(channel=...)`), so its
alerts keep their order and pacing, and a process stalled in the middle of a send (SIGSTOP, a
long pause) keeps the channel: no other process can post there behind its back, even after
the stalled process's leases have run out.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Sequence
from typing import Protocol

from bot.store.deliveries import LEASE, Delivery
from bot.store.outbox import Outgoing

__all__ = ["LEASE", "Channel", "DeliveryQueue", "FeedClaims", "HostSlots", "Leadership",
           "OutboxWriter", "Signals", "new_owner"]

Channel = tuple[str, str]  # (platform, channel id)


def new_owner() -> str:
    """A lease owner id unique to this process (host, pid and a random part)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class OutboxWriter(Protocol):
    """The one way rows enter the outbox, and what is done with rows not sent yet."""

    async def enqueue(self, alerts: Sequence[Outgoing]) -> list[str | None]:
        """Enqueue alerts in one transaction; per alert its state, or None when its key
        existed already (each key is enqueued once, ever)."""
        ...

    async def overflow_channels(self) -> list[tuple[str, str]]:
        """Channels holding alerts because they reached their hourly limit."""
        ...

    async def commit_digest(self, digest: Outgoing, held_ids: Sequence[int]) -> bool:
        """Enqueue `digest` and mark `held_ids` digested, all or nothing (False, and no
        change, when the digest's key exists or a row is no longer held)."""
        ...

    async def waiting_for_story(self, story_id: int) -> list[tuple[int, int]]:
        """(delivery id, article id) of a story's alerts not sent yet (pending or held)."""
        ...

    async def replace_waiting_card(self, delivery_id: int, card: str) -> bool:
        """Swap the card of an alert not sent yet; False when it has left the queue."""
        ...


class DeliveryQueue(Protocol):
    """The outbox as the delivery worker sees it: claim with a lease, finish (rows come in
    only through `OutboxWriter.enqueue`)."""

    async def claim(self, owner: str, platforms: Sequence[str], *, limit: int = 100,
                    lease: float = LEASE, channel: Channel | None = None) -> list[Delivery]:
        """Lease up to `limit` claimable rows of `platforms` to `owner`, oldest first.

        With `channel`, only that channel's rows, and none while an earlier row of it is
        leased to another owner (so a channel's alerts go out in order).
        """
        ...

    async def due_channels(self, platforms: Sequence[str], limit: int = 100) -> list[Channel]:
        """Channels with claimable rows, the one with the oldest such row first."""
        ...

    async def take_channel(self, channel: Channel) -> bool:
        """Serve `channel` alone until `give_channel`; False when another process serves it.
        PostgreSQL: a session advisory lock, which the server drops if this process dies;
        SQLite (one process): always True."""
        ...

    async def give_channel(self, channel: Channel) -> None:
        """Stop serving `channel` (taken with `take_channel`)."""
        ...

    async def hold(self, delivery_id: int, owner: str, lease: float = LEASE) -> bool:
        """Extend `owner`'s lease on a row still waiting; False when it is not theirs."""
        ...

    async def mark_sending(self, delivery_id: int, *, owner: str | None = None,
                           lease: float = LEASE) -> bool:
        """A send is about to start: `sending`, one more attempt, the lease extended.
        With `owner`, only while the row is still theirs (the check before posting)."""
        ...

    async def mark_sent(self, delivery_id: int, message_id: str | None, *,
                        owner: str | None = None) -> bool:
        """The platform accepted the message (recorded whoever holds the row)."""
        ...

    async def mark_failed(self, delivery_id: int, error: str, *,
                          owner: str | None = None) -> bool:
        """A permanent failure: never retried."""
        ...

    async def retry_later(self, delivery_id: int, error: str, delay: float, *,
                          owner: str | None = None) -> bool:
        """A transient failure: pending again after `delay` seconds, lease released."""
        ...

    async def listen(self, wake: Callable[[], None]) -> None:
        """Call `wake()` when another process enqueues a pending row (PostgreSQL: LISTEN/
        NOTIFY; SQLite: nothing, its one process rings `bot.delivery.worker.Wakeup`)."""
        ...

    async def counts(self) -> dict[str, int]:
        """Number of deliveries per state."""
        ...

    async def for_channel(self, platform: str, channel_id: str) -> list[Delivery]:
        """All deliveries of one channel, oldest first."""
        ...


class FeedClaims(Protocol):
    """Who polls which feed now: each feed fetched once per interval across all processes.

    A feed is due when it was never claimed, when the interval since its last claim has
    passed (`next_in` of its release, when given, instead), or when its claimer's lease ran
    out without a release (that process died mid-poll: the feed is polled again now).
    """

    async def claim_feeds(self, owner: str, urls: Sequence[str], *, interval: float,
                          lease: float = LEASE, limit: int = 100) -> list[str]:
        """Of `urls`, those due now, leased to `owner` (each next due `interval` seconds
        from now); feeds not known yet are added."""
        ...

    async def release_feed(self, url: str, owner: str, *,
                           next_in: float | None = None) -> bool:
        """The poll is over: give up the lease (with `next_in`, the feed is next due that
        many seconds from now, e.g. a backoff). False when the feed was not `owner`'s."""
        ...


class Leadership(Protocol):
    """One process at a time runs a role's jobs (the scheduler's digests, overflow, retention).

    Every process asks `try_lead(role)` before firing such a job (and again every few
    seconds); the one that holds the role keeps it until it steps down or dies, and then the
    next process that asks takes it over. PostgreSQL: a session advisory lock, so a killed
    leader is replaced as soon as the server sees its connection close; SQLite (one
    process): always the leader.
    """

    async def try_lead(self, role: str) -> bool:
        """True while this process leads `role` (taking it when nobody does)."""
        ...

    async def step_down(self, role: str) -> None:
        """Give `role` up (at a clean stop: the next process takes it at once)."""
        ...


class HostSlots(Protocol):
    """Per-host politeness shared by every process: at most `slots` requests to one host at
    once across all of them (PostgreSQL: one session advisory lock per slot, freed when its
    process dies). SQLite serves one process: the fetcher's own semaphores suffice there and
    its store has no host slots (`Storage.hosts` is None)."""

    async def acquire(self, host: str, slots: int) -> int:
        """Wait for a free one of `host`'s first `slots` slots (the caller's per-host limit,
        `fetch.per_host`); its number, for `release`."""
        ...

    async def release(self, host: str, slot: int) -> None:
        """Free a slot taken with `acquire`."""
        ...


class Signals(Protocol):
    """News for the other processes of a deployment: "config" (a reload happened: reload too),
    "article" (payload: the id of an article stored: refresh in-memory indexes with it).
    PostgreSQL: NOTIFY/LISTEN; SQLite (one process): nobody else to tell, so nothing is sent
    and no callback ever runs. A callback runs on the event loop and must not block."""

    async def publish(self, topic: str, payload: str = "") -> None:
        """Tell every other process (best effort: a lost signal is caught up by polling)."""
        ...

    async def subscribe(self, topic: str, callback: Callable[[str], None]) -> None:
        """Call `callback(payload)` for each signal of `topic` from another process."""
        ...
