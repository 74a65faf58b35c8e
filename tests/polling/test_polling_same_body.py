"""Unchanged feeds cost one state update: a 304, and a 200 with the body of the last poll.

The body hash lives in `feed_state` (schema 010), so it holds across a restart of the bot on the
same SQLite file. Served by the loopback feed servers of the tests; `total_changes()` of the
store's one connection counts the rows each poll wrote.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Runtime, build
from bot.config_loader import load_config
from bot.feeds.fetcher import Fetcher
from bot.feeds.items import ParsedFeed
from bot.feeds.parser import parse_feed_async
from bot.ingest.feed_rules import body_hash
from bot.ingest.polling import FeedPoller
from bot.settings import ChannelConfig, FeedConfig, FetchConfig
from tests.fakes.feed_server import FeedServer
from tests.polling.conftest import NOW, ROOT, Clock, feed_xml, news_item
from tests.polling.feedhost import FeedHost

pytestmark = pytest.mark.spacy

CFG = FetchConfig(allow_loopback=True, total_timeout=5, connect_timeout=2, max_item_age_days=7)


async def _app(db: Path) -> Runtime:
    config = load_config(ROOT / "config" / "policywire.yaml")
    config = config.model_copy(update={"channels": [
        ChannelConfig(platform="console", id="console", topics=config.topic_names())]})
    return await build(config, config_path=ROOT / "config" / "policywire.yaml", db_path=db, env={},
                            executor="thread")


class CountingParse:
    """The real sandboxed parser, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, body: bytes, **kw: Any) -> ParsedFeed:
        self.calls += 1
        return await parse_feed_async(body, **kw)


async def _changes(app: Runtime) -> int:
    row = await app.store.db.fetchone("SELECT total_changes() AS n")
    assert row is not None
    return int(row["n"])


async def _item_rows(app: Runtime) -> list[tuple[Any, ...]]:
    rows = await app.store.db.fetchall("SELECT * FROM feed_items ORDER BY item_key")
    return [tuple(r) for r in rows]


def _poller(app: Runtime, fetcher: Fetcher, parse: CountingParse, feed: FeedConfig,
            clock: Clock) -> FeedPoller:
    async def notify(text: str, key: str) -> None:
        return None

    return FeedPoller(app.store, fetcher, parse, app.ingest, lambda: [feed], CFG,
                      notify, events=app.alerts, clock=clock, rng=random.Random(3))


async def test_same_body_is_not_parsed_again_even_after_a_restart(tmp_path: Path) -> None:
    db, folder = tmp_path / "pw.db", tmp_path / "feeds"
    folder.mkdir()
    items = [news_item(i, NOW - timedelta(hours=5 - i)) for i in range(4)]
    (folder / "wire.xml").write_text(feed_xml("Wire", items))
    clock, parse = Clock(), CountingParse()
    async with FeedServer(root=folder) as srv:  # no ETag / Last-Modified: every poll is a 200
        feed = FeedConfig(url=srv.url("/files/wire.xml"), backfill=1)
        app = await _app(db)
        try:
            async with Fetcher(CFG) as fetcher:
                poller = _poller(app, fetcher, parse, feed, clock)
                first = await poller.poll(feed)
                assert (first.new, first.baseline, parse.calls) == (1, 3, 1)
                rows, hashed = await _item_rows(app), (await poller.repo.state(feed.url)).body_hash
                assert hashed and len(rows) == 4

                clock.advance(900)
                before = await _changes(app)
                second = await poller.poll(feed)
                assert second.same_body and not second.not_modified and second.error is None
                assert (second.new, second.unchanged, parse.calls) == (0, 0, 1)
                assert await _changes(app) == before  # deferred: batched with other feeds'
                assert await app.store.feeds.flush() == 1
                assert await _changes(app) - before == 1  # the feed's state row, nothing else
                assert await _item_rows(app) == rows
                state = await poller.repo.state(feed.url)
                assert state.last_success == clock.now and state.body_hash == hashed
                assert "unchanged (same body" in second.summary()
        finally:
            await app.close()

        app = await _app(db)  # a restart on the same file
        try:
            async with Fetcher(CFG) as fetcher:
                poller = _poller(app, fetcher, parse, feed, clock)
                await poller.start()
                clock.advance(900)
                before = await _changes(app)
                third = await poller.poll(feed)
                assert third.same_body and parse.calls == 1
                assert await app.store.feeds.flush() == 1
                assert await _changes(app) - before == 1 and await _item_rows(app) == rows

                (folder / "wire.xml").write_text(
                    feed_xml("Wire", [news_item(9, NOW - timedelta(minutes=5)), *items]))
                clock.advance(900)
                fourth = await poller.poll(feed)
                assert not fourth.same_body and parse.calls == 2
                assert (fourth.new, fourth.unchanged) == (1, 4)
                assert (await poller.repo.state(feed.url)).body_hash not in (None, hashed)
        finally:
            await app.close()


