"""One contract for the outbox on every engine (bot.store.ports): enqueue once per key, claim
with a lease, reclaim after the lease expires, and claimers running together never sharing a
row. Each test runs on SQLite and on a real PostgreSQL (tests/pgsupport.py)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from datetime import datetime

from bot.store.outbox import Outgoing
from bot.store.ports import DeliveryQueue, new_owner
from tests.store.engines import Engine, alert


async def test_each_key_is_enqueued_once(engine: Engine) -> None:
    assert await engine.outbox.enqueue([alert("a"), alert("b")]) == ["pending", "pending"]
    assert await engine.outbox.enqueue([alert("a"), alert("c")]) == [None, "pending"]
    assert await engine.outbox.enqueue([alert("b", state="held")]) == [None]  # the row stays
    assert [d.key for d in await engine.queue.for_channel("slack", "C1")] == ["a", "b", "c"]


async def test_the_same_key_from_several_connections_at_once_is_one_row(engine: Engine) -> None:
    others = [await engine.another_store() for _ in range(3)]
    added = await asyncio.gather(*(
        s.outbox.enqueue([alert(f"k{i}")]) for s in others for i in range(20)))
    assert sum(state is not None for [state] in added) == 20
    assert Counter(d.key for d in await engine.queue.for_channel("slack", "C1")) == {
        f"k{i}": 1 for i in range(20)}


async def test_hourly_limit_holds_the_rest(engine: Engine) -> None:
    states = await engine.outbox.enqueue([alert(f"a{i}", limit=2) for i in range(4)])
    assert states == ["pending", "pending", "held", "held"]
    assert await engine.outbox.enqueue([alert("d", digest=True)]) == ["held"]
    assert (await engine.queue.counts()) == {"pending": 2, "held": 3}


async def test_claim_leases_due_rows_oldest_first_and_only_once(engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a"), alert("b"), alert("c", channel="C2")])
    await engine.outbox.enqueue([alert("held", digest=True)])
    other = Outgoing(key="discord", article_id=None, platform="discord", channel_id="D",
                     kind="article", card="{}")
    await engine.outbox.enqueue([other])
    me, you = new_owner(), new_owner()
    first = await engine.queue.claim(me, ["slack"], limit=2)
    assert [(d.key, d.state, d.owner) for d in first] == [("a", "pending", me),
                                                         ("b", "pending", me)]
    rest = await engine.queue.claim(you, ["slack"])
    assert [d.key for d in rest] == ["c"]  # held rows and other platforms are not claimed
    assert [d.key for d in await engine.queue.claim(you, ["slack", "discord"])] == ["discord"]
    assert await engine.queue.claim(new_owner(), ["slack", "discord"]) == []
    assert await engine.queue.claim(me, []) == []


async def test_the_lease_is_checked_before_posting_and_released_when_done(
        engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a"), alert("b"), alert("c")])
    me, you = new_owner(), new_owner()
    a, b, c = await engine.queue.claim(me, ["slack"])
    assert not await engine.queue.mark_sending(a.id, owner=you)  # not theirs: do not post
    assert await engine.queue.mark_sending(a.id, owner=me)
    assert await engine.queue.hold(a.id, me)
    assert not await engine.queue.hold(a.id, you)
    assert await engine.queue.mark_sent(a.id, "m1", owner=me)
    assert not await engine.queue.hold(a.id, me)  # done: nothing left to hold
    assert not await engine.queue.mark_sending(a.id, owner=me)  # and never posted again
    assert not await engine.queue.retry_later(b.id, "boom", 3600, owner=you)
    assert await engine.queue.retry_later(b.id, "boom", 3600, owner=me)
    assert not await engine.queue.mark_failed(c.id, "gone", owner=you)
    assert await engine.queue.mark_failed(c.id, "gone", owner=me)
    rows = {d.key: d for d in await engine.queue.for_channel("slack", "C1")}
    assert (rows["a"].state, rows["a"].message_id, rows["a"].attempts) == ("sent", "m1", 1)
    assert rows["a"].first_attempt is not None
    assert (rows["b"].state, rows["b"].last_error, rows["b"].owner) == ("pending", "boom", None)
    assert (rows["c"].state, rows["c"].owner) == ("failed", None)
    assert await engine.queue.claim(you, ["slack"]) == []  # b waits out its retry delay


async def test_an_expired_lease_is_reclaimed_and_the_old_owner_may_not_post(
        engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a"), alert("b")])
    dead, alive = new_owner(), new_owner()
    a, b = await engine.queue.claim(dead, ["slack"], lease=0.3)
    assert await engine.queue.mark_sending(a.id, owner=dead, lease=0.3)  # then it stalls
    assert await engine.queue.claim(alive, ["slack"]) == []  # the leases still run
    await asyncio.sleep(0.5)
    again = await engine.queue.claim(alive, ["slack"])
    assert [(d.key, d.state, d.attempts, d.owner) for d in again] == [
        ("a", "sending", 1, alive),  # 'sending': the new owner looks before it resends
        ("b", "pending", 0, alive)]
    assert not await engine.queue.mark_sending(a.id, owner=dead)
    assert not await engine.queue.hold(b.id, dead)
    assert not await engine.queue.retry_later(a.id, "late", 1, owner=dead)
    assert await engine.queue.mark_sending(b.id, owner=alive)


async def test_claimers_running_together_each_get_different_rows(engine: Engine) -> None:
    """Three claimers (three connections, as three processes would have), 200 rows: every row
    is claimed exactly once and all of them are sent."""
    await engine.outbox.enqueue([alert(f"r{i:03}", channel=f"C{i % 7}") for i in range(200)])
    claimers = [(new_owner(), await engine.another()) for _ in range(3)]
    claimed: list[tuple[str, int]] = []

    async def work(owner: str, queue: DeliveryQueue) -> None:
        while rows := await queue.claim(owner, ["slack"], limit=7):
            for d in rows:
                claimed.append((owner, d.id))
                assert await queue.mark_sending(d.id, owner=owner)
                await asyncio.sleep(0)
                assert await queue.mark_sent(d.id, f"m{d.id}", owner=owner)

    await asyncio.gather(*(work(o, q) for o, q in claimers))
    ids = Counter(i for _, i in claimed)
    assert len(ids) == 200 and set(ids.values()) == {1}
    assert await engine.queue.counts() == {"sent": 200}
    if engine.name == "postgresql":  # real concurrency: the work was shared
        assert len({o for o, _ in claimed}) >= 2


async def test_a_channel_is_claimed_in_order_behind_another_owners_live_lease(
        engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a1"), alert("b1", channel="C2"), alert("a2")])
    assert await engine.queue.due_channels(["slack"]) == [("slack", "C1"), ("slack", "C2")]
    dead, alive = new_owner(), new_owner()
    assert [d.key for d in await engine.queue.claim(dead, ["slack"], limit=1, lease=0.3)] == [
        "a1"]
    # by their oldest claimable row: b1 (id 2) now comes before a2 (id 3)
    assert await engine.queue.due_channels(["slack"]) == [("slack", "C2"), ("slack", "C1")]
    # a2 is free, but a1 (earlier, same channel) is leased elsewhere: a2 must wait for it
    assert await engine.queue.claim(alive, ["slack"], channel=("slack", "C1")) == []
    assert [d.key for d in await engine.queue.claim(alive, ["slack"],
                                                    channel=("slack", "C2"))] == ["b1"]
    await asyncio.sleep(0.5)
    assert [d.key for d in await engine.queue.claim(alive, ["slack"],
                                                    channel=("slack", "C1"))] == ["a1", "a2"]
    assert await engine.queue.due_channels(["slack"]) == []
    assert await engine.queue.take_channel(("slack", "C1"))
    await engine.queue.give_channel(("slack", "C1"))


async def test_one_process_serves_a_channel_at_a_time(engine: Engine) -> None:
    if engine.name == "sqlite":
        return  # one process per SQLite file: every channel is its own (take is always True)
    first, second = await engine.another(), await engine.another()
    channel = ("slack", "C1")
    assert await first.take_channel(channel)
    assert await first.take_channel(channel)  # taking it again is a no-op
    assert not await second.take_channel(channel)
    assert await second.take_channel(("slack", "C2"))
    await first.give_channel(channel)
    assert await second.take_channel(channel)
    await second.give_channel(channel)
    assert await first.take_channel(channel)
    await engine.close()  # a process that dies (its connection closes) gives up its channels
    third = await engine.another()
    assert await third.take_channel(channel)


async def test_held_rows_become_one_digest_all_or_nothing(engine: Engine) -> None:
    assert await engine.outbox.enqueue([alert(f"a{i}", limit=1) for i in range(3)]) == [
        "pending", "held", "held"]
    assert await engine.outbox.overflow_channels() == [("slack", "C1")]
    rows = await engine.queue.for_channel("slack", "C1")
    held = [d.id for d in rows if d.state == "held"]
    first = rows[0].id
    digest = Outgoing(key="digest:C1:1", article_id=None, platform="slack", channel_id="C1",
                      kind="digest", card='{"title": "digest"}', state="pending")
    assert not await engine.outbox.commit_digest(digest, [*held, first])  # a1 is not held
    assert await engine.queue.counts() == {"pending": 1, "held": 2}  # nothing changed
    assert await engine.outbox.commit_digest(digest, held)
    assert not await engine.outbox.commit_digest(digest, held)  # its key exists now
    states = {d.key: d.state for d in await engine.queue.for_channel("slack", "C1")}
    assert states == {"a0": "pending", "a1": "digested", "a2": "digested",
                      "digest:C1:1": "pending"}
    assert await engine.outbox.overflow_channels() == []


async def test_a_growing_storys_waiting_alerts_get_the_new_card(engine: Engine) -> None:
    await engine.make_articles([70, 71, 72, 80])
    await engine.outbox.enqueue([
        Outgoing(key=f"story:7:slack:C{i}", article_id=70 + i, platform="slack",
                 channel_id=f"C{i}", kind="article", card='{"title": "old"}') for i in range(3)])
    await engine.outbox.enqueue([Outgoing(key="story:8:slack:C0", article_id=80,
                                          platform="slack", channel_id="C0", kind="article",
                                          card='{"title": "other"}')])
    waiting = sorted(await engine.outbox.waiting_for_story(7))
    assert [a for _, a in waiting] == [70, 71, 72]
    (sent_id, _), (kept_id, _), _ = waiting
    owner = new_owner()
    await engine.queue.claim(owner, ["slack"], channel=("slack", "C0"))
    assert await engine.queue.mark_sent(sent_id, "m")
    assert not await engine.outbox.replace_waiting_card(sent_id, '{"title": "new"}')
    assert await engine.outbox.replace_waiting_card(kept_id, '{"title": "new"}')
    assert [a for _, a in sorted(await engine.outbox.waiting_for_story(7))] == [71, 72]
    (row,) = await engine.queue.for_channel("slack", "C1")
    assert row.card == '{"title": "new"}'


async def test_retry_later_hides_a_row_until_due(engine: Engine) -> None:
    """A transient failure postpones the row; a permanent one takes it out for good."""
    deliveries = engine.store.deliveries
    await engine.outbox.enqueue([alert("k1", "c"), alert("k2", "c"),
                                 replace(alert("k3", "c"), platform="discord"),
                                 alert("k4", "c", state="held")])
    d1, d2 = await deliveries.due(["slack"])
    assert (d1.key, d2.key, d1.state, d1.attempts) == ("k1", "k2", "pending", 0)
    assert [d.key for d in await deliveries.due(["slack", "discord"], limit=2)] == ["k1", "k2"]
    assert await deliveries.due([]) == []
    await deliveries.retry_later(d1.id, "HTTP 503", 3600)
    await deliveries.mark_failed(d2.id, "channel_not_found")
    assert await deliveries.due(["slack"]) == []
    assert (await deliveries.counts()) == {"pending": 2, "failed": 1, "held": 1}


async def test_an_interrupted_send_is_due_again(engine: Engine) -> None:
    await engine.outbox.enqueue([alert("a")])
    (row,) = await engine.store.deliveries.due(["slack"])
    assert await engine.store.deliveries.mark_sending(row.id)
    (again,) = await engine.store.deliveries.due(["slack"])
    assert (again.state, again.attempts) == ("sending", 1)
    assert again.first_attempt is not None and again.first_attempt.tzinfo is not None


async def test_held_rows_are_listed_per_channel_oldest_first(engine: Engine) -> None:
    await engine.make_articles([5])
    await engine.outbox.enqueue([
        alert("d1", digest=True), alert("p1"), alert("r1", limit=1), alert("r2", limit=1),
        alert("other", channel="C2", digest=True),
        Outgoing(key="d2", article_id=5, platform="slack", channel_id="C1", kind="article",
                 card='{"title": "five"}', digest=True)])
    held = await engine.outbox.held("slack", "C1")
    assert [(h.key, h.article_id, h.story_id, h.kind, h.hold_reason) for h in held] == [
        ("d1", None, None, "article", None), ("r1", None, None, "article", "rate-limit"),
        ("r2", None, None, "article", "rate-limit"), ("d2", 5, None, "article", None)]
    assert held[-1].card == '{"title": "five"}'
    assert all(datetime.fromisoformat(h.created_at).tzinfo is not None for h in held)
    assert await engine.outbox.held("slack", "nowhere") == []
    digest = Outgoing(key="digest:C1", article_id=None, platform="slack", channel_id="C1",
                      kind="digest", card="{}", state="pending")
    assert await engine.outbox.commit_digest(digest, [h.id for h in held])
    assert await engine.outbox.held("slack", "C1") == []
    assert [h.key for h in await engine.outbox.held("slack", "C2")] == ["other"]
