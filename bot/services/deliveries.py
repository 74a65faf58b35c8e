"""The delivery worker: sends outbox rows through the adapter of their platform.

A row is marked `sending` (committed) before the send and `sent` after it. A row found in
`sending` at start-up had an unknown outcome: the adapter is asked whether the message already
exists (Slack metadata, Discord nonce) before it is sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from bot.chat.messages import Card
from bot.chat.ports import ChatSender
from bot.store.deliveries import Delivery
from bot.store.sqlite import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


class DeliveryWorker:
    """Drain the outbox; wake on new rows, poll otherwise."""

    def __init__(self, store: Store, senders: Mapping[str, ChatSender], poll: float = 5.0) -> None:
        self.store = store
        self.senders = dict(senders)
        self.poll = poll
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.metrics: Any = None  # bot.metrics.Metrics, set by the composition root

    def wake(self) -> None:
        """Ask the worker to look at the outbox now."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background until `stop()`."""
        self._task = asyncio.create_task(self._run(), name="delivery-worker")

    async def stop(self) -> None:
        """Finish the current batch and stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self.drain()
            except Exception:
                log.exception("delivery pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll)
            self._wake.clear()

    async def drain(self) -> int:
        """Send everything due now; returns how many were sent."""
        sent = 0
        while True:
            due = await self.store.deliveries.due(list(self.senders), limit=200)
            if not due:
                return sent
            by_channel: dict[tuple[str, str], list[Delivery]] = defaultdict(list)
            for d in due:
                by_channel[(d.platform, d.channel_id)].append(d)
            results = await asyncio.gather(*(self._send_all(ds) for ds in by_channel.values()))
            progressed = sum(results)
            sent += progressed
            if progressed == 0:
                return sent

    async def _send_all(self, deliveries: list[Delivery]) -> int:
        count = 0
        for d in deliveries:
            if self._stopping:
                break
            if await self._send_one(d):
                count += 1
        return count

    async def _send_one(self, d: Delivery) -> bool:
        sender = self.senders[d.platform]
        key = d.key
        extra = {"delivery_id": d.id, "channel_id": d.channel_id, "article_id": d.article_id}
        if d.state == "sending":
            found = await sender.find_delivered(d.channel_id, key)
            if found is not None:
                await self.store.deliveries.mark_sent(d.id, found)
                log.info("delivery found already posted", extra=extra)
                return True
        if d.attempts >= MAX_ATTEMPTS:
            await self.store.deliveries.mark_failed(d.id, f"gave up after {d.attempts} attempts")
            return False
        await self.store.deliveries.mark_sending(d.id)
        card = Card.model_validate_json(d.card)
        result = await sender.send_card(d.channel_id, card, key)
        if result.ok:
            await self.store.deliveries.mark_sent(d.id, result.message_id)
            if self.metrics is not None:
                self.metrics.alert_sent(d.platform)
            log.info("delivered", extra=extra)
            return True
        error = result.error or "unknown error"
        if self.metrics is not None:
            self.metrics.alert_failed(d.platform, result.permanent)
        if result.permanent:
            await self.store.deliveries.mark_failed(d.id, error)
            await self.store.subscriptions.record_error(d.platform, d.channel_id, error)
            log.warning("delivery failed permanently: %s", error, extra=extra)
        else:
            delay = result.retry_after or min(600.0, 5.0 * 2 ** d.attempts)
            await self.store.deliveries.retry_later(d.id, error, delay)
            log.warning("delivery will be retried in %.0fs: %s", delay, error, extra=extra)
        return False
