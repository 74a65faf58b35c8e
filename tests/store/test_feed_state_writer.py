"""Deferred feed-state writes on SQLite (`FeedStateWriter`): flushed by time, by size and on
close; read back at once by this process; never written over a later write of the same feed;
lost in a crash only as an older state (the feed is polled again, its validators kept)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.store.db import Database
from bot.store.feed_writes import FeedStateWriter
from bot.store.feeds import FeedRepo
from bot.store.sqlite import Store

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
URL = "https://example.org/feed.xml"


async def _stored(db: Database, url: str = URL) -> dict[str, object] | None:
    row = await db.fetchone("SELECT * FROM feed_state WHERE url = ?", (url,))
    return None if row is None else dict(row)


async def _seeded(path: Path, **writer: float) -> tuple[Database, FeedRepo]:
    db = await Database(path).open()
    repo = FeedRepo(db, FeedStateWriter(db, **writer))  # type: ignore[arg-type]
    await repo.record_success(URL, at=NOW, next_poll_at=NOW + timedelta(minutes=15),
                              etag='"v1"', validators=True, body_hash="h1")
    return db, repo


async def _unchanged(repo: FeedRepo, at: datetime, url: str = URL) -> None:
    await repo.record_success(url, at=at, next_poll_at=at + timedelta(minutes=15),
                              deferred=True)


async def test_reads_see_the_pending_write_and_the_database_gets_it_on_flush(
        tmp_path: Path) -> None:
    db, repo = await _seeded(tmp_path / "pw.db", delay=60)
    try:
        later = NOW + timedelta(minutes=15)
        await _unchanged(repo, later)
        assert (await _stored(db) or {})["last_success"] == NOW.isoformat()  # not yet written
        state = await repo.state(URL)
        assert (state.last_success, state.etag, state.body_hash) == (later, '"v1"', "h1")
        assert (await repo.states())[URL] == state
        assert await repo.flush() == 1 and len(repo.writer) == 0
        assert (await _stored(db) or {})["last_success"] == later.isoformat()
        assert await repo.state(URL) == state
    finally:
        await db.close()


async def test_a_pending_write_of_a_feed_never_seen_reads_as_defaults(tmp_path: Path) -> None:
    db, repo = await _seeded(tmp_path / "pw.db", delay=60)
    try:
        other = "https://example.org/other.xml"
        await _unchanged(repo, NOW, other)
        state = (await repo.states())[other]
        assert state.last_success == NOW and not state.paused and state.etag is None
    finally:
        await db.close()


async def test_flushed_after_the_delay(tmp_path: Path) -> None:
    db, repo = await _seeded(tmp_path / "pw.db", delay=0.05)
    try:
        await _unchanged(repo, NOW + timedelta(minutes=15))
        for _ in range(100):
            if repo.writer.flushes:
                break
            await asyncio.sleep(0.02)
        assert repo.writer.flushes == 1 and len(repo.writer) == 0
        assert (await _stored(db) or {})["last_success"] == (
            NOW + timedelta(minutes=15)).isoformat()
    finally:
        await db.close()


async def test_flushed_in_one_batch_once_max_rows_feeds_wait(tmp_path: Path) -> None:
    db, repo = await _seeded(tmp_path / "pw.db", delay=60, max_rows=3)
    try:
        urls = [f"https://example.org/{i}.xml" for i in range(3)]
        for url in urls[:2]:
            await _unchanged(repo, NOW, url)
        await asyncio.sleep(0.05)
        assert repo.writer.flushes == 0 and len(repo.writer) == 2
        await _unchanged(repo, NOW, urls[2])  # the third one: written at once, one batch
        for _ in range(100):
            if repo.writer.flushes:
                break
            await asyncio.sleep(0.01)
        assert repo.writer.flushes == 1
        assert [await _stored(db, url) is not None for url in urls] == [True] * 3
    finally:
        await db.close()


async def test_a_later_write_of_the_feed_is_never_overwritten(tmp_path: Path) -> None:
    db, repo = await _seeded(tmp_path / "pw.db", delay=60)
    try:
        await _unchanged(repo, NOW + timedelta(minutes=15))  # failures 0, no error: pending
        assert await repo.record_failure(URL, at=NOW + timedelta(minutes=30), error="boom",
                                         next_poll_at=NOW + timedelta(hours=1)) == 1
        await repo.pause(URL, "paused by a test")
        assert len(repo.writer) == 0  # the failure's write took the pending fields along
        await repo.flush()
        state = await repo.state(URL)
        assert (state.consecutive_failures, state.last_error, state.paused) == (
            1, "boom", True)
        assert state.last_success == NOW + timedelta(minutes=15)
    finally:
        await db.close()


async def test_close_writes_what_is_pending(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "pw.db")
    later = NOW + timedelta(minutes=15)
    await store.feeds.record_success(URL, at=NOW, next_poll_at=later, etag='"v1"',
                                     validators=True, body_hash="h1")
    await store.feeds.record_success(URL, at=later, next_poll_at=later, deferred=True)
    await store.close()
    store = await Store.open(tmp_path / "pw.db")
    try:
        assert (await store.feeds.state(URL)).last_success == later
    finally:
        await store.close()


async def test_a_crash_loses_only_the_deferred_times(tmp_path: Path) -> None:
    """No flush (the process died): the feed keeps the state of its last synchronous write,
    so it is due again and asks with the same validators: a 304 again, never a new alert."""
    db, repo = await _seeded(tmp_path / "pw.db", delay=60)
    await _unchanged(repo, NOW + timedelta(minutes=15))
    await db.close()  # the writer is not closed: its pending write is gone
    db = await Database(tmp_path / "pw.db").open()
    try:
        state = await FeedRepo(db).state(URL)
        assert state.last_success == NOW and state.next_poll_at == NOW + timedelta(minutes=15)
        assert (state.etag, state.body_hash, state.consecutive_failures) == ('"v1"', "h1", 0)
    finally:
        await db.close()


async def test_a_failed_flush_never_puts_back_what_a_later_write_replaced(
        tmp_path: Path) -> None:
    """A flush fails (a trigger aborts the deferred row) while a resume of the same feed
    waits for the write lock: the resume's next poll time stays, the old one is not retried."""
    db, repo = await _seeded(tmp_path / "pw.db", delay=60)
    try:
        stale = NOW + timedelta(minutes=30)
        await _unchanged(repo, NOW + timedelta(minutes=15))  # next poll at `stale`
        await db.write(
            "CREATE TRIGGER fail_stale BEFORE UPDATE ON feed_state"
            f" WHEN NEW.next_poll_at = '{stale.isoformat()}'"
            " BEGIN SELECT RAISE(ABORT, 'flush refused'); END")
        flush = asyncio.create_task(repo.flush())
        while len(repo.writer):  # until the flush has taken the pending rows
            await asyncio.sleep(0)
        resume = asyncio.create_task(repo.resume(URL, at=NOW + timedelta(minutes=20)))
        done = await asyncio.gather(flush, resume, return_exceptions=True)
        assert isinstance(done[0], Exception) and done[1] is None
        await db.write("DROP TRIGGER fail_stale")
        await repo.flush()
        assert (await _stored(db) or {})["next_poll_at"] == (
            NOW + timedelta(minutes=20)).isoformat()
        assert (await repo.state(URL)).next_poll_at == NOW + timedelta(minutes=20)
    finally:
        await db.close()


async def test_a_failure_after_deferred_polls_counts_and_survives_a_restart(
        tmp_path: Path) -> None:
    """Deferred success, then a failure, then a clean close: the file has the failure's
    counters and validators kept; nothing deferred is left over to overwrite them."""
    store = await Store.open(tmp_path / "pw.db")
    later = NOW + timedelta(minutes=15)
    await store.feeds.record_success(URL, at=NOW, next_poll_at=later, etag='"v1"',
                                     validators=True, body_hash="h1")
    await store.feeds.record_success(URL, at=later, next_poll_at=later, deferred=True)
    assert await store.feeds.record_failure(
        URL, at=later, error="timeout", next_poll_at=later + timedelta(minutes=5)) == 1
    await store.close()
    store = await Store.open(tmp_path / "pw.db")
    try:
        state = await store.feeds.state(URL)
        assert (state.consecutive_failures, state.last_error, state.etag) == (
            1, "timeout", '"v1"')
        assert (state.last_success, state.next_poll_at) == (later, later + timedelta(minutes=5))
    finally:
        await store.close()
