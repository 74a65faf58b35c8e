"""The delivery worker (bot/delivery/worker.py) over the `DeliveryQueue` port, on both
engines: posts each due row once, looks before a resend, keeps its retry rules, and never
posts a row whose lease passed to another process."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.chat.messages import Card
from bot.chat.ports import SendResult
from bot.delivery.worker import DeliveryWorker
from bot.store.ports import new_owner
from tests.store.engines import Engine, alert


class FakeSender:
    platform = "slack"

    def __init__(self, outcomes: dict[str, SendResult] | None = None) -> None:
        self.posted: list[str] = []
        self.history: dict[str, str] = {}  # key -> message id, as the channel shows it
        self.outcomes = outcomes or {}

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        await asyncio.sleep(0)
        result = self.outcomes.get(delivery_id, SendResult(ok=True, message_id=f"m-{delivery_id}"))
        if result.ok:
            self.posted.append(delivery_id)
            self.history[delivery_id] = result.message_id or ""
        return result

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        return self.history.get(delivery_id)


async def test_posts_each_row_once_and_keeps_the_retry_rules(engine: Engine) -> None:
    await engine.outbox.enqueue([alert(f"a{i}", channel=f"C{i % 3}") for i in range(9)])
    sender = FakeSender({"a4": SendResult(ok=False, error="gone", permanent=True),
                         "a5": SendResult(ok=False, error="503", retry_after=120)})
    drain = DeliveryWorker(engine.store, {"slack": sender}, batch=4, owner=new_owner())
    assert await drain.drain() == 7
    assert sorted(sender.posted) == sorted(f"a{i}" for i in range(9) if i not in (4, 5))
    assert await drain.drain() == 0  # a5 waits out its delay, a4 is never retried
    rows = {d.key: d for c in ("C0", "C1", "C2") for d in await engine.queue.for_channel(
        "slack", c)}
    assert (rows["a4"].state, rows["a4"].last_error) == ("failed", "gone")
    assert (rows["a5"].state, rows["a5"].attempts, rows["a5"].owner) == ("pending", 1, None)
    assert await engine.queue.counts() == {"sent": 7, "failed": 1, "pending": 1}


async def test_an_interrupted_send_found_on_the_platform_is_not_posted_again(
        engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a"), alert("b")])
    dead = new_owner()
    a, b = await engine.queue.claim(dead, ["slack"], lease=0.2)
    await engine.queue.mark_sending(a.id, owner=dead, lease=0.2)
    await engine.queue.mark_sending(b.id, owner=dead, lease=0.2)
    sender = FakeSender()
    sender.history["a"] = "m-early"  # a was posted just before its process died; b was not
    await asyncio.sleep(0.3)
    assert await DeliveryWorker(engine.store, {"slack": sender}, owner=new_owner()).drain() == 2
    assert sender.posted == ["b"]
    rows = {d.key: d for d in await engine.queue.for_channel("slack", "C1")}
    assert (rows["a"].state, rows["a"].message_id) == ("sent", "m-early")


async def test_a_row_taken_over_before_posting_is_not_posted(engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a")])
    sender = FakeSender()
    slow = DeliveryWorker(engine.store, {"slack": sender}, lease=0.2, owner=new_owner())
    (row,) = await engine.queue.claim(slow.owner, ["slack"], lease=0.2)
    await asyncio.sleep(0.3)  # the claimer stalls past its lease ...
    (taken,) = await engine.queue.claim(new_owner(), ["slack"])  # ... and another takes it
    assert taken.id == row.id
    assert not await slow.send_one(row)
    assert sender.posted == [] and slow.lost == 1


async def test_a_channel_whose_send_raises_does_not_stop_the_others(engine: Engine) -> None:
    await engine.outbox.enqueue([alert("bad", channel="C1"), alert("good", channel="C2")])

    class Exploding(FakeSender):
        async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
            if channel_id == "C1":
                raise RuntimeError("adapter bug")
            return await super().send_card(channel_id, card, delivery_id)

    sender = Exploding()
    drain = DeliveryWorker(engine.store, {"slack": sender}, owner=new_owner())
    assert await drain.drain() == 1
    assert sender.posted == ["good"]
    other = await engine.another()  # another process can take the channel: it was given back
    assert await other.take_channel(("slack", "C1"))
