"""Feed polling claims (bot.store.ports.FeedClaims) on both engines: each feed is claimed once
per interval however many processes ask, a poll whose process died is taken over when its
lease runs out, and a release may push the next turn back (a backoff)."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.store.ports import FeedClaims, new_owner
from tests.store.engines import Engine

FEEDS = [f"https://feeds.example/{i:02}.xml" for i in range(20)]


async def test_20_feeds_3_pollers_each_fetched_once_per_interval(engine: Engine) -> None:
    pollers = [(new_owner(), await engine.another_feeds()) for _ in range(3)]

    async def poll(owner: str, claims: FeedClaims, claimed: list[str]) -> None:
        got = await claims.claim_feeds(owner, FEEDS, interval=1.0, limit=7)
        claimed.extend(got)
        await asyncio.sleep(0)
        for url in got:
            assert await claims.release_feed(url, owner)

    for _ in range(2):  # two intervals
        claimed: list[str] = []
        await asyncio.gather(*(poll(o, c, claimed) for o, c in pollers for _ in range(3)))
        assert Counter(claimed) == dict.fromkeys(FEEDS, 1)  # each feed once, none left out
        assert all([await c.claim_feeds(o, FEEDS, interval=1.0) == [] for o, c in pollers])
        await asyncio.sleep(1.2)


async def test_a_dead_pollers_feed_is_polled_again_when_its_lease_runs_out(
        engine: Engine) -> None:
    dead, alive = new_owner(), new_owner()
    assert await engine.feeds.claim_feeds(dead, FEEDS[:2], interval=3600, lease=0.3) == (
        FEEDS[:2])
    assert await engine.feeds.release_feed(FEEDS[1], dead)  # one poll finished, one did not
    assert await engine.feeds.claim_feeds(alive, FEEDS[:2], interval=3600) == []
    await asyncio.sleep(0.5)
    assert await engine.feeds.claim_feeds(alive, FEEDS[:2], interval=3600) == [FEEDS[0]]
    assert not await engine.feeds.release_feed(FEEDS[0], dead)  # too late: it is alive's
    assert await engine.feeds.release_feed(FEEDS[0], alive)


async def test_a_release_can_push_the_next_turn_back(engine: Engine) -> None:
    me = new_owner()
    assert await engine.feeds.claim_feeds(me, FEEDS[:2], interval=0.2) == FEEDS[:2]
    assert await engine.feeds.release_feed(FEEDS[0], me, next_in=3600)  # failing: back off
    assert await engine.feeds.release_feed(FEEDS[1], me)
    await asyncio.sleep(0.4)
    assert await engine.feeds.claim_feeds(me, FEEDS[:2], interval=0.2) == [FEEDS[1]]
