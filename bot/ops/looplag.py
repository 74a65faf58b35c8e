"""Event-loop lag: a task that sleeps a fixed interval and records how late it woke.

A blocked loop (CPU work or a blocking call on the loop thread) delays every coroutine; the lag
of a plain timer is the cheapest honest measure of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.metrics import Metrics

log = logging.getLogger(__name__)


class LoopLagMonitor:
    """Samples event-loop lag every `interval` seconds into `metrics`."""

    def __init__(self, metrics: Metrics | None, interval: float = 0.25,
                 warn_after: float = 1.0) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.metrics = metrics
        self.interval = interval
        self.warn_after = warn_after
        self.max_lag = 0.0
        self.last_lag = 0.0
        self.samples = 0
        self._task: asyncio.Task[None] | None = None
        self._sampled = asyncio.Condition()

    @property
    def running(self) -> bool:
        """Whether the sampling task is alive."""
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start sampling on the running loop (idempotent)."""
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name="policywire-looplag")

    async def stop(self) -> None:
        """Stop sampling and wait for the task to end."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def next_sample(self) -> float:
        """Wait for the next sample and return its lag in seconds."""
        async with self._sampled:
            seen = self.samples
            await self._sampled.wait_for(lambda: self.samples > seen)
            return self.last_lag

    def record(self, lag: float) -> None:
        """Record one lag measurement (seconds late, never negative)."""
        lag = max(0.0, lag)
        self.last_lag = lag
        self.max_lag = max(self.max_lag, lag)
        self.samples += 1
        if self.metrics is not None:
            self.metrics.loop_lag_observed(lag, self.max_lag)
        if lag >= self.warn_after:
            log.warning("event loop was blocked for %.3f s", lag, extra={"lag_s": round(lag, 3)})

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(self.interval)
            self.record(loop.time() - started - self.interval)
            async with self._sampled:
                self._sampled.notify_all()
