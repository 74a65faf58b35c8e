"""First run is a silent baseline (plus backfill); later polls alert exactly the new items."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fakes import feed_fixtures as fx
from tests.polling.conftest import NOW, Rig, feed_xml, news_item

pytestmark = pytest.mark.spacy


async def test_first_poll_is_silent_baseline_plus_backfill_then_one_new_item(rig: Rig) -> None:
    items = [news_item(i, NOW - timedelta(hours=10 - i)) for i in range(5)]
    feed = rig.add_feed("wire", feed_xml("Wire", items), backfill=2)

    first = await rig.poller.poll(feed)

    assert first.error is None
    assert (first.new, first.baseline) == (2, 3)
    stored = await rig.articles()
    assert sorted(a["title"] for a in stored) == ["Regulator move number 3",
                                                  "Regulator move number 4"]
    assert len(await rig.deliveries()) == 2  # backfill items alert; the baseline stays silent
    counts = await rig.poller.repo.counts(feed.url)
    assert counts == {"baseline": 3, "stored": 2}
    assert (await rig.poller.repo.state(feed.url)).baseline_done

    rig.host.set("wire", feed_xml("Wire", [news_item(5, NOW - timedelta(minutes=5)), *items]))
    rig.clock.advance(900)
    second = await rig.poller.poll(feed)

    assert (second.new, second.baseline, second.unchanged) == (1, 0, 5)
    deliveries = await rig.deliveries()
    assert len(deliveries) == 3
    newest = deliveries[-1]
    assert (newest["platform"], newest["channel_id"]) == ("console", "console")
    assert "Regulator move number 5" in newest["card"]


async def test_not_modified_keeps_state_and_sends_validators(rig: Rig) -> None:
    feed = rig.add_feed("quiet", feed_xml("Quiet", [news_item(1, NOW)]))
    await rig.poller.poll(feed)
    before = await rig.poller.repo.state(feed.url)
    assert before.etag

    report = await rig.poller.poll(feed)

    assert report.not_modified and report.new == 0
    assert rig.host.not_modified["quiet"] == 1
    after = await rig.poller.repo.state(feed.url)
    assert (after.etag, after.baseline_done, after.consecutive_failures) == (before.etag, True, 0)
    assert await rig.poller.repo.counts(feed.url) == {"baseline": 1}


async def test_teaser_items_get_the_article_page_extracted(rig: Rig) -> None:
    feed = rig.add_feed("teasers", feed_xml("Teasers", []))
    await rig.poller.poll(feed)
    page = rig.host.page("bill", fx.ARTICLE_HTML)
    teaser = news_item(40, NOW, link=page, desc="A licensing bill moves ahead. Read more")
    rig.host.set("teasers", feed_xml("Teasers", [teaser]))

    report = await rig.poller.poll(feed)

    assert report.new == 1 and rig.host.hits["page:bill"] == 1
    [article] = await rig.articles()
    assert "capital requirements" in article["body"]  # from the page, not the teaser
    assert "first comment" not in article["body"]  # comments are excluded
    assert article["source"] == "Teasers" and article["feed_url"] == feed.url


async def test_full_text_never_keeps_the_feed_text(rig: Rig) -> None:
    feed = rig.add_feed("plain", feed_xml("Plain", []), full_text="never")
    await rig.poller.poll(feed)
    page = rig.host.page("bill2", fx.ARTICLE_HTML)
    rig.host.set("plain", feed_xml("Plain", [news_item(41, NOW, link=page)]))
    assert (await rig.poller.poll(feed)).new == 1
    assert rig.host.hits["page:bill2"] == 0
