"""Failures back off with jitter, pause after N and tell admins once; crashes lose nothing."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import timedelta

import pytest

from bot.ingest.feed_admin import FeedAdmin
from bot.logs import JsonFormatter
from tests.polling.conftest import NOW, Rig, feed_xml, news_item

pytestmark = pytest.mark.spacy


async def test_failures_back_off_pause_after_n_and_notify_admins_once(rig: Rig) -> None:
    feed = rig.add_feed("flaky", feed_xml("Flaky", [news_item(1, NOW)]))
    assert (await rig.poller.poll(feed)).error is None
    rig.host.fail("flaky", 500)

    first = await rig.poller.poll(feed)
    st = await rig.poller.repo.state(feed.url)
    assert "HTTP 500" in (first.error or "") and st.consecutive_failures == 1
    assert st.last_error == first.error
    assert NOW + timedelta(seconds=30) <= st.next_poll_at <= NOW + timedelta(seconds=60)
    assert await rig.poller.poll_scheduled(feed) is None  # still backing off
    assert await rig.poller.poll_due() == []

    rig.clock.advance(61)
    second = await rig.poller.poll_scheduled(feed)
    assert second is not None and second.error
    st = await rig.poller.repo.state(feed.url)
    assert st.consecutive_failures == 2 and not st.paused
    assert rig.clock.now + timedelta(seconds=60) <= st.next_poll_at  # doubled: 60-120 s

    third = await rig.poller.poll(feed)
    st = await rig.poller.repo.state(feed.url)
    assert third.paused and st.paused and st.admins_notified
    assert "3 consecutive failures" in (st.paused_reason or "")
    assert len(rig.notices) == 1 and feed.url in rig.notices[0]

    rig.clock.advance(7200)
    assert await rig.poller.poll_scheduled(feed) is None  # paused: the scheduler skips it
    assert await rig.poller.poll_due() == []
    await rig.poller.poll(feed)  # a forced poll that fails again does not notify again
    assert len(rig.notices) == 1

    rig.host.set("flaky", feed_xml("Flaky", [news_item(1, NOW)]))
    admin = FeedAdmin(rig.poller)
    assert "Resumed" in await admin.resume(feed.url)
    report = await rig.poller.poll_scheduled(feed)
    assert report is not None and report.error is None
    st = await rig.poller.repo.state(feed.url)
    assert (st.consecutive_failures, st.paused, st.admins_notified) == (0, False, False)


async def test_a_notice_lost_to_a_chat_outage_is_sent_at_the_next_start(rig: Rig) -> None:
    """If telling admins fails when a feed pauses, the next start tells them, with the same
    key, so the outbox cannot post it twice if the first attempt did get through."""
    feed = rig.add_feed("down", feed_xml("Down", []))
    rig.host.fail("down", 500)
    rig.notifier.down = True
    for _ in range(3):
        await rig.poller.poll(feed)
    st = await rig.poller.repo.state(feed.url)
    assert st.paused and not st.admins_notified and rig.notices == []
    rig.notifier.down = False
    await rig.poller.start()  # as after a restart
    st = await rig.poller.repo.state(feed.url)
    assert st.admins_notified and len(rig.notices) == 1 and feed.url in rig.notices[0]
    assert rig.notice_keys[0] == rig.notice_keys[1]
    await rig.poller.start()
    assert len(rig.notices) == 1


async def test_retry_after_is_the_minimum_delay(rig: Rig) -> None:
    feed = rig.add_feed("busy", feed_xml("Busy", []))
    rig.host.fail("busy", 503, {"Retry-After": "5000"})
    report = await rig.poller.poll(feed)
    st = await rig.poller.repo.state(feed.url)
    assert "503" in (report.error or "")
    assert st.next_poll_at >= NOW + timedelta(seconds=5000)
    assert not st.baseline_done


async def _baseline_then_new_item(rig: Rig, name: str) -> object:
    feed = rig.add_feed(name, feed_xml(name, []))
    await rig.poller.poll(feed)
    rig.host.set(name, feed_xml(name, [news_item(9, NOW - timedelta(hours=1))]))
    return feed


async def test_crash_in_a_listener_refetches_without_losing_or_doubling(rig: Rig) -> None:
    feed = await _baseline_then_new_item(rig, "crashy")
    etag_before = (await rig.poller.repo.state(feed.url)).etag
    crashes = []

    async def crash_once(article_id: int) -> None:
        if not crashes:
            crashes.append(article_id)
            raise RuntimeError("simulated crash after the article was stored")

    rig.app.ingest.add_listener(crash_once)
    report = await rig.poller.poll(feed)

    assert report.new == 0 and len(report.failed) == 1 and crashes
    assert await rig.poller.repo.counts(feed.url) == {}  # seen-state did not advance
    assert (await rig.poller.repo.state(feed.url)).etag == etag_before

    again = await rig.poller.poll(feed)  # re-fetched (no 304) and recorded this time

    assert again.complete and again.duplicates == 1
    [article] = await rig.articles()
    assert len(await rig.deliveries()) == 1
    [seen] = (await rig.poller.repo.seen(feed.url, ["guid:" + feed.url + "|story-9"])).values()
    assert (seen.state, seen.article_id) == ("stored", article["id"])
    assert (await rig.poller.repo.state(feed.url)).etag != etag_before


async def test_cancelled_poll_after_ingest_refetches_the_item(rig: Rig) -> None:
    feed = await _baseline_then_new_item(rig, "cancelled")
    stuck, hold = asyncio.Event(), [True]

    async def block(article_id: int) -> None:
        if hold[0]:
            stuck.set()
            await asyncio.Event().wait()  # never returns: the task is cancelled here

    rig.app.ingest.add_listener(block)
    task = asyncio.create_task(rig.poller.poll(feed))
    await stuck.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert len(await rig.articles()) == 1
    assert await rig.poller.repo.counts(feed.url) == {}

    hold[0] = False
    report = await rig.poller.poll(feed)

    assert report.complete and report.duplicates == 1
    assert len(await rig.articles()) == 1 and len(await rig.deliveries()) == 1
    assert await rig.poller.repo.counts(feed.url) == {"stored": 1}


async def test_feed_logs_carry_the_feed_id(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    """Structured logs name the feed in a field, not only in the message text."""
    feed = rig.add_feed("logged", feed_xml("Logged", []))
    rig.host.fail("logged", 500)
    with caplog.at_level(logging.INFO, logger="bot.ingest.polling"):
        await rig.poller.poll(feed)
    records = [r for r in caplog.records if r.name == "bot.ingest.polling"]
    assert records and all(getattr(r, "feed", None) == feed.url for r in records)
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["feed"] == feed.url
