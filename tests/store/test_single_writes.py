"""`Database.write`: one statement as its own transaction, one thread hop when the lock is free,
and the waiting path of `transaction` when another connection holds the write lock past the
busy timeout. `fetchone`/`fetchall` fetch with the query (one hop each)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.store.db import Database
from bot.store.feed_state_cache import FeedStateCache
from bot.store.feeds import FeedRepo
from tests.faults.support import WriteLock

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


async def _hops(db: Database, work: object) -> int:
    """How many calls `work` (a coroutine) hands to the aiosqlite thread."""
    conn = db.conn
    real = conn._execute  # every aiosqlite call on its thread goes through this
    count = 0

    async def counting(fn: object, *args: object, **kwargs: object) -> object:
        nonlocal count
        count += 1
        return await real(fn, *args, **kwargs)  # type: ignore[arg-type]

    conn._execute = counting  # type: ignore[method-assign,assignment]
    try:
        await work  # type: ignore[misc]
    finally:
        del conn._execute  # back to the class's method
    return count


async def test_a_304_reads_its_state_from_the_file_once_and_costs_one_write_hop(
        tmp_path: Path) -> None:
    db = await Database(tmp_path / "pw.db").open()
    try:
        clock = [0.0]
        repo = FeedRepo(db, cache=FeedStateCache(db, recheck=0.5, clock=lambda: clock[0]))
        url = "https://f.example/rss"
        await repo.record_success(url, at=NOW, next_poll_at=NOW)
        # the first read: PRAGMA data_version and the row; then the row is kept
        assert await _hops(db, repo.state(url)) == 2
        assert await _hops(db, repo.state(url)) == 0
        later = NOW + timedelta(minutes=5)
        assert await _hops(db, repo.record_success(url, at=later, next_poll_at=later)) == 1
        assert await _hops(db, repo.state(url)) == 0  # the kept row has the write
        state = await repo.state(url)
        assert state.last_success == later and state.consecutive_failures == 0
        clock[0] = 1.0  # past `recheck`: one data_version query, the file is unchanged
        assert await _hops(db, repo.state(url)) == 1
    finally:
        await db.close()


async def test_a_write_waits_out_a_lock_held_past_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "pw.db"
    db = await Database(path, busy_timeout=0.1).open()
    lock = WriteLock(path)
    try:
        repo = FeedRepo(db)
        lock.take()
        write = asyncio.create_task(repo.record_success("https://f.example/rss", at=NOW,
                                                        next_poll_at=NOW))
        await asyncio.sleep(0.5)  # five busy timeouts: a plain statement would have failed
        assert not write.done()
        assert (await repo.state("https://f.example/rss")).last_success is None  # reads go on
        lock.release()
        await asyncio.wait_for(write, 10)
        assert (await repo.state("https://f.example/rss")).last_success == NOW
    finally:
        lock.close()
        await db.close()


async def test_items_and_state_land_in_one_transaction(tmp_path: Path) -> None:
    db = await Database(tmp_path / "pw.db").open()
    try:
        repo = FeedRepo(db)
        rows: list[dict[str, object]] = [
            {"item_key": f"k{n}", "url": f"https://f.example/{n}", "title": f"item {n}",
             "published": NOW, "fingerprint": f"fp{n}", "state": "baseline",
             "reason": "baseline", "at": NOW} for n in range(3)]
        hops = await _hops(db, repo.record_success("https://f.example/rss", at=NOW,
                                                   next_poll_at=NOW, items=rows,
                                                   validators=True, body_hash="h1"))
        assert hops <= 5  # BEGIN, executemany, upsert, COMMIT (+ the lock's own read)
        seen = await repo.seen("https://f.example/rss", ["k0", "k1", "k2"])
        assert sorted(seen) == ["k0", "k1", "k2"]
        assert (await repo.state("https://f.example/rss")).body_hash == "h1"
    finally:
        await db.close()
