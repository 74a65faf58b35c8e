"""A platform-neutral outbound pacing queue shared by the chat adapters.

Usage (one queue per adapter)::

    queue = OutboundQueue(per_channel_interval=1.0)
    result = await queue.submit(channel_id, lambda: post_once(channel_id, payload))

`submit` takes a zero-argument coroutine factory that performs exactly one platform call and
turns its outcome into a `SendResult` (it may also raise on network errors). The queue then:

- keeps posts to one channel in FIFO order, at most one every `per_channel_interval` seconds,
  while different channels are served concurrently;
- owns rate limits: when a result carries `retry_after` (HTTP 429) it holds the channel that
  long and tries again, up to `max_attempts` calls;
- returns every other failure at once (an exception becomes a transient `SendResult`): retries
  of failed sends belong to the delivery worker alone, which backs off, persists the attempt and
  looks in the channel's history before posting again (one retry policy, not two).

discord.py waits out 429s shorter than its `max_ratelimit_timeout` itself (it allows no less
than 30 s); longer ones reach this queue. The clock and sleep are injectable so tests can run
without real waiting.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.chat.ports import SendResult

log = logging.getLogger(__name__)

SendOnce = Callable[[], Awaitable[SendResult]]
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class _Channel:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    waiting: int = 0


class OutboundQueue:
    """Per-channel FIFO pacing that waits out 429s; other failures go back to the caller."""

    def __init__(
        self,
        *,
        per_channel_interval: float = 1.0,
        max_attempts: int = 5,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.per_channel_interval = per_channel_interval
        self.max_attempts = max_attempts
        self._clock = clock
        self._sleep = sleep
        self._channels: dict[str, _Channel] = {}

    def pending(self, channel_id: str | None = None) -> int:
        """How many submissions are queued or in flight (for one channel, or in total)."""
        if channel_id is not None:
            ch = self._channels.get(channel_id)
            return ch.waiting if ch else 0
        return sum(ch.waiting for ch in self._channels.values())

    async def submit(self, channel_id: str, send: SendOnce) -> SendResult:
        """Send through the channel's FIFO; returns the final `SendResult` (never raises)."""
        if len(self._channels) > 64:
            self._prune()
        ch = self._channels.setdefault(channel_id, _Channel())
        ch.waiting += 1
        try:
            async with ch.lock:
                return await self._deliver(ch, channel_id, send)
        finally:
            ch.waiting -= 1

    def _prune(self) -> None:
        now = self._clock()
        idle = [k for k, ch in self._channels.items() if ch.waiting == 0 and ch.next_at <= now]
        for key in idle:
            del self._channels[key]

    async def _deliver(self, ch: _Channel, channel_id: str, send: SendOnce) -> SendResult:
        result = SendResult(ok=False, error="not attempted")
        for attempt in range(1, self.max_attempts + 1):
            await self._wait_until(ch.next_at)
            try:
                result = await send()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # network errors and the like are transient
                log.warning("send to %s failed: %r", channel_id, exc)
                result = SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
            ch.next_at = self._clock() + self.per_channel_interval
            if result.ok or result.permanent or result.retry_after is None:
                return result
            if attempt == self.max_attempts:
                break
            delay = max(0.0, result.retry_after)
            log.info("rate limited on %s; retrying in %.2fs", channel_id, delay)
            ch.next_at = max(ch.next_at, self._clock() + delay)
        log.warning("still rate limited on %s after %d attempts: %s",
                    channel_id, self.max_attempts, result.error)
        return result

    async def _wait_until(self, when: float) -> None:
        delay = when - self._clock()
        if delay > 0:
            await self._sleep(delay)
