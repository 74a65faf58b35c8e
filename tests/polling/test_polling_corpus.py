"""Every feed file of ../shared/data polled by the real poller into the real SQLite store.

No file may crash a poll (an unusable feed is reported with a reason); for well-formed feeds,
the items the store records on the first (baseline) poll are exactly the parser's items, and a
second poll of the same bytes records nothing new.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import FeedError
from bot.feeds.dedup import item_key
from bot.feeds.parser import parse_feed
from bot.settings import FeedConfig
from tests.fakes.feed_corpus import corpus_files, well_formed
from tests.fakes.feed_server import FeedServer
from tests.polling.conftest import Rig

pytestmark = pytest.mark.shared


@pytest.mark.slow
async def test_every_corpus_feed_through_poller_and_store(rig: Rig, shared_data: Path) -> None:
    files = corpus_files(shared_data)
    if not files:
        pytest.skip("no feed corpus under ../shared/data")
    good = well_formed(shared_data)
    polled = compared = 0
    async with FeedServer(root=shared_data) as srv:
        for path in files:
            rel = str(path.relative_to(shared_data))
            feed = FeedConfig(url=srv.url(f"/files/{rel}"))
            report = await rig.poller.poll(feed)  # must not raise, whatever the file holds
            polled += 1
            if rel not in good:
                continue
            if report.error and "XML entities" in report.error:
                continue  # refused on purpose (entity declarations), as in the parser test
            assert report.error is None, f"{rel}: {report.error}"
            try:
                parsed = parse_feed(path.read_bytes(), url=feed.url)
            except FeedError as exc:  # pragma: no cover - the corpus test covers the parser
                pytest.fail(f"{rel}: {exc}")
            keys = {item_key(feed.url, item) for item in parsed.items}
            rows = await rig.app.store.db.fetchall(
                "SELECT item_key FROM feed_items WHERE feed_url = ?", (feed.url,))
            assert {r[0] for r in rows} == keys, rel
            assert report.baseline == len(keys) and report.new == 0, rel
            again = await rig.poller.poll(feed)
            assert again.new == 0 and again.baseline == 0, rel
            compared += 1
    assert polled == len(files) and compared > 300
    print(f"\ncorpus through the poller: {polled} files, {compared} well-formed compared")
