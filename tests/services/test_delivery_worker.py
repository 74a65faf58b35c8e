"""The delivery worker: exactly-once sending, recovery of interrupted sends, failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.chat.ports import SendResult
from bot.delivery.worker import DeliveryWorker
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store


class RecordingSender:
    """A ChatSender that keeps posted messages in memory (no platform wire exists here)."""

    platform = "test"

    def __init__(self, results: list[SendResult] | None = None) -> None:
        self.posted: dict[str, str] = {}
        self.calls = 0
        self.results = results or []

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        self.calls += 1
        if self.results:
            return self.results.pop(0)
        self.posted[delivery_id] = f"m{len(self.posted) + 1}"
        return SendResult(ok=True, message_id=self.posted[delivery_id])

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        return self.posted.get(delivery_id)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A migrated store on a temporary file."""
    s = await Store.open(tmp_path / "t.db")
    yield s
    await s.close()


async def _enqueue(store: Store, key: str) -> None:
    await store.outbox.enqueue([Outgoing(key=key, article_id=None, platform="test", channel_id="c",
                                         kind="article", card=Card(title=key).model_dump_json())])


async def test_each_row_is_sent_once(store: Store) -> None:
    """Three rows, two drains: three posts, all marked sent with message ids."""
    sender = RecordingSender()
    worker = DeliveryWorker(store, {"test": sender})
    for k in ("a", "b", "c"):
        await _enqueue(store, k)
    assert await worker.drain() == 3
    assert await worker.drain() == 0
    assert sender.calls == 3
    rows = await store.deliveries.for_channel("test", "c")
    assert {r.state for r in rows} == {"sent"} and all(r.message_id for r in rows)


async def test_interrupted_send_is_not_repeated(store: Store) -> None:
    """A row left in 'sending' whose message exists is marked sent without a second post."""
    sender = RecordingSender()
    await _enqueue(store, "a")
    (row,) = await store.deliveries.due(["test"])
    await store.deliveries.mark_sending(row.id)  # the process died after posting
    sender.posted["a"] = "m-before-crash"
    assert await DeliveryWorker(store, {"test": sender}).drain() == 1
    assert sender.calls == 0
    (done,) = await store.deliveries.for_channel("test", "c")
    assert done.state == "sent" and done.message_id == "m-before-crash"


async def test_interrupted_send_without_a_message_is_sent(store: Store) -> None:
    """A row left in 'sending' whose message never arrived is sent now, once."""
    sender = RecordingSender()
    await _enqueue(store, "a")
    (row,) = await store.deliveries.due(["test"])
    await store.deliveries.mark_sending(row.id)
    assert await DeliveryWorker(store, {"test": sender}).drain() == 1
    assert sender.calls == 1


async def test_permanent_failure_is_recorded_not_retried(store: Store) -> None:
    """channel_not_found marks the row failed and the subscription's last error."""
    await store.subscriptions.add("test", "c", "reserves")
    sender = RecordingSender([SendResult(ok=False, error="channel_not_found", permanent=True)])
    await _enqueue(store, "a")
    worker = DeliveryWorker(store, {"test": sender})
    await worker.drain()
    await worker.drain()
    assert sender.calls == 1
    (sub,) = await store.subscriptions.for_channel("test", "c")
    assert sub.last_error == "channel_not_found"


async def test_transient_failure_waits_for_retry_after(store: Store) -> None:
    """A 429-style result postpones the row by its Retry-After; nothing is lost."""
    sender = RecordingSender([SendResult(ok=False, error="ratelimited", retry_after=600)])
    await _enqueue(store, "a")
    await DeliveryWorker(store, {"test": sender}).drain()
    (row,) = await store.deliveries.for_channel("test", "c")
    assert row.state == "pending" and row.last_error == "ratelimited"
    assert await store.deliveries.due(["test"]) == []


async def _make_due(store: Store) -> None:
    await store.db.conn.execute("UPDATE deliveries SET not_before = NULL")
    await store.db.conn.commit()


class Notices:
    """Records admin notices (the real AdminNotices is tested through the Slack fake)."""

    def __init__(self) -> None:
        self.posted: dict[str, str] = {}

    async def post(self, title: str, text: str, key: str) -> int:
        new = key not in self.posted
        self.posted.setdefault(key, text)
        return int(new)


async def test_a_long_outage_loses_nothing_and_admins_hear_once(store: Store) -> None:
    """Twelve transient failures in a row (an outage of over an hour at the capped backoff):
    the alert is still delivered, once, and admins were told once that alerts are waiting."""
    down = [SendResult(ok=False, error="503 service unavailable") for _ in range(12)]
    sender = RecordingSender(down)
    notices = Notices()
    worker = DeliveryWorker(store, {"test": sender}, notices=notices)
    await _enqueue(store, "a")
    for _ in range(13):
        await worker.drain()
        await _make_due(store)
    (row,) = await store.deliveries.for_channel("test", "c")
    assert row.state == "sent" and sender.calls == 13 and list(sender.posted) == ["a"]
    assert row.attempts == 13
    assert [k.split(":")[0] for k in notices.posted] == ["delivery-stuck"]
    assert "failed 6 times" in next(iter(notices.posted.values()))


async def test_backoff_is_capped(store: Store) -> None:
    """Retries of a down platform settle at one every 10 minutes."""
    sender = RecordingSender([SendResult(ok=False, error="timeout")])
    await _enqueue(store, "a")
    await store.db.conn.execute("UPDATE deliveries SET attempts = 20")
    await store.db.conn.commit()
    await DeliveryWorker(store, {"test": sender}).drain()
    row = await store.db.fetchone("SELECT not_before FROM deliveries")
    assert row is not None
    wait = datetime.fromisoformat(row[0]) - datetime.now(UTC)
    assert timedelta(minutes=9) < wait <= timedelta(minutes=10, seconds=1)


async def test_a_retry_first_looks_for_the_earlier_attempt(store: Store) -> None:
    """A send that timed out but landed is found before the retry: no second post."""
    sender = RecordingSender([SendResult(ok=False, error="read timeout")])
    await _enqueue(store, "a")
    worker = DeliveryWorker(store, {"test": sender})
    await worker.drain()
    sender.posted["a"] = "m-landed"  # the platform did post it
    await _make_due(store)
    assert await worker.drain() == 1
    assert sender.calls == 1
    (row,) = await store.deliveries.for_channel("test", "c")
    assert row.state == "sent" and row.message_id == "m-landed"


async def test_a_refusing_channel_is_reported_to_admins_once(store: Store) -> None:
    """A permanent refusal tells admins once per channel and day, never about a notice."""
    refusals = [SendResult(ok=False, error="not_in_channel", permanent=True) for _ in range(3)]
    sender = RecordingSender(refusals)
    notices = Notices()
    worker = DeliveryWorker(store, {"test": sender}, notices=notices)
    for k in ("a", "b"):
        await _enqueue(store, k)
    await store.outbox.enqueue([Outgoing(key="notice:x", article_id=None, platform="test",
                                         channel_id="c", kind="notice",
                                         card=Card(title="n").model_dump_json())])
    await worker.drain()
    assert sender.calls == 3
    assert len(notices.posted) == 1
    (key,) = notices.posted
    assert key.startswith("delivery-failed:test:c:") and "not_in_channel" in notices.posted[key]
