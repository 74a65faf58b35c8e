"""`/feeds` through the real router: health list, why an item was skipped, poll, add/remove."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import NotFound
from bot.ingest.feed_admin import FeedAdmin
from tests.polling.conftest import NOW, Rig, feed_xml, news_item

pytestmark = pytest.mark.spacy


@pytest.fixture
def admin(rig: Rig) -> FeedAdmin:
    """The runtime's FeedAdmin, behind its `/feeds` command."""
    return rig.app.feed_admin


async def test_feeds_why_explains_a_skipped_old_item_and_an_undated_one(
    rig: Rig, admin: FeedAdmin
) -> None:
    feed = rig.add_feed("ages", feed_xml("Ages", []), name="Ages Daily")
    await rig.poller.poll(feed)
    old = "https://news.example/story-1"
    undated = "https://news.example/story-2"
    rig.host.set("ages", feed_xml("Ages", [news_item(1, NOW - timedelta(days=10)),
                                           news_item(2, None)]))
    report = await rig.poller.poll(feed)
    assert report.new == 1 and len(report.skipped) == 1

    reply = await rig.app.ask(f"/feeds why {old}?utm_source=x", platform="console",
                              user_id="local")
    assert reply.ok, reply.text
    assert "skipped" in reply.text and "older than 7 days" in reply.text
    assert "2024-05-04" in reply.text and feed.url in reply.text

    reply = await rig.app.ask(f"/feeds why {undated}", platform="console", user_id="local")
    assert "stored as article #" in reply.text and "no usable date" in reply.text
    assert len(await rig.deliveries()) == 1

    missing = await rig.app.ask("/feeds why https://nowhere.example/x", platform="console",
                                user_id="local")
    assert not missing.ok and "No feed has seen" in missing.text


async def test_feeds_list_shows_health_and_poll_pause_resume(rig: Rig, admin: FeedAdmin) -> None:
    good = rig.add_feed("good", feed_xml("Good", [news_item(1, NOW)]), name="Good Wire")
    bad = rig.add_feed("bad", feed_xml("Bad", []))
    rig.host.fail("bad", 500)

    polled = await rig.app.ask("/feeds poll", platform="console", user_id="local")
    assert "1 baseline" in polled.text and "HTTP 500" in polled.text

    listing = (await rig.app.ask("/feeds list", platform="console", user_id="local")).text
    assert "2 feed(s)" in listing and "Good Wire" in listing
    assert "last success 2024-05-14 12:00 UTC" in listing
    assert "1 failure(s)" in listing and "last error: HTTP 500" in listing

    assert "Paused" in await admin.pause(good.url)
    assert "is paused" in await admin.poll(good.url)
    assert (await rig.poller.repo.state(good.url)).paused
    assert "Resumed" in await admin.resume(good.url)
    assert "not modified" in await admin.poll(good.url)
    assert bad.url in await admin.why(bad.url)

    denied = await rig.app.ask("/feeds list", platform="console", user_id="stranger")
    assert not denied.ok


async def test_runtime_feeds_are_added_polled_and_removed(rig: Rig, admin: FeedAdmin) -> None:
    url = rig.host.set("extra", feed_xml("Extra", [news_item(3, NOW)]))
    changes = []

    async def changed() -> None:
        changes.append(len(await rig.poller.feeds()))

    admin._on_change = changed
    text = await admin.add(f"{url} regulators")
    assert "config feeds are edited in YAML" in text
    assert changes == [1]
    [feed] = await rig.poller.feeds()
    assert feed.topics == ["regulators"]
    assert (await rig.poller.poll_due())[0].baseline == 1

    with pytest.raises(NotFound, match="Unknown topic"):
        await admin.add(f"{url}2 no-such-topic")
    conf = rig.add_feed("conf", feed_xml("Conf", []))
    assert "edited in YAML" in await admin.remove(conf.url)
    assert "Removed" in await admin.remove(url)
    assert changes == [1, 1] and [f.url for f in await rig.poller.feeds()] == [conf.url]
