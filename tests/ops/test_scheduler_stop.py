"""Stopping the scheduler: runs in flight finish before what they use is closed; late runs stop."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.scheduler import Scheduler


def _fire_now(sched: Scheduler, job_id: str, job: object) -> None:
    sched.every(job_id, job, 3600, jitter=0, first_run=datetime.now(UTC))  # type: ignore[arg-type]


async def test_stop_waits_for_a_run_in_flight_and_fires_nothing_after() -> None:
    sched = Scheduler(jitter=0)
    started, release = asyncio.Event(), asyncio.Event()
    runs: list[str] = []

    async def job() -> None:
        runs.append("start")
        started.set()
        await release.wait()
        runs.append("end")

    _fire_now(sched, "poll", job)
    sched.start()
    await asyncio.wait_for(started.wait(), 30)
    stopping = asyncio.create_task(sched.stop(timeout=60))
    for _ in range(20):  # let stop() reach its wait; it must not return while the job runs
        await asyncio.sleep(0)
    assert not stopping.done()
    release.set()
    await asyncio.wait_for(stopping, 30)
    assert runs == ["start", "end"]
    assert not sched.running


async def test_stop_cancels_a_run_that_outlives_the_grace() -> None:
    sched = Scheduler(jitter=0)
    started = asyncio.Event()
    seen: list[str] = []

    async def stuck() -> None:
        started.set()
        try:
            await asyncio.Event().wait()  # never set
        except asyncio.CancelledError:
            seen.append("cancelled")
            raise

    _fire_now(sched, "digest", stuck)
    sched.start()
    await asyncio.wait_for(started.wait(), 30)
    await asyncio.wait_for(sched.stop(timeout=0.01), 30)
    assert seen == ["cancelled"]
    assert not sched.running


async def test_a_failing_run_is_logged_and_stop_still_returns(
        caplog: pytest.LogCaptureFixture) -> None:
    sched = Scheduler(jitter=0)
    raised = asyncio.Event()

    async def flaky() -> None:
        raised.set()
        raise RuntimeError("boom")

    _fire_now(sched, "flaky", flaky)
    sched.start()
    await asyncio.wait_for(raised.wait(), 30)
    await asyncio.wait_for(sched.stop(timeout=30), 30)
    assert not sched.running
    assert any(r.getMessage() == "scheduled job failed" and r.exc_info for r in caplog.records)