async def test_not_modified_costs_one_state_update_and_no_parse(tmp_path: Path) -> None:
    clock, parse = Clock(), CountingParse()
    app = await _app(tmp_path / "pw.db")
    try:
        async with FeedHost() as host, Fetcher(CFG) as fetcher:  # ETag on every answer
            feed = FeedConfig(url=host.set("wire", feed_xml("Wire", [news_item(1, NOW)])))
            poller = _poller(app, fetcher, parse, feed, clock)
            assert (await poller.poll(feed)).error is None and parse.calls == 1
            clock.advance(900)
            before = await _changes(app)
            report = await poller.poll(feed)
            assert report.not_modified and host.not_modified["wire"] == 1
            assert parse.calls == 1 and await _changes(app) == before  # deferred
            assert await app.store.feeds.flush() == 1
            assert await _changes(app) - before == 1
    finally:
        await app.close()


async def test_a_deferred_poll_is_written_by_a_clean_shutdown(tmp_path: Path) -> None:
    """A 304 poll's state is held back; closing the runtime writes it, so after a restart
    the feed is not due early and keeps its ETag."""
    clock, parse = Clock(), CountingParse()
    app = await _app(tmp_path / "pw.db")
    try:
        async with FeedHost() as host, Fetcher(CFG) as fetcher:
            feed = FeedConfig(url=host.set("wire", feed_xml("Wire", [news_item(1, NOW)])))
            poller = _poller(app, fetcher, parse, feed, clock)
            assert (await poller.poll(feed)).error is None
            etag = (await poller.repo.state(feed.url)).etag
            clock.advance(900)
            assert (await poller.poll(feed)).not_modified
            assert len(app.store.feeds.writer) == 1  # held back
    finally:
        await app.close()
    app = await _app(tmp_path / "pw.db")
    try:
        state = await app.store.feeds.state(feed.url)
        assert etag and state.etag == etag and state.last_success == clock.now
        assert state.next_poll_at == clock.now + timedelta(seconds=feed.interval)
    finally:
        await app.close()


def test_body_hash_depends_on_the_bytes_url_charset_and_item_limit() -> None:

    base = body_hash(b"<rss/>", url="http://a.test/f", content_type="text/xml", max_items=500)
    assert base == body_hash(b"<rss/>", url="http://a.test/f", content_type="text/xml",
                             max_items=500)
    for other in (body_hash(b"<rss />", url="http://a.test/f", content_type="text/xml",
                            max_items=500),
                  body_hash(b"<rss/>", url="http://a.test/g", content_type="text/xml",
                            max_items=500),
                  body_hash(b"<rss/>", url="http://a.test/f",
                            content_type="text/xml; charset=latin-1", max_items=500),
                  body_hash(b"<rss/>", url="http://a.test/f", content_type="text/xml",
                            max_items=50)):
        assert other != base


async def test_a_large_body_is_hashed_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above `HASH_INLINE_BYTES` the digest runs in a worker thread; the digest is the same."""
    import threading

    from bot.feeds.fetcher import FetchResult
    from bot.ingest import feed_rules

    threads: list[int] = []

    def recording(body: bytes, **kw: Any) -> str:
        threads.append(threading.get_ident())
        return body_hash(body, **kw)

    monkeypatch.setattr(feed_rules, "body_hash", recording)
    small = FetchResult(200, "https://f.example/rss", b"<rss/>" * 10, {})
    big = FetchResult(200, "https://f.example/rss", b"x" * (feed_rules.HASH_INLINE_BYTES + 1), {})
    assert await feed_rules.body_digest(small, 50) == body_hash(
        small.body, url=small.final_url, content_type=None, max_items=50)
    assert await feed_rules.body_digest(big, 50) == body_hash(
        big.body, url=big.final_url, content_type=None, max_items=50)
    assert threads[0] == threading.get_ident() and threads[1] != threading.get_ident()
