"""Delivery through the `DeliveryQueue` port: claim with a lease, look before resend, check the
lease just before posting. Several processes may run it against one PostgreSQL database and
each alert is posted once: a channel is served by one process at a time (an advisory lock,
which survives a stall and dies with the process), a row is claimed by one of them at a time
(`SKIP LOCKED`), the claim of a process that died lapses with its lease and another one takes
the row over, looking on the platform first (the row may have been posted just before the
death).

Not wired into `policywire run` yet: the running bot's worker is `bot.delivery.worker`
(SQLite, one process). This pass is what the PostgreSQL runtime will use; it keeps that
worker's rules (retries with capped backoff, permanent failures never retried) and leaves
admin notices and metrics to it for now.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping

from bot.chat.messages import Card
from bot.chat.ports import ChatSender
from bot.store.deliveries import Delivery
from bot.store.ports import LEASE, Channel, DeliveryQueue, new_owner

log = logging.getLogger(__name__)

BACKOFF_BASE = 5.0  # as bot.delivery.worker
BACKOFF_MAX = 600.0


class LeasedDrain:
    """Send what is due, claiming it first; one instance per process (one `owner`)."""

    def __init__(self, queue: DeliveryQueue, senders: Mapping[str, ChatSender], *,
                 owner: str | None = None, lease: float = LEASE, batch: int = 50) -> None:
        self.queue = queue
        self.senders = dict(senders)
        self.owner = owner or new_owner()
        self.lease = lease
        self.batch = batch
        self.lost = 0  # rows whose lease had passed to another process before posting
        self._bell: asyncio.Event | None = None
        self._stopping = False

    def wake(self) -> None:
        """Look at the outbox now (rung by NOTIFY from any process, or by `stop`)."""
        if self._bell is not None:
            self._bell.set()

    def stop(self) -> None:
        """End `run` after the pass in progress."""
        self._stopping = True
        self.wake()

    async def run(self, poll: float = 5.0) -> None:
        """Drain until `stop()`: at once when any process enqueues a pending row (LISTEN/
        NOTIFY on PostgreSQL), else every `poll` seconds (the fallback, and SQLite's way)."""
        self._bell = asyncio.Event()
        self._stopping = False
        await self.queue.listen(self.wake)
        while not self._stopping:
            try:
                await self.drain()
            except Exception:
                log.exception("leased delivery pass failed; the next pass retries")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._bell.wait(), poll)
            self._bell.clear()

    async def drain(self) -> int:
        """Serve every channel with due rows that no other process serves; how many rows
        were posted (or found posted). Channels go side by side; within a channel, rows go
        in id order, claimed `batch` at a time while this process holds the channel."""
        sent = 0
        while channels := await self.queue.due_channels(list(self.senders)):
            results = await asyncio.gather(*(self._serve(c) for c in channels),
                                           return_exceptions=True)
            progressed = 0
            for channel, result in zip(channels, results, strict=True):
                if isinstance(result, BaseException):  # that channel waits for the next pass
                    log.error("delivery to %s channel %s failed; its rows stay leased and are "
                              "looked for on the platform before any resend", *channel,
                              exc_info=result, extra={"channel_id": channel[1]})
                else:
                    progressed += result
            sent += progressed
            if progressed == 0:  # the rest is served elsewhere, or leased, or failing
                break
        return sent

    async def _serve(self, channel: Channel) -> int:
        if not await self.queue.take_channel(channel):
            return 0
        count = 0
        try:
            while rows := await self.queue.claim(self.owner, [channel[0]], limit=self.batch,
                                                 lease=self.lease, channel=channel):
                progressed = 0
                for d in rows:
                    if await self.send_one(d):
                        progressed += 1
                count += progressed
                if progressed == 0:
                    break
        finally:
            await self.queue.give_channel(channel)
        return count

    async def send_one(self, d: Delivery) -> bool:
        """One claimed row: True when it is now recorded as sent."""
        sender = self.senders[d.platform]
        extra = {"delivery_id": d.id, "channel_id": d.channel_id, "owner": self.owner}
        if d.state == "sending" or d.attempts > 0:  # an earlier attempt may have landed
            found = await sender.find_delivered(d.channel_id, d.key, since=d.first_attempt)
            if found is not None:
                await self.queue.mark_sent(d.id, found, owner=self.owner)
                log.info("delivery found already posted", extra=extra)
                return True
        if not await self.queue.mark_sending(d.id, owner=self.owner, lease=self.lease):
            self.lost += 1  # its lease lapsed and another process has it now: do not post
            log.info("delivery taken over by another process before posting", extra=extra)
            return False
        result = await sender.send_card(d.channel_id, Card.model_validate_json(d.card), d.key)
        if result.ok:
            await self.queue.mark_sent(d.id, result.message_id, owner=self.owner)
            return True
        error = result.error or "unknown error"
        if result.permanent:
            await self.queue.mark_failed(d.id, error, owner=self.owner)
        else:
            delay = result.retry_after or min(BACKOFF_MAX, BACKOFF_BASE * 2 ** d.attempts)
            await self.queue.retry_later(d.id, error, delay, owner=self.owner)
        return False
