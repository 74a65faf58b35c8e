"""Feed health, conditional-GET validators, per-item seen-state and runtime-added feeds.

The models, the row mappers and the pure helpers here serve both engines (the PostgreSQL
repository is bot.store.postgres.feeds): field values are built engine-neutral (datetimes,
booleans) and each engine turns them into what its driver takes.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.store.db import Database
from bot.store.deliveries import LEASE
from bot.store.feed_state_cache import FeedStateCache
from bot.store.feed_writes import EMPTY_ROW, FeedStateWriter
from bot.store.values import Row, iso_text, when

# An item's seen-state: inserted, or an earlier record of the same key overwritten.
RECORD_ITEM_SQL = (
    "INSERT INTO feed_items (feed_url, item_key, url, title, published,"
    " content_fingerprint, article_id, first_seen, state, skip_reason)"
    " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(feed_url, item_key) DO UPDATE SET"
    " content_fingerprint = excluded.content_fingerprint,"
    " article_id = excluded.article_id, state = excluded.state,"
    " skip_reason = excluded.skip_reason"
)
RECORD_EDIT_SQL = ("UPDATE feed_items SET content_fingerprint = ?, last_changed = ?,"
                   " edits = edits + 1 WHERE feed_url = ? AND item_key = ?")
ITEMS_BY_URL_SQL = "SELECT * FROM feed_items WHERE url = ? ORDER BY first_seen DESC"
COUNTS_SQL = "SELECT state, COUNT(*) AS n FROM feed_items WHERE feed_url = ? GROUP BY state"
ADD_RUNTIME_SQL = ("INSERT INTO runtime_feeds (url, name, topics, added_by, added_at)"
                   " VALUES (?,?,?,?,?) ON CONFLICT(url) DO NOTHING")
RUNTIME_FEEDS_SQL = "SELECT * FROM runtime_feeds ORDER BY added_at, url"


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is known about one feed's polling."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    paused: bool = False
    paused_reason: str | None = None
    next_poll_at: datetime | None = None
    admins_notified: bool = False
    baseline_done: bool = False
    body_hash: str | None = None  # of the last fully handled body (`feed_rules.body_hash`)


@dataclass(frozen=True, slots=True)
class SeenItem:
    """One feed item as recorded: stored, skipped (with the reason) or part of the baseline."""

    feed_url: str
    item_key: str
    url: str | None
    title: str
    published: datetime | None
    fingerprint: str
    article_id: int | None
    first_seen: datetime
    state: str
    reason: str | None
    edits: int = 0
    last_changed: datetime | None = None


@dataclass(frozen=True, slots=True)
class RuntimeFeed:
    """A feed an admin added with `/feeds add` (config feeds live in YAML)."""

    url: str
    name: str | None
    topics: tuple[str, ...]
    added_by: str
    added_at: datetime | None


Fields = dict[str, object]  # feed_state columns to write, engine-neutral values
TimeParam = Callable[[datetime | None], object]  # a datetime as one engine's driver takes it


def state_of(r: Row) -> FeedState:
    """A `feed_state` row of either engine as a FeedState."""
    return FeedState(
        url=r["url"], title=r["title"], etag=r["etag"], last_modified=r["last_modified"],
        last_success=when(r["last_success"]), last_attempt=when(r["last_attempt"]),
        consecutive_failures=int(r["consecutive_failures"]), last_error=r["last_error"],
        paused=bool(r["paused"]), paused_reason=r["paused_reason"],
        next_poll_at=when(r["next_poll_at"]), admins_notified=bool(r["admins_notified"]),
        baseline_done=bool(r["baseline_done"]), body_hash=r["body_hash"],
    )


def item_of(r: Row) -> SeenItem:
    """A `feed_items` row of either engine as a SeenItem."""
    return SeenItem(
        feed_url=r["feed_url"], item_key=r["item_key"], url=r["url"], title=r["title"],
        published=when(r["published"]), fingerprint=r["content_fingerprint"],
        article_id=r["article_id"], first_seen=when(r["first_seen"]) or datetime.min,
        state=r["state"], reason=r["skip_reason"], edits=int(r["edits"]),
        last_changed=when(r["last_changed"]),
    )


def runtime_of(r: Row) -> RuntimeFeed:
    """A `runtime_feeds` row of either engine (topics as JSON text) as a RuntimeFeed."""
    return RuntimeFeed(url=r["url"], name=r["name"], topics=tuple(json.loads(r["topics"])),
                       added_by=r["added_by"], added_at=when(r["added_at"]))


def counts_of(rows: Sequence[Row]) -> dict[str, int]:
    """(state, n) rows of `COUNTS_SQL` as a map."""
    return {r["state"]: int(r["n"]) for r in rows}


def item_values(feed_url: str, rows: Sequence[Mapping[str, Any]],
                time: TimeParam) -> list[tuple[object, ...]]:
    """`RECORD_ITEM_SQL` parameters of `record_item`-style rows (`time` converts datetimes)."""
    return [(feed_url, r["item_key"], r["url"], r["title"], time(r["published"]),
             r["fingerprint"], r.get("article_id"), time(r["at"]), r["state"], r["reason"])
            for r in rows]


def upsert_sql(url: str, fields: Fields) -> tuple[str, tuple[object, ...]]:
    """Insert-or-update of `fields` for one feed (`?` placeholders; values as given)."""
    cols = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    sets = ", ".join(f"{c} = excluded.{c}" for c in fields)
    return (f"INSERT INTO feed_state (url, {cols}) VALUES (?, {marks})"
            f" ON CONFLICT(url) DO UPDATE SET {sets}", (url, *fields.values()))


def runtime_values(url: str, *, topics: Sequence[str], name: str | None, added_by: str,
                   at: datetime, time: TimeParam) -> tuple[object, ...]:
    """`ADD_RUNTIME_SQL` parameters (topics as JSON text)."""
    return (url, name, json.dumps(list(topics)), added_by, time(at))


class FeedWrites(ABC):
    """The feed repository's writes whose content both engines share: what is written is
    decided here, each engine's repository says how (`_upsert`, `_upsert_with_items`,
    `_write_item`, with engine-neutral values: datetimes and booleans)."""

    @abstractmethod
    async def _upsert(self, url: str, fields: Fields) -> None:
        """Insert or update `fields` of one feed's state."""

    @abstractmethod
    async def _upsert_with_items(self, url: str, fields: Fields,
                                 items: Sequence[Mapping[str, Any]]) -> None:
        """Write `items` (`record_item` rows) and then the state, in one transaction."""

    @abstractmethod
    async def _write_item(self, feed_url: str, item: Mapping[str, Any]) -> None:
        """Write one item's seen-state."""

    async def _defer(self, url: str, fields: Fields) -> None:
        """Write `fields` of an unchanged poll, later if the engine batches them (SQLite);
        by default now."""
        await self._upsert(url, fields)

    async def record_success(
        self, url: str, *, at: datetime, next_poll_at: datetime, title: str | None = None,
        etag: str | None = None, last_modified: str | None = None, validators: bool = False,
        baseline_done: bool | None = None, warning: str | None = None,
        body_hash: str | None = None, items: Sequence[dict[str, object]] = (),
        deferred: bool = False,
    ) -> None:
        """A fetch worked: reset failures; store validators (ETag, Last-Modified and the body
        hash) only when `validators` is True. `items` (`record_items` rows) are written in the
        same transaction, before the state (without items the state is one statement: on
        SQLite one thread hop). `deferred` (an unchanged poll, no items): the engine may write
        the state in a later batch (`FeedStateWriter`); reads here see it at once."""
        fields: Fields = {"last_success": at, "last_attempt": at, "consecutive_failures": 0,
                          "last_error": warning, "next_poll_at": next_poll_at}
        if title:
            fields["title"] = title
        if validators:
            fields["etag"], fields["last_modified"] = etag, last_modified
            fields["body_hash"] = body_hash
        if baseline_done is not None:
            fields["baseline_done"] = baseline_done
        if items:
            await self._upsert_with_items(url, fields, items)
        elif deferred:
            await self._defer(url, fields)
        else:
            await self._upsert(url, fields)

    async def pause(self, url: str, reason: str) -> None:
        """Stop polling a feed until resumed."""
        await self._upsert(url, {"paused": True, "paused_reason": reason})

    async def mark_notified(self, url: str) -> None:
        """Admins were told that the feed is paused."""
        await self._upsert(url, {"admins_notified": True})

    async def resume(self, url: str, *, at: datetime) -> None:
        """Poll a paused feed again from now, with a clean failure count."""
        await self._upsert(url, {"paused": False, "paused_reason": None,
                                 "admins_notified": False, "consecutive_failures": 0,
                                 "next_poll_at": at})

    async def record_item(
        self, feed_url: str, item_key: str, *, url: str | None, title: str,
        published: datetime | None, fingerprint: str, state: str, reason: str | None,
        at: datetime, article_id: int | None = None,
    ) -> None:
        """Write an item's seen-state (insert, or overwrite an earlier record of the key)."""
        await self._write_item(feed_url, {
            "item_key": item_key, "url": url, "title": title, "published": published,
            "fingerprint": fingerprint, "state": state, "reason": reason, "at": at,
            "article_id": article_id})


