"""A poll's new items are understood in one batch (one pool hop), then stored and recorded one
by one in order; a bad item fails alone, is retried and skipped after MAX_ITEM_ATTEMPTS, as
before. Loopback feed host, real SQLite file, real spaCy behind a hop-counting wrapper."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config_loader import load_config
from bot.ingest.feed_rules import REASON_NEW
from bot.ingest.polling import MAX_ITEM_ATTEMPTS
from tests.polling.conftest import NOW, ROOT, Rig, feed_xml, news_item
from tests.spine.test_ingest_many import CountingPool, thread_pool

pytestmark = pytest.mark.spacy

BAD = "Regulator move number 5"


def _items(numbers: range) -> list[str]:
    return [news_item(i, NOW - timedelta(hours=10 - i)) for i in numbers]


@pytest.fixture
async def rig_nlp() -> AsyncIterator[CountingPool]:
    """The rig's runtime is built with a hop-counting real pool that fails on BAD."""
    real = thread_pool(load_config(ROOT / "config" / "policywire.yaml"))
    yield CountingPool(real, poison=BAD)
    await real.close()  # build does not close a pool passed in


async def test_new_items_of_a_poll_make_one_hop_and_a_bad_one_fails_alone(
        rig: Rig, rig_nlp: CountingPool, tmp_path: Path) -> None:
    pool = rig_nlp
    feed = rig.add_feed("batch", feed_xml("Batch", []))
    await rig.poller.poll(feed)  # empty baseline: later items are new

    rig.host.set("batch", feed_xml("Batch", _items(range(1, 4))))
    first = await rig.poller.poll(feed)
    assert pool.many == [3] and pool.single == 0  # three new items, one hop
    assert first.complete and first.new == 3 and not first.failed
    assert await rig.poller.repo.counts(feed.url) == {"stored": 3}

    rig.host.set("batch", feed_xml("Batch", _items(range(1, 7))))
    second = await rig.poller.poll(feed)
    assert pool.many == [3, 3]  # only the three new items; the failed chunk then one by one
    assert second.new == 2 and second.unchanged == 3
    assert second.failed == [(BAD, f"ValueError: cannot understand {BAD!r}")]
    assert not second.complete
    assert await rig.poller.repo.counts(feed.url) == {"stored": 5}
    state = await rig.poller.repo.state(feed.url)
    assert state.last_error is not None and BAD in state.last_error

    titles = [a["title"] for a in await rig.articles()]
    assert titles == [f"Regulator move number {i}" for i in (1, 2, 3, 4, 6)]  # in order
    assert len(await rig.deliveries()) == 5  # one alert per stored article
    with sqlite3.connect(tmp_path / "pw.db") as conn:  # the rig's SQLite file, read directly
        rows = conn.execute("SELECT fi.title, fi.skip_reason, a.title FROM feed_items fi"
                            " JOIN articles a ON a.id = fi.article_id WHERE fi.feed_url = ?"
                            " ORDER BY a.id", (feed.url,)).fetchall()
    assert [(r[0], r[2]) for r in rows] == [(t, t) for t in titles]
    assert all(r[1].startswith(REASON_NEW + "; full page not used") for r in rows), rows

    for attempt in range(2, MAX_ITEM_ATTEMPTS + 1):
        later = await rig.poller.poll(feed)
        assert later.new == 0
        if attempt < MAX_ITEM_ATTEMPTS:
            assert [w for w, _ in later.failed] == [BAD]
    assert later.complete and not later.failed
    assert [w for w, _ in later.skipped] == [BAD]
    assert await rig.poller.repo.counts(feed.url) == {"stored": 5, "skipped": 1}
    assert len(await rig.deliveries()) == 5
