"""The neutral outbound queue: pacing, 429 Retry-After; other failures go back to the worker."""

from __future__ import annotations

import asyncio
import itertools

from bot.chat.outbound import OutboundQueue
from bot.chat.ports import SendResult


class FakeClock:
    """A clock that only moves when the queue sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def _queue(clock: FakeClock, **kw: float) -> OutboundQueue:
    return OutboundQueue(clock=clock, sleep=clock.sleep, **kw)  # type: ignore[arg-type]


def _scripted(results: list[SendResult | Exception], log: list[float], clock: FakeClock):
    async def send() -> SendResult:
        log.append(clock.now)
        r = results.pop(0)
        if isinstance(r, Exception):
            raise r
        return r
    return send


async def test_burst_to_one_channel_is_paced_fifo() -> None:
    clock = FakeClock()
    q = _queue(clock, per_channel_interval=1.0)
    sent: list[tuple[int, float]] = []

    def make(i: int):
        async def send() -> SendResult:
            sent.append((i, clock.now))
            return SendResult(ok=True, message_id=str(i))
        return send

    results = await asyncio.gather(*(q.submit("C1", make(i)) for i in range(5)))
    assert [r.message_id for r in results] == ["0", "1", "2", "3", "4"]
    assert [i for i, _ in sent] == [0, 1, 2, 3, 4]
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(sent)]
    assert all(g >= 1.0 - 1e-9 for g in gaps)


async def test_channels_are_served_concurrently() -> None:
    gate = asyncio.Event()
    order: list[str] = []
    q = OutboundQueue(per_channel_interval=0.0)

    async def slow() -> SendResult:
        order.append("slow-start")
        await gate.wait()
        return SendResult(ok=True)

    async def fast() -> SendResult:
        order.append("fast")
        gate.set()
        return SendResult(ok=True)

    r1, r2 = await asyncio.wait_for(asyncio.gather(q.submit("A", slow), q.submit("B", fast)), 2)
    assert r1.ok and r2.ok
    assert order == ["slow-start", "fast"]


async def test_retry_after_is_honoured_then_succeeds() -> None:
    clock = FakeClock()
    q = _queue(clock, per_channel_interval=0.0)
    times: list[float] = []
    send = _scripted([SendResult(ok=False, error="ratelimited", retry_after=7),
                      SendResult(ok=True, message_id="m")], times, clock)
    result = await q.submit("C1", send)
    assert result.ok and result.message_id == "m"
    assert len(times) == 2 and times[1] - times[0] >= 7


async def test_transient_failures_go_back_to_the_caller_at_once() -> None:
    clock = FakeClock()
    q = _queue(clock, per_channel_interval=0.0)
    times: list[float] = []
    send = _scripted([SendResult(ok=False, error="internal_error"), OSError("reset")],
                     times, clock)
    first = await q.submit("C1", send)
    assert not first.ok and not first.permanent and first.error == "internal_error"
    second = await q.submit("C1", send)  # an exception becomes a transient result
    assert not second.ok and not second.permanent and second.error == "OSError: reset"
    assert len(times) == 2 and clock.sleeps == []  # no retry of its own: the worker owns it


async def test_rate_limits_give_up_after_max_attempts() -> None:
    clock = FakeClock()
    q = _queue(clock, per_channel_interval=0.0, max_attempts=3)
    times: list[float] = []
    send = _scripted([SendResult(ok=False, error="ratelimited", retry_after=2)] * 3,
                     times, clock)
    result = await q.submit("C1", send)
    assert not result.ok and result.retry_after == 2
    assert len(times) == 3
    assert [b - a for a, b in itertools.pairwise(times)] == [2.0, 2.0]


async def test_permanent_error_returned_at_once() -> None:
    clock = FakeClock()
    q = _queue(clock)
    times: list[float] = []
    send = _scripted([SendResult(ok=False, error="channel_not_found", permanent=True)],
                     times, clock)
    result = await q.submit("C1", send)
    assert result.permanent and result.error == "channel_not_found"
    assert len(times) == 1 and clock.sleeps == []
    assert q.pending() == 0
