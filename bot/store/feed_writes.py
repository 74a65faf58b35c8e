"""Write-behind of unchanged polls' feed state (SQLite).

A 304, or a 200 whose body hashes as last time, changes only the feed's `feed_state` row
(times, the next poll, validators). `FeedStateWriter` keeps those writes and puts them in one
transaction (`executemany`, one statement per column set) every `delay` seconds, as soon as
`max_rows` feeds wait, or on `flush()` (shutdown). Losing them in a crash leaves the older row,
so those feeds are polled again (another 304 or same body); nothing about items is deferred.

Ordering: every other write of a feed's state first takes that feed's pending fields into its
own statement (`take`), and a flush reads the pending rows only once it holds the database's
write lock, so a later write is never overwritten by an older pending one. Reads overlay the
pending fields (`overlay`), so this process sees its own writes.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

from bot.store.db import Database

log = logging.getLogger(__name__)

Fields = dict[str, object]  # feed_state columns, already as SQLite takes them
FLUSH_DELAY_S = 0.5  # the longest a deferred state write waits
FLUSH_ROWS = 256  # this many waiting feeds are written at once
# A feed_state row before any write (what the table's defaults give).
EMPTY_ROW: dict[str, Any] = {
    "title": None, "etag": None, "last_modified": None, "last_success": None,
    "last_attempt": None, "consecutive_failures": 0, "last_error": None, "paused": 0,
    "paused_reason": None, "next_poll_at": None, "admins_notified": 0, "baseline_done": 0,
    "body_hash": None}


def _sql(cols: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols)
    return (f"INSERT INTO feed_state (url, {', '.join(cols)}) VALUES"
            f" (?, {', '.join('?' * len(cols))}) ON CONFLICT(url) DO UPDATE SET {sets}")


class FeedStateWriter:
    """Pending `feed_state` writes by URL, written in batches (see the module docstring)."""

    def __init__(self, db: Database, *, delay: float = FLUSH_DELAY_S,
                 max_rows: int = FLUSH_ROWS) -> None:
        self.db = db
        self.delay = delay
        self.max_rows = max_rows
        self._pending: dict[str, Fields] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._queued = False  # a flush task is on its way and has not taken the rows yet
        self._taken: set[str] = set()  # feeds written by others while a flush is under way
        self.flushes = 0  # batches written (tests, metrics)

    def __len__(self) -> int:
        return len(self._pending)

    def defer(self, url: str, fields: Fields) -> None:
        """Keep `fields` for `url` (on top of what is already pending) until the next flush."""
        self._pending.setdefault(url, {}).update(fields)
        if len(self._pending) >= self.max_rows:
            self._spawn()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.delay, self._spawn)

    def take(self, url: str) -> Fields:
        """Remove and return `url`'s pending fields (the caller writes them with its own)."""
        self._taken.add(url)
        return self._pending.pop(url, {})

    def overlay(self, url: str, row: sqlite3.Row | None) -> dict[str, Any] | None:
        """`row` (a feed_state row or None) with `url`'s pending fields applied."""
        pending = self._pending.get(url)
        if not pending:
            return None if row is None else dict(row)
        base = dict(row) if row is not None else {**EMPTY_ROW, "url": url}
        base.update(pending)
        return base

    def pending_urls(self) -> list[str]:
        """Feeds with a pending write."""
        return list(self._pending)

    def _spawn(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._queued:
            return
        self._queued = True
        task = asyncio.get_running_loop().create_task(self._flush_logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _flush_logged(self) -> None:
        try:
            await self.flush()
        except Exception:  # the rows went back to pending; the next flush retries them
            log.exception("could not write %d deferred feed states", len(self._pending))
            if self._pending and self._timer is None:
                self._timer = asyncio.get_running_loop().call_later(self.delay, self._spawn)

    async def flush(self) -> int:
        """Write every pending state now in one transaction; returns how many feeds."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            self._queued = False
            return 0
        async with self.db.transaction() as conn:
            rows, self._pending = self._pending, {}  # taken under the write lock
            self._queued = False
            self._taken = set()
            groups: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
            for url, fields in rows.items():
                groups.setdefault(tuple(fields), []).append((url, *fields.values()))
            try:
                for cols, params in groups.items():
                    await conn.executemany(_sql(cols), params)
            except BaseException:
                # Put the rows back, newer pending fields on top; not those of feeds whose
                # state another write has set since (it waits on this lock, so it would land
                # first and the old row would overwrite it).
                for url, fields in rows.items():
                    if url not in self._taken:
                        self._pending[url] = {**fields, **self._pending.get(url, {})}
                raise
        self.flushes += 1
        return len(rows)

    async def close(self) -> None:
        """Write what is pending and wait for flushes under way (shutdown)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.flush()
