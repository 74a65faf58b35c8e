"""The delivery worker: sends outbox rows through the adapter of their platform.

A row is marked `sending` (committed) before the send and `sent` after it. A row found in
`sending` at start-up, or retried after an earlier attempt, may already have been posted: the
adapter is asked whether the message exists (Slack metadata, Discord footer reference and
nonce), searching the channel back to the row's first attempt (bounded, see
`bot.chat.ports.HISTORY_LIMIT`), before it is sent again. Transient failures are retried for
as long as it takes, with capped backoff, so an outage never drops an alert; admins are told
when a channel's alerts are stuck and when a channel refuses them for good (via
`AdminNotices`, once per channel and day).

Rows are claimed through the `DeliveryQueue` port, so several processes may drain one
PostgreSQL outbox and each alert is posted once: a channel is served by one process at a time
(`take_channel`: an advisory lock there, which survives a stall and dies with its process),
its rows are leased to one claimer (`SKIP LOCKED`), the lease is checked again just before
posting, and the rows of a process that died are taken over when their lease runs out, looking
on the platform first. On SQLite the one process is the sole owner and takes its own rows back
at once after a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from bot.chat.messages import Card
from bot.chat.ports import ChatSender
from bot.store.deliveries import Delivery
from bot.store.ports import LEASE, Channel
from bot.store.repositories import Storage

log = logging.getLogger(__name__)

BACKOFF_BASE = 5.0  # seconds before the first retry; doubles per attempt
BACKOFF_MAX = 600.0  # retries of a down platform settle at one per 10 minutes
STUCK_AFTER = 6  # attempts (about 5 minutes of failures) before admins hear of it


class Notices(Protocol):
    """Where the worker reports problems (bot.delivery.notices.AdminNotices)."""

    async def post(self, title: str, text: str, key: str) -> int: ...


class Wakeup:
    """The outbox's doorbell: whoever enqueues rings it (`wakeup()`), the worker waits on it.

    Built before the worker so that every producer (alerts, digests, notices) can be given it
    at construction, while the worker itself is given the notices it reports to.
    """

    def __init__(self) -> None:
        self.event = asyncio.Event()

    def __call__(self) -> None:
        self.event.set()


class DeliveryWorker:
    """Drain the outbox; wake on new rows (this process's `Wakeup`, and NOTIFY from the
    others on PostgreSQL), poll otherwise. One per process, with the store's lease owner."""

    def __init__(self, store: Storage, senders: Mapping[str, ChatSender], poll: float = 5.0, *,
                 wakeup: Wakeup | None = None, metrics: Any = None,
                 notices: Notices | None = None, owner: str | None = None,
                 lease: float = LEASE, batch: int = 50) -> None:
        self.store = store
        self.queue = store.deliveries
        self.senders = dict(senders)
        self.poll = poll
        self.owner = owner or store.owner
        self.lease = lease
        self.batch = batch
        self.lost = 0  # rows whose lease had passed to another process before posting
        self._wake = (wakeup or Wakeup()).event
        self._pass = asyncio.Lock()
        # Rows posted whose 'sent' could not be written (the store failed after the post):
        # the next pass records them without asking the platform or posting again.
        self._unrecorded: dict[int, str | None] = {}
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.metrics: Any = metrics  # bot.metrics.Metrics (or None in tests)
        self.notices = notices

    def wake(self) -> None:
        """Ask the worker to look at the outbox now."""
        self._wake.set()

    def add_sender(self, sender: ChatSender) -> None:
        """Post through `sender` for its platform from now on."""
        self.senders[sender.platform] = sender

    def start(self) -> None:
        """Run in the background until `stop()`."""
        self._task = asyncio.create_task(self._run(), name="delivery-worker")

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop after the sends in flight, waiting at most `timeout` seconds for them.

        A send still waiting after that (a Retry-After, a slow platform) is cancelled: its row
        stays `sending` and the next start checks the platform before sending it again.
        """
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:
            log.warning("deliveries still in flight after %.0fs: parked for the next start",
                        timeout)
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _run(self) -> None:
        try:
            await self.queue.listen(self.wake)
        except Exception:
            log.exception("cannot listen for new alerts of other processes; polling only")
        while not self._stopping:
            try:
                await self.drain()
            except Exception:
                log.exception("delivery pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll)
            self._wake.clear()

    async def drain(self) -> int:
        """Send everything due now that no other process serves; how many were sent.

        Channels go side by side, each served by one process at a time (`take_channel`), its
        rows claimed in id order `batch` at a time with a lease. One pass at a time: a pass
        ends only when every channel's sends in it have ended, so a failure in one channel
        never leaves sends running beside the next pass. A channel whose pass failed is
        logged and left for the next pass, which looks on the platform before it resends
        anything that may have been posted.
        """
        async with self._pass:
            sent = 0
            while not self._stopping and (
                    channels := await self.queue.due_channels(list(self.senders))):
                results = await asyncio.gather(*(self._serve(c) for c in channels),
                                               return_exceptions=True)
                progressed, failed = 0, False
                for (platform, channel), result in zip(channels, results, strict=True):
                    if isinstance(result, BaseException):
                        failed = True
                        log.error("delivery pass failed for %s channel %s; its rows are "
                                  "checked on the platform before any resend", platform,
                                  channel, exc_info=result, extra={"channel_id": channel})
                    else:
                        progressed += result
                sent += progressed
                if progressed == 0 or failed:  # the rest is elsewhere, leased, or failing
                    break
            return sent

    async def _serve(self, channel: Channel) -> int:
        """Post a channel's claimable rows while this process holds the channel."""
        if not await self.queue.take_channel(channel):
            return 0
        count = 0
        try:
            while not self._stopping and (rows := await self.queue.claim(
                    self.owner, [channel[0]], limit=self.batch, lease=self.lease,
                    channel=channel)):
                progressed = 0
                for d in rows:
                    if self._stopping:
                        break
                    if await self.send_one(d):
                        progressed += 1
                count += progressed
                if progressed == 0:
                    break
        finally:
            await self.queue.give_channel(channel)
        return count

    async def send_one(self, d: Delivery) -> bool:
        sender = self.senders[d.platform]
        key = d.key
        extra = {"delivery_id": d.id, "channel_id": d.channel_id, "article_id": d.article_id}
        if d.id in self._unrecorded:
            await self.queue.mark_sent(d.id, self._unrecorded[d.id], owner=self.owner)
            del self._unrecorded[d.id]
            log.info("delivery recorded as sent after a store failure", extra=extra)
            return True
        if d.state == "sending" or d.attempts > 0:  # an earlier attempt may have landed
            found = await sender.find_delivered(d.channel_id, key, since=d.first_attempt)
            if found is not None:
                await self.queue.mark_sent(d.id, found, owner=self.owner)
                log.info("delivery found already posted", extra=extra)
                return True
        if not await self.queue.mark_sending(d.id, owner=self.owner, lease=self.lease):
            self.lost += 1  # its lease lapsed and another process has it now: do not post
            log.info("delivery taken over by another process before posting", extra=extra)
            return False
        card = Card.model_validate_json(d.card)
        result = await sender.send_card(d.channel_id, card, key)
        if result.ok:
            try:
                await self.queue.mark_sent(d.id, result.message_id, owner=self.owner)
            except BaseException:
                self._unrecorded[d.id] = result.message_id
                raise
            if self.metrics is not None:
                self.metrics.alert_sent(d.platform)
            log.info("delivered", extra=extra)
            return True
        error = result.error or "unknown error"
        if self.metrics is not None:
            self.metrics.alert_failed(d.platform, result.permanent)
        if result.permanent:
            await self.queue.mark_failed(d.id, error, owner=self.owner)
            await self.store.subscriptions.record_error(d.platform, d.channel_id, error)
            log.warning("delivery failed permanently: %s", error, extra=extra)
            await self._tell_admins(d, "failed", "Alerts refused by a channel",
                                    f"{d.platform} channel {d.channel_id} refuses alerts: "
                                    f"{error}. Its alerts are marked failed; fix the bot's "
                                    f"access or /unsubscribe the channel.")
        else:
            delay = result.retry_after or min(BACKOFF_MAX, BACKOFF_BASE * 2 ** d.attempts)
            await self.queue.retry_later(d.id, error, delay, owner=self.owner)
            log.warning("delivery will be retried in %.0fs: %s", delay, error, extra=extra)
            if d.attempts + 1 == STUCK_AFTER:
                await self._tell_admins(d, "stuck", "Alerts waiting",
                                        f"Alerts to {d.platform} channel {d.channel_id} have "
                                        f"failed {STUCK_AFTER} times ({error}). They are kept "
                                        f"and retried every {BACKOFF_MAX / 60:.0f} minutes.")
        return False

    async def _tell_admins(self, d: Delivery, what: str, title: str, text: str) -> None:
        """One notice per channel, problem and day; never about a notice (no loops)."""
        if self.notices is None or d.kind == "notice":
            return
        day = datetime.now(UTC).date().isoformat()
        key = f"delivery-{what}:{d.platform}:{d.channel_id}:{day}"
        try:
            await self.notices.post(title, text, key)
        except Exception:
            log.exception("could not notify admins about channel %s", d.channel_id)
