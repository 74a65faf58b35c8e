"""The loop-lag monitor notices a loop that was blocked."""

from __future__ import annotations

import time

import pytest

from bot.metrics import Metrics
from bot.ops.looplag import LoopLagMonitor


async def test_records_lag_when_the_loop_is_blocked() -> None:
    metrics = Metrics(process_metrics=False)
    monitor = LoopLagMonitor(metrics, interval=0.02)
    monitor.start()
    try:
        assert monitor.running
        await monitor.next_sample()
        time.sleep(0.2)  # noqa: ASYNC251 - blocks the loop on purpose: the lag to measure
        lag = await monitor.next_sample()
    finally:
        await monitor.stop()
    assert lag >= 0.1
    assert monitor.max_lag >= 0.1
    assert not monitor.running
    assert metrics.value("policywire_event_loop_lag_max_seconds") >= 0.1
    assert metrics.value("policywire_event_loop_lag_seconds_bucket", {"le": "0.1"}) < \
        metrics.value("policywire_event_loop_lag_seconds_count")


async def test_start_is_idempotent_and_stop_without_start_is_harmless() -> None:
    monitor = LoopLagMonitor(None, interval=0.01)
    await monitor.stop()
    monitor.start()
    first = monitor._task
    monitor.start()
    assert monitor._task is first
    await monitor.next_sample()
    await monitor.stop()
    assert monitor.samples >= 1


def test_interval_must_be_positive() -> None:
    with pytest.raises(ValueError):
        LoopLagMonitor(None, interval=0)
