"""This process's copy of the `feed_state` rows it has read (SQLite).

A steady poll (a 304, or a 200 with the body of last time) reads its feed's state and writes it
back deferred. Reading it from SQLite costs a thread hop, about a fifth of such a poll; this
cache answers it from memory instead. It is safe because:

- the repository updates a kept row with every write it makes (the deferred ones included) and
  forgets the row when a write fails, so this process always sees its own writes;
- a row read while a write of the same feed was under way is not kept (`reading` / `keep`);
- another connection's commit (a `policywire ask` admin command, a second process on the same
  file) changes SQLite's `PRAGMA data_version`, which is asked at most every `recheck` seconds;
  when it moved, every kept row is dropped. Such a change is seen within `recheck` seconds,
  the same bound the deferred writes put on this process's changes reaching the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bot.store.db import Database

RECHECK_S = 0.5  # the longest another connection's change to a feed's state goes unseen
MAX_ROWS = 50_000  # rows kept; the oldest read goes first

Row = dict[str, Any]  # a feed_state row as SQLite gives it, pending writes applied


class FeedStateCache:
    """Kept `feed_state` rows by URL (see the module docstring)."""

    def __init__(self, db: Database, *, recheck: float = RECHECK_S, max_rows: int = MAX_ROWS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.recheck = recheck
        self.max_rows = max_rows
        self.clock = clock
        self._rows: dict[str, Row] = {}
        self._reads: dict[str, bool] = {}  # URL -> no write since its read began
        self._version: object = None
        self._next_check = 0.0
        self.checks = 0  # data_version queries made (tests)

    def __len__(self) -> int:
        return len(self._rows)

    async def get(self, url: str) -> Row | None:
        """The kept row of `url` (a copy), or None when it must be read from the file."""
        if self.clock() >= self._next_check:
            await self._check_version()
        row = self._rows.get(url)
        return None if row is None else dict(row)

    def reading(self, url: str) -> None:
        """A read of `url`'s row from the file begins; `keep` keeps it only if no write of
        the feed happened meanwhile."""
        self._reads[url] = True

    def keep(self, url: str, row: Row) -> None:
        """Keep `row`, read from the file after `reading(url)`, unless a write came between."""
        if self._reads.pop(url, False):
            self._rows.pop(url, None)
            self._rows[url] = dict(row)
            while len(self._rows) > self.max_rows:
                del self._rows[next(iter(self._rows))]

    def abandon(self, url: str) -> None:
        """The read of `url` begun by `reading` failed."""
        self._reads.pop(url, None)

    def wrote(self, url: str, fields: Row) -> None:
        """This process wrote (or deferred) `fields` of `url`'s row."""
        if url in self._reads:
            self._reads[url] = False
        row = self._rows.get(url)
        if row is not None:
            row.update(fields)

    def forget(self, url: str) -> None:
        """Drop `url`'s row (a write of it failed, so the file's row is not known)."""
        self._rows.pop(url, None)
        if url in self._reads:
            self._reads[url] = False

    async def _check_version(self) -> None:
        row = await self.db.fetchone("PRAGMA data_version")
        self.checks += 1
        self._next_check = self.clock() + self.recheck
        version = None if row is None else row[0]
        if version != self._version:
            self._version = version
            self._rows.clear()
            self._reads = dict.fromkeys(self._reads, False)
