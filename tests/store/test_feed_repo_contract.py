"""The feed repository on both engines (SQLite's FeedRepo, PostgreSQL's PgFeedRepo): feed state
round trips, failures, pause and resume, seen items with their edits, and runtime feeds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.store.feeds import FeedState
from bot.store.ports import new_owner
from tests.store.engines import Engine

URL = "https://feeds.example/rss.xml"
NOW = datetime(2026, 12, 2, 12, 0, 0, 654321, tzinfo=UTC)  # stored to the second
SECOND = NOW.replace(microsecond=0)


def _item(n: int, state: str = "baseline", **kw: object) -> dict[str, object]:
    row: dict[str, object] = {
        "item_key": f"guid:{n}", "url": f"https://news.example/{n}", "title": f"Item {n}",
        "published": NOW - timedelta(hours=n), "fingerprint": f"fp{n}", "state": state,
        "reason": f"why {n}", "at": NOW + timedelta(minutes=n)}
    row.update(kw)
    return row


async def test_a_feed_never_polled_has_the_default_state(engine: Engine) -> None:
    assert await engine.store.feeds.state(URL) == FeedState(url=URL)
    assert await engine.store.feeds.states() == {}


async def test_feed_state_round_trips(engine: Engine) -> None:
    feeds = engine.store.feeds
    later = NOW + timedelta(minutes=15)
    await feeds.record_success(URL, at=NOW, next_poll_at=later, title="Example news",
                               etag='"abc"', last_modified="Wed, 02 Dec 2026 11:00:00 GMT",
                               validators=True, baseline_done=True, warning="slow answer",
                               body_hash="h1")
    state = await feeds.state(URL)
    assert state == FeedState(
        url=URL, title="Example news", etag='"abc"',
        last_modified="Wed, 02 Dec 2026 11:00:00 GMT", last_success=SECOND,
        last_attempt=SECOND, consecutive_failures=0, last_error="slow answer", paused=False,
        next_poll_at=later.replace(microsecond=0), admins_notified=False, baseline_done=True,
        body_hash="h1")
    assert state.last_success is not None and state.last_success.tzinfo is not None
    # without validators (a 304) the stored ETag, Last-Modified and body hash stay; a
    # missing title keeps the last one
    naive_later = later.replace(tzinfo=None)  # naive times are read as UTC
    await feeds.record_success(URL, at=naive_later, next_poll_at=naive_later)
    again = await feeds.state(URL)
    assert (again.title, again.etag, again.body_hash, again.baseline_done) == (
        "Example news", '"abc"', "h1", True)
    assert again.last_success == later.replace(microsecond=0) and again.last_error is None
    await feeds.record_success(URL, at=later, next_poll_at=later, validators=True)
    assert (await feeds.state(URL)).etag is None  # validators given as None clear them
    await feeds.record_success("https://other.example/feed", at=NOW, next_poll_at=NOW)
    assert sorted(await feeds.states()) == [URL, "https://other.example/feed"]


async def test_failures_count_up_pause_and_resume(engine: Engine) -> None:
    feeds = engine.store.feeds
    assert await feeds.record_failure(URL, at=NOW, error="HTTP 503", next_poll_at=NOW) == 1
    assert await feeds.record_failure(URL, at=NOW, error="timeout", next_poll_at=NOW) == 2
    state = await feeds.state(URL)
    assert (state.consecutive_failures, state.last_error, state.last_attempt,
            state.last_success) == (2, "timeout", SECOND, None)
    await feeds.pause(URL, "10 failures in a row")
    await feeds.mark_notified(URL)
    state = await feeds.state(URL)
    assert (state.paused, state.paused_reason, state.admins_notified) == (
        True, "10 failures in a row", True)
    assert await feeds.claim_feeds(new_owner(), [URL], interval=60) == []  # paused: not due
    resumed_at = NOW + timedelta(days=1)
    await feeds.resume(URL, at=resumed_at)
    state = await feeds.state(URL)
    assert (state.paused, state.paused_reason, state.admins_notified,
            state.consecutive_failures, state.next_poll_at) == (
        False, None, False, 0, resumed_at.replace(microsecond=0))
    assert state.last_error == "timeout"  # the last error stays for /feeds status
    assert await feeds.claim_feeds(new_owner(), [URL], interval=60) == [URL]
    assert await feeds.record_failure(URL, at=NOW, error="again", next_poll_at=NOW) == 1
    await feeds.record_success(URL, at=NOW, next_poll_at=NOW)
    assert (await feeds.state(URL)).consecutive_failures == 0


async def test_seen_items_are_recorded_overwritten_and_edited(engine: Engine) -> None:
    feeds = engine.store.feeds
    await feeds.record_item(URL, "guid:0", url="https://news.example/0", title="Item 0",
                            published=None, fingerprint="fp0", state="stored",
                            reason="matched reserves", at=NOW)
    await feeds.record_items(URL, [_item(1), _item(2, "skipped")])
    await feeds.record_items(URL, [])
    seen = await feeds.seen(URL, ["guid:0", "guid:1", "guid:2", "guid:1", "guid:9"])
    assert sorted(seen) == ["guid:0", "guid:1", "guid:2"]
    zero = seen["guid:0"]
    assert (zero.feed_url, zero.url, zero.title, zero.published, zero.fingerprint,
            zero.article_id, zero.first_seen, zero.state, zero.reason, zero.edits,
            zero.last_changed) == (URL, "https://news.example/0", "Item 0", None, "fp0", None,
                                   SECOND, "stored", "matched reserves", 0, None)
    assert seen["guid:2"].published == (NOW - timedelta(hours=2)).replace(microsecond=0)
    assert await feeds.seen(URL, []) == {}
    assert await feeds.seen("https://elsewhere.example/rss", ["guid:0"]) == {}
    # a known key written again keeps its first sighting and takes the new state
    await feeds.record_items(URL, [_item(1, "stored", fingerprint="fp1b", reason="now in")])
    one = (await feeds.seen(URL, ["guid:1"]))["guid:1"]
    assert (one.state, one.reason, one.fingerprint, one.first_seen) == (
        "stored", "now in", "fp1b", (NOW + timedelta(minutes=1)).replace(microsecond=0))
    edited_at = NOW + timedelta(hours=3)
    await feeds.record_edit(URL, "guid:1", "fp1c", edited_at)
    await feeds.record_edit(URL, "guid:1", "fp1d", edited_at + timedelta(hours=1))
    one = (await feeds.seen(URL, ["guid:1"]))["guid:1"]
    assert (one.fingerprint, one.edits, one.last_changed) == (
        "fp1d", 2, (edited_at + timedelta(hours=1)).replace(microsecond=0))
    assert await feeds.counts(URL) == {"stored": 2, "skipped": 1}
    assert await feeds.counts("https://elsewhere.example/rss") == {}


async def test_items_by_url_across_feeds_newest_first(engine: Engine) -> None:
    feeds = engine.store.feeds
    shared = "https://news.example/shared"
    await feeds.record_items(URL, [_item(1, url=shared, at=NOW)])
    await feeds.record_items("https://b.example/rss", [_item(2, url=shared, state="skipped",
                                                             at=NOW + timedelta(hours=1))])
    await feeds.record_items(URL, [_item(3)])
    found = await feeds.items_by_url(shared)
    assert [(i.feed_url, i.state) for i in found] == [("https://b.example/rss", "skipped"),
                                                      (URL, "baseline")]
    assert await feeds.items_by_url("https://news.example/none") == []


async def test_record_success_writes_items_and_state_together(engine: Engine) -> None:
    feeds = engine.store.feeds
    await feeds.record_success(URL, at=NOW, next_poll_at=NOW, baseline_done=True,
                               validators=True, body_hash="h1",
                               items=[_item(n) for n in range(3)])
    assert sorted(await feeds.seen(URL, ["guid:0", "guid:1", "guid:2"])) == [
        "guid:0", "guid:1", "guid:2"]
    state = await feeds.state(URL)
    assert (state.baseline_done, state.body_hash) == (True, "h1")
    # a bad item (no title) fails the whole write: neither the items nor the state change
    later = NOW + timedelta(hours=1)
    with pytest.raises(Exception):  # noqa: B017  (each driver has its own error class)
        await feeds.record_success(URL, at=later, next_poll_at=later, validators=True,
                                   body_hash="h2", items=[_item(5), _item(6, title=None)])
    assert await feeds.seen(URL, ["guid:5"]) == {}
    state = await feeds.state(URL)
    assert (state.body_hash, state.last_success) == ("h1", SECOND)


async def test_runtime_feeds_are_added_once_listed_oldest_first_and_removed(
        engine: Engine) -> None:
    feeds = engine.store.feeds
    assert await feeds.runtime_feeds() == []
    assert await feeds.add_runtime("https://b.example/rss", topics=["reserves", "mining"],
                                   name="B news", added_by="slack:U1", at=NOW)
    assert await feeds.add_runtime("https://a.example/rss", topics=[], name=None,
                                   added_by="console", at=NOW + timedelta(hours=1))
    assert not await feeds.add_runtime("https://b.example/rss", topics=["other"], name="x",
                                       added_by="slack:U2", at=NOW)
    listed = await feeds.runtime_feeds()
    assert [(f.url, f.name, f.topics, f.added_by, f.added_at) for f in listed] == [
        ("https://b.example/rss", "B news", ("reserves", "mining"), "slack:U1", SECOND),
        ("https://a.example/rss", None, (), "console",
         (NOW + timedelta(hours=1)).replace(microsecond=0))]
    assert await feeds.remove_runtime("https://b.example/rss")
    assert not await feeds.remove_runtime("https://b.example/rss")
    assert [f.url for f in await feeds.runtime_feeds()] == ["https://a.example/rss"]


async def test_failures_of_processes_failing_together_all_count(engine: Engine) -> None:
    if engine.name == "sqlite":
        return  # one process per SQLite file: its failures of one feed come one at a time
    stores = [await engine.another_store() for _ in range(3)]
    counts = await asyncio.gather(*(
        s.feeds.record_failure(URL, at=NOW, error=f"e{i}", next_poll_at=NOW)
        for i, s in enumerate(stores) for _ in range(4)))
    assert sorted(counts) == list(range(1, 13))  # each failure saw its own count
    assert (await engine.store.feeds.state(URL)).consecutive_failures == 12
