"""A platform-neutral outbound pacing queue shared by the chat adapters.

Usage (one queue per adapter)::

    queue = OutboundQueue(per_channel_interval=1.0)
    result = await queue.submit(channel_id, lambda: post_once(channel_id, payload))

`submit` takes a zero-argument coroutine factory that performs exactly one platform call and
turns its outcome into a `SendResult` (it may also raise on network errors). The queue then:

- keeps posts to one channel in FIFO order, at most one every `per_channel_interval` seconds,
  while different channels are served concurrently;
- waits `retry_after` seconds and tries again when a result carries it (HTTP 429);
- retries other non-permanent failures and exceptions with exponential backoff;
- returns permanent failures at once, never retrying them;
- gives up after `max_attempts` calls and returns the last failure.

The clock and sleep are injectable so tests can run without real waiting.
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
    """Per-channel FIFO pacing with 429, backoff and permanent-error handling."""

    def __init__(
        self,
        *,
        per_channel_interval: float = 1.0,
        max_attempts: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.per_channel_interval = per_channel_interval
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
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
            if result.ok or result.permanent:
                return result
            if attempt == self.max_attempts:
                break
            if result.retry_after is not None:
                delay = max(0.0, result.retry_after)
                log.info("rate limited on %s; retrying in %.2fs", channel_id, delay)
            else:
                delay = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
                log.info("transient failure on %s (%s); retry %d in %.2fs",
                         channel_id, result.error, attempt, delay)
            ch.next_at = max(ch.next_at, self._clock() + delay)
        log.warning("giving up on %s after %d attempts: %s",
                    channel_id, self.max_attempts, result.error)
        return result

    async def _wait_until(self, when: float) -> None:
        delay = when - self._clock()
        if delay > 0:
            await self._sleep(delay)