def _sqlite(fields: Fields) -> Fields:
    return {k: iso_text(v) if isinstance(v, datetime) else v for k, v in fields.items()}


class FeedRepo(FeedWrites):
    """Reads and writes of the feed tables; every write is one transaction, but unchanged
    polls' state goes through `writer` (batched) and known states are read from `cache`."""

    def __init__(self, db: Database, writer: FeedStateWriter | None = None,
                 cache: FeedStateCache | None = None) -> None:
        self.db = db
        self.writer = FeedStateWriter(db) if writer is None else writer  # not `or`: __len__
        self.cache = FeedStateCache(db) if cache is None else cache

    # -- feed state -----------------------------------------------------------------------

    async def state(self, url: str) -> FeedState:
        """The state of a feed (a fresh default when it was never polled)."""
        kept = await self.cache.get(url)
        if kept is not None:
            return state_of(kept)
        self.cache.reading(url)
        try:
            row = await self.db.fetchone("SELECT * FROM feed_state WHERE url = ?", (url,))
        except BaseException:
            self.cache.abandon(url)
            raise
        merged = self.writer.overlay(url, row) or {**EMPTY_ROW, "url": url}
        self.cache.keep(url, merged)
        return state_of(merged)

    async def states(self) -> dict[str, FeedState]:
        """Every feed with recorded state, by URL."""
        rows = {r["url"]: r for r in await self.db.fetchall("SELECT * FROM feed_state")}
        urls = sorted({*rows, *self.writer.pending_urls()})
        return {u: state_of(self.writer.overlay(u, rows.get(u)) or rows[u]) for u in urls}

    async def flush(self) -> int:
        """Write the deferred states now; how many feeds."""
        return await self.writer.flush()

    # -- polling claims (bot.store.ports.FeedClaims) ---------------------------------------

    async def claim_feeds(self, owner: str, urls: Sequence[str], *, interval: float,
                          lease: float = LEASE, limit: int = 100) -> list[str]:
        """Of `urls`, those due now (not paused), leased to `owner`, each next due
        `interval` seconds from now; feeds not known yet are added. (Deferred state writes
        touch none of the lease columns, so they need no flush here.)"""
        if not urls:
            return []
        now = time.time()
        marks = ",".join("?" * len(urls))
        async with self.db.transaction() as conn:
            await conn.executemany("INSERT INTO feed_state (url) VALUES (?)"
                                   " ON CONFLICT(url) DO NOTHING", [(u,) for u in urls])
            async with conn.execute(
                f"SELECT url FROM feed_state WHERE url IN ({marks}) AND paused = 0 AND"
                f" (poll_lease_until <= ? OR (poll_lease_until IS NULL AND"
                f" (poll_due IS NULL OR poll_due <= ?))) ORDER BY poll_due IS NOT NULL,"
                f" poll_due, url LIMIT ?", (*urls, now, now, limit)) as cur:
                due = [str(r[0]) for r in await cur.fetchall()]
            if due:
                await conn.execute(
                    f"UPDATE feed_state SET poll_owner = ?, poll_lease_until = ?, poll_due = ?"
                    f" WHERE url IN ({','.join('?' * len(due))})",
                    (owner, now + lease, now + interval, *due))
        return due

    async def release_feed(self, url: str, owner: str, *,
                           next_in: float | None = None) -> bool:
        """Give up the poll lease; False when the feed was not `owner`'s."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE feed_state SET poll_owner = NULL, poll_lease_until = NULL,"
                " poll_due = COALESCE(?, poll_due) WHERE url = ? AND poll_owner = ?",
                (None if next_in is None else time.time() + next_in, url, owner))
            return cur.rowcount == 1

    # A write of the state now carries the feed's deferred fields under its own (`take`),
    # so an older deferred write can never land after it.
    async def _upsert(self, url: str, fields: Fields) -> None:
        merged = {**self.writer.take(url), **_sqlite(fields)}
        try:
            await self.db.write(*upsert_sql(url, merged))
        except BaseException:
            self.cache.forget(url)
            raise
        self.cache.wrote(url, merged)

    async def _upsert_with_items(self, url: str, fields: Fields,
                                 items: Sequence[Mapping[str, Any]]) -> None:
        try:
            async with self.db.transaction() as conn:
                merged = {**self.writer.take(url), **_sqlite(fields)}
                await conn.executemany(RECORD_ITEM_SQL, item_values(url, items, iso_text))
                await conn.execute(*upsert_sql(url, merged))
        except BaseException:
            self.cache.forget(url)
            raise
        self.cache.wrote(url, merged)

    async def _defer(self, url: str, fields: Fields) -> None:
        written = _sqlite(fields)
        self.writer.defer(url, written)
        self.cache.wrote(url, written)

    async def _write_item(self, feed_url: str, item: Mapping[str, Any]) -> None:
        await self.db.write(RECORD_ITEM_SQL, item_values(feed_url, [item], iso_text)[0])

    async def record_failure(
        self, url: str, *, at: datetime, error: str, next_poll_at: datetime
    ) -> int:
        """A fetch or parse failed; returns the new count of consecutive failures."""
        state = await self.state(url)
        failures = state.consecutive_failures + 1
        await self._upsert(url, {"last_attempt": at, "consecutive_failures": failures,
                                 "last_error": error, "next_poll_at": next_poll_at})
        return failures

    # -- items ----------------------------------------------------------------------------

    async def seen(self, feed_url: str, keys: Sequence[str]) -> dict[str, SeenItem]:
        """Recorded items of a feed among `keys`."""
        out: dict[str, SeenItem] = {}
        keys = list(dict.fromkeys(keys))
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = await self.db.fetchall(
                "SELECT * FROM feed_items WHERE feed_url = ? AND item_key IN"
                f" ({','.join('?' * len(chunk))})", (feed_url, *chunk),
            )
            out.update({r["item_key"]: item_of(r) for r in rows})
        return out

    async def record_items(self, feed_url: str, rows: Sequence[dict[str, object]]) -> None:
        """Write many items' seen-state (`record_item`'s keyword arguments each) in one
        transaction with one `executemany`."""
        if not rows:
            return
        async with self.db.transaction() as conn:
            await conn.executemany(RECORD_ITEM_SQL, item_values(feed_url, rows, iso_text))

    async def record_edit(self, feed_url: str, item_key: str, fingerprint: str,
                          at: datetime) -> None:
        """A seen item came back with different content (a real edit, not churn)."""
        await self.db.write(RECORD_EDIT_SQL, (fingerprint, iso_text(at), feed_url, item_key))

    async def items_by_url(self, url: str) -> list[SeenItem]:
        """Items recorded under a canonical URL, across feeds, newest first."""
        return [item_of(r) for r in await self.db.fetchall(ITEMS_BY_URL_SQL, (url,))]

    async def counts(self, feed_url: str) -> dict[str, int]:
        """How many items of a feed are in each state."""
        return counts_of(await self.db.fetchall(COUNTS_SQL, (feed_url,)))

    # -- runtime feeds --------------------------------------------------------------------

    async def add_runtime(self, url: str, *, topics: Sequence[str], name: str | None,
                          added_by: str, at: datetime) -> bool:
        """Add a runtime feed; False when it already exists."""
        values = runtime_values(url, topics=topics, name=name, added_by=added_by, at=at,
                                time=iso_text)
        async with self.db.transaction() as conn:
            cur = await conn.execute(ADD_RUNTIME_SQL, values)
            return cur.rowcount == 1

    async def remove_runtime(self, url: str) -> bool:
        """Remove a runtime feed; False when there was none."""
        async with self.db.transaction() as conn:
            cur = await conn.execute("DELETE FROM runtime_feeds WHERE url = ?", (url,))
            return cur.rowcount == 1

    async def runtime_feeds(self) -> list[RuntimeFeed]:
        """Feeds added at run time, oldest first."""
        return [runtime_of(r) for r in await self.db.fetchall(RUNTIME_FEEDS_SQL)]
