"""No second alert for churn, edits or republished items; one alert per story across feeds."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.feeds.dedup import canonical_url
from tests.polling.conftest import (
    NOW,
    OUTLETS,
    Rig,
    feed_xml,
    news_item,
    news_text,
    outlet_feed,
)

pytestmark = pytest.mark.spacy


async def test_timestamps_edits_and_republished_guids_do_not_alert_again(rig: Rig) -> None:
    feed = rig.add_feed("desk", feed_xml("Desk", []))
    assert (await rig.poller.poll(feed)).baseline == 0  # empty baseline
    first = news_item(1, NOW - timedelta(hours=1), desc=news_text(1) + " Checked 09:15 GMT.")
    rig.host.set("desk", feed_xml("Desk", [first]))
    assert (await rig.poller.poll(feed)).new == 1
    assert len(await rig.deliveries()) == 1

    # Churn: a new pubDate and a clock time inside the text hash the same.
    churned = news_item(1, NOW, desc=news_text(1) + " Checked 10:32 GMT.")
    rig.host.set("desk", feed_xml("Desk", [churned]))
    report = await rig.poller.poll(feed)
    assert (report.new, report.unchanged, report.edited) == (0, 1, 0)

    # A real edit is recorded (fingerprint, edit count) but is not a new alert.
    edited = news_item(1, NOW, desc="The regulator withdrew the stablecoin licence plan.")
    rig.host.set("desk", feed_xml("Desk", [edited]))
    report = await rig.poller.poll(feed)
    assert (report.new, report.edited) == (0, 1)
    [seen] = (await rig.poller.repo.seen(feed.url, [f"guid:{canonical_url(feed.url)}|story-1"]
                                         )).values()
    assert seen.edits == 1 and seen.state == "stored"

    # Gone from the feed, then back with a fresh date: the same GUID is still not new.
    rig.host.set("desk", feed_xml("Desk", []))
    await rig.poller.poll(feed)
    rig.host.set("desk", feed_xml("Desk", [news_item(1, NOW + timedelta(hours=2))]))
    assert (await rig.poller.poll(feed)).new == 0

    # The same article under a new GUID: the URL is already stored, so no alert either.
    rig.host.set("desk", feed_xml("Desk", [news_item(1, NOW, guid="story-1-v2")]))
    report = await rig.poller.poll(feed)
    assert (report.new, report.duplicates) == (0, 1)

    assert len(await rig.articles()) == 1
    assert len(await rig.deliveries()) == 1


async def test_a_feed_that_asks_for_updates_gets_one_alert_per_real_edit(rig: Rig) -> None:
    """With `updates: true`, a real edit of an alerted item posts one "Updated" alert; churn
    and re-polls of the same edit post nothing more."""
    feed = rig.add_feed("live", feed_xml("Live", []), updates=True)
    await rig.poller.poll(feed)
    rig.host.set("live", feed_xml("Live", [news_item(1, NOW - timedelta(hours=1))]))
    assert (await rig.poller.poll(feed)).new == 1
    edited = news_item(1, NOW, desc="The regulator withdrew the stablecoin licence plan after "
                                     "a late vote on bitcoin reserve rules.")
    rig.host.set("live", feed_xml("Live", [edited]))
    assert (await rig.poller.poll(feed)).edited == 1
    assert (await rig.poller.poll(feed)).edited == 0  # the same edit again: nothing new
    rows = await rig.deliveries()
    assert len(rows) == 2
    update = rows[1]
    assert update["key"].startswith("update:")
    card = json.loads(update["card"])
    assert card["title"].startswith("Updated: ")
    assert "withdrew the stablecoin licence plan" in card["summary"]
    assert len(await rig.articles()) == 1


async def test_guidless_items_are_keyed_by_canonical_url(rig: Rig) -> None:
    feed = rig.add_feed("bare", feed_xml("Bare", []))
    await rig.poller.poll(feed)
    link = "https://News.Example/bare-story?utm_source=rss&b=2&a=1#comments"
    rig.host.set("bare", feed_xml("Bare", [news_item(7, NOW, guid=None, link=link)]))
    assert (await rig.poller.poll(feed)).new == 1

    key = "url:https://news.example/bare-story?a=1&b=2"
    assert key in await rig.poller.repo.seen(feed.url, [key])
    tracked = "https://news.example/bare-story?a=1&b=2&fbclid=xyz&utm_medium=social"
    rig.host.set("bare", feed_xml("Bare", [news_item(7, NOW, guid=None, link=tracked)]))
    report = await rig.poller.poll(feed)
    assert (report.new, report.unchanged) == (0, 1)
    assert len(await rig.deliveries()) == 1


async def test_same_story_on_three_feeds_gives_one_alert_listing_the_others(rig: Rig) -> None:
    for outlet in OUTLETS:
        rig.add_feed(outlet, feed_xml(f"{outlet.title()} Times", []))
    assert len(await rig.poller.poll_due()) == 3  # three empty baselines
    for n, outlet in enumerate(OUTLETS):
        rig.host.set(outlet, outlet_feed(outlet, other=100 + n))
    rig.clock.advance(901)

    reports = await rig.poller.poll_due()  # concurrently, as the scheduler would

    assert sum(r.new for r in reports) == 6
    stories = [a for a in await rig.articles() if a["url"].endswith("/licences")]
    assert len(stories) == 3
    assert len({a["story_id"] or a["id"] for a in stories}) == 1
    deliveries = await rig.deliveries()
    story_alerts = [d for d in deliveries if d["article_id"] in {a["id"] for a in stories}]
    assert len(story_alerts) == 1
    assert len(deliveries) == 4  # the story once, and each outlet's unrelated story
    card = json.loads(story_alerts[0]["card"])
    own = next(a["source"] for a in stories if a["id"] == story_alerts[0]["article_id"])
    others = sorted(f"{o.title()} Times" for o in OUTLETS if f"{o.title()} Times" != own)
    assert sorted(card["also_reported_by"]) == others
