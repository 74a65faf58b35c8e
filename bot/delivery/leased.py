"""Delivery through the `DeliveryQueue` port: claim with a lease, look before resend, check the
lease just before posting. Several processes may run it against one PostgreSQL database and
each alert is posted once: a row is claimed by one of them at a time (`SKIP LOCKED`), the
claim of a process that died lapses with its lease and another one takes the row over,
looking on the platform first (the row may have been posted just before the death).

Not wired into `policywire run` yet: the running bot's worker is `bot.delivery.worker`
(SQLite, one process). This pass is what the PostgreSQL runtime will use; it keeps that
worker's rules (retries with capped backoff, permanent failures never retried) and leaves
admin notices and metrics to it for now.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping

from bot.chat.messages import Card
from bot.chat.ports import ChatSender
from bot.store.deliveries import Delivery
from bot.store.ports import LEASE, DeliveryQueue, new_owner

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

    async def drain(self) -> int:
        """Claim and send until nothing is claimable; how many were posted (or found posted).

        Each claimed batch is sent channel by channel, in id order within a channel, the
        channels side by side.
        """
        sent = 0
        while rows := await self.queue.claim(self.owner, list(self.senders), limit=self.batch,
                                             lease=self.lease):
            by_channel: dict[tuple[str, str], list[Delivery]] = defaultdict(list)
            for d in rows:
                by_channel[(d.platform, d.channel_id)].append(d)
            counts = await asyncio.gather(*(self._channel(ds) for ds in by_channel.values()))
            sent += sum(counts)
        return sent

    async def _channel(self, rows: list[Delivery]) -> int:
        count = 0
        for d in rows:
            if await self.send_one(d):
                count += 1
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
