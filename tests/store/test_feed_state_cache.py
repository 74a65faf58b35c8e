"""The feed-state cache on a real SQLite file: own writes seen at once, another connection's
within `recheck`, a row read during a write of it never kept, a failed write forgotten."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.store.db import Database
from bot.store.feed_state_cache import FeedStateCache
from bot.store.feeds import FeedRepo, FeedState

URL = "https://f.example/rss"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@asynccontextmanager
async def _opened(path: Path, **cache: int) -> AsyncIterator[
        tuple[Database, FeedRepo, list[float]]]:
    """A repository on a real file whose cache runs on a clock the test moves (`clock[0]`)."""
    clock = [0.0]
    db = await Database(path).open()
    try:
        kept = FeedStateCache(db, recheck=0.5, clock=lambda: clock[0], **cache)
        yield db, FeedRepo(db, cache=kept), clock
    finally:
        await db.close()


async def test_another_connections_change_is_seen_within_recheck(tmp_path: Path) -> None:
    async with _opened(tmp_path / "pw.db") as (_db, repo, clock):
        await repo.record_success(URL, at=NOW, next_poll_at=NOW)
        assert not (await repo.state(URL)).paused  # now kept
        other = sqlite3.connect(tmp_path / "pw.db")  # e.g. `policywire ask "/feeds pause"`
        other.execute("UPDATE feed_state SET paused = 1, paused_reason = 'by hand'")
        other.commit()
        other.close()
        clock[0] = 0.4  # inside `recheck`: the kept row still answers
        assert not (await repo.state(URL)).paused
        clock[0] = 0.6  # data_version moved: every kept row is dropped, the file is read
        state = await repo.state(URL)
        assert state.paused and state.paused_reason == "by hand"
        assert repo.cache.checks == 2


async def test_own_writes_deferred_or_not_are_seen_at_once(tmp_path: Path) -> None:
    async with _opened(tmp_path / "pw.db") as (db, repo, _clock):
        assert await repo.state(URL) == FeedState(url=URL)  # never polled: the default, kept
        assert len(repo.cache) == 1
        later = NOW + timedelta(minutes=5)
        await repo.record_success(URL, at=later, next_poll_at=later, deferred=True)
        assert (await repo.state(URL)).last_success == later  # not in the file yet
        await repo.pause(URL, "too many failures")
        await repo.record_failure(URL, at=later, error="HTTP 500", next_poll_at=later)
        state = await repo.state(URL)
        assert (state.paused, state.consecutive_failures, state.last_error) == (
            True, 1, "HTTP 500")
        await repo.flush()
        fresh = await FeedRepo(db).state(URL)  # another repository: read from the file
        assert fresh == state


async def test_a_row_read_while_the_feed_is_written_is_not_kept(tmp_path: Path) -> None:
    db = await Database(tmp_path / "pw.db").open()
    try:
        cache = FeedStateCache(db)
        cache.reading(URL)
        cache.wrote(URL, {"paused": 1})  # a write landed while the read was on its way
        cache.keep(URL, {"url": URL, "paused": 0})
        assert await cache.get(URL) is None
        cache.reading(URL)
        cache.keep(URL, {"url": URL, "paused": 1})
        assert await cache.get(URL) == {"url": URL, "paused": 1}
    finally:
        await db.close()


async def test_a_failed_write_forgets_the_row(tmp_path: Path) -> None:
    async with _opened(tmp_path / "pw.db") as (db, repo, _clock):
        await repo.record_success(URL, at=NOW, next_poll_at=NOW)
        await repo.state(URL)
        await db.write("CREATE TRIGGER no_pause BEFORE UPDATE ON feed_state WHEN NEW.paused = 1"
                       " BEGIN SELECT RAISE(ABORT, 'pause refused'); END")
        try:
            await repo.pause(URL, "why")
        except sqlite3.DatabaseError:
            pass
        else:
            raise AssertionError("the trigger should have refused the write")
        assert len(repo.cache) == 0
        assert not (await repo.state(URL)).paused  # read again from the file


async def test_the_cache_keeps_at_most_max_rows(tmp_path: Path) -> None:
    async with _opened(tmp_path / "pw.db", max_rows=2) as (_db, repo, _clock):
        for n in range(3):
            await repo.state(f"https://f{n}.example/rss")
        assert len(repo.cache) == 2
        assert await repo.cache.get("https://f0.example/rss") is None  # the oldest went
