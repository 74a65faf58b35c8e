"""The repository groups' interfaces beyond the queue ports of `bot.store.ports`, and
`Storage`, the facade every service is given.

Services, pipelines and handlers depend on these protocols, never on an engine: the SQLite
store (`bot.store.sqlite.Store`, aiosqlite) and the PostgreSQL store
(`bot.store.postgres.store.PgStore`, asyncpg) both satisfy `Storage`, which mypy checks (the
`_conforms` functions at the foot of each engine's facade). The shapes they return
(`ArticleRecord`, `FeedState`, `Delivery`...) are shared by both engines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from bot.domain.models import Analysis, ArticleIn, ArticleRecord, AuditEntry
from bot.store.articles import CardFigure
from bot.store.entities import EntityRow
from bot.store.feeds import FeedState, RuntimeFeed, SeenItem
from bot.store.outbox import HeldRow, Outgoing
from bot.store.ports import (
    DeliveryQueue,
    FeedClaims,
    HostSlots,
    Leadership,
    OutboxWriter,
    Signals,
)
from bot.store.rows import FigureRow, RoleRow, TrackableFigure
from bot.store.series import MeasureHistory, Observation
from bot.store.subscriptions import ConfigChanges, Pair, Subscription


class Articles(Protocol):
    """Articles with their understanding: written once, atomically; read for commands."""

    async def find_uid(self, uid: str) -> tuple[int, str] | None:
        """(id, content_hash) of the article stored under `uid`, if any."""
        ...

    async def stored_within(self, article_id: int, age: timedelta) -> bool:
        """Whether the article was ingested less than `age` ago."""
        ...

    async def alerted(self, article_id: int) -> bool:
        """Whether the article's alerts were already enqueued."""
        ...

    async def mark_alerted(self, article_id: int) -> None:
        """Record that the article's alerts are enqueued (it is never alerted again)."""
        ...

    async def save(self, article: ArticleIn, *, uid: str, content_hash: str,
                   analysis: Analysis, story_id: int | None = None) -> tuple[int, bool]:
        """Store an article and its analysis atomically; (id, created). Idempotent on `uid`."""
        ...

    async def get(self, article_id: int) -> ArticleRecord | None:
        """One article by id."""
        ...

    async def get_many(self, ids: Sequence[int]) -> list[ArticleRecord]:
        """Articles by id, in the order given (unknown ids left out)."""
        ...

    async def by_url(self, url: str) -> ArticleRecord | None:
        """One article by its URL (exact) or uid."""
        ...

    async def latest(self, topic: str | None = None, limit: int = 5) -> list[ArticleRecord]:
        """Newest articles first, optionally of one topic."""
        ...

    async def search(self, query: str, limit: int = 5) -> list[ArticleRecord]:
        """Full-text search, best first; any user text is a valid query (never raises)."""
        ...

    async def topic_counts(self) -> dict[str, int]:
        """How many stored articles match each topic."""
        ...

    async def story_sources(self, story_id: int, exclude: int | None = None) -> list[str]:
        """Outlets (source or host) of the other articles of a story."""
        ...

    async def newest_texts(self, limit: int) -> list[tuple[int, str, str]]:
        """(id, uid, "title\\nbody") of the newest `limit` articles, oldest of them first."""
        ...

    async def texts_after(self, article_id: int, limit: int) -> list[tuple[int, str, str]]:
        """(id, uid, "title\\nbody") of up to `limit` articles stored after `article_id`,
        oldest first."""
        ...

    async def card_figures(self, article_id: int) -> list[CardFigure]:
        """An article's figures in text order, as an alert card shows them."""
        ...


class Entities(Protocol):
    """People, organisations and places named in articles, with roles and figures."""

    async def lookup(self, name: str) -> EntityRow | None:
        """The entity whose name or alias matches `name`, most mentioned first."""
        ...

    async def all_names(self) -> list[tuple[str, str, int]]:
        """(alias, canonical name, mention count) of every alias."""
        ...

    async def article_names(self, article_id: int) -> list[tuple[str, str, int]]:
        """(alias, canonical name, mention count) of every entity named in one article."""
        ...

    async def canonical_names(self) -> list[tuple[str, int]]:
        """(canonical name, mention count) of every entity."""
        ...

    async def aliases(self, entity_id: int) -> list[str]:
        """Surface forms seen for the entity, excluding its canonical name."""
        ...

    async def roles(self, entity_id: int, limit: int = 8) -> list[RoleRow]:
        """Distinct (role, org) pairs, most recently stated first."""
        ...

    async def mention_stats(self, entity_id: int, limit: int = 5) -> tuple[int, list[int]]:
        """(total mentions, newest article ids mentioning the entity)."""
        ...

    async def related(self, entity_id: int, limit: int = 8) -> list[str]:
        """Entities named most often alongside this one."""
        ...

    async def figures_about(self, entity_id: int, limit: int = 50) -> list[FigureRow]:
        """Figures about the entity (its own and those tied to it), newest first."""
        ...

    async def figures_for_topic(self, topic: str, limit: int = 50) -> list[FigureRow]:
        """Figures in articles matching a topic, newest article first."""
        ...


class Series(Protocol):
    """Tracked figures: one series per (subject, measure, unit), with change alerts."""

    async def untracked_figures(self, article_id: int) -> list[TrackableFigure]:
        """An article's figures that have a subject and no observation yet."""
        ...

    async def subject_name(self, subject_id: int) -> str:
        """The canonical name of an entity (or "#id" when it is gone)."""
        ...

    async def untracked_articles(self, limit: int = 500) -> list[tuple[int, str]]:
        """(article id, ingested_at) of articles with subject figures not yet tracked."""
        ...

    async def series(self, subject_id: int, measure_key: str, unit: str) -> list[Observation]:
        """Every observation of one series, oldest first."""
        ...

    async def for_subject(self, subject_id: int, limit: int = 500) -> list[Observation]:
        """A subject's observations, newest first."""
        ...

    async def history(self, subject_id: int) -> list[MeasureHistory]:
        """Every tracked measure of a subject, most recently observed first."""
        ...

    async def record(self, observations: Sequence[Observation],
                     alerts: Sequence[Outgoing]) -> list[str]:
        """Store observations and enqueue their alerts atomically."""
        ...


class Feeds(FeedClaims, Protocol):
    """Per-feed polling state, the items seen, and feeds added at run time."""

    async def state(self, url: str) -> FeedState:
        """The state of a feed (a fresh default when it was never polled)."""
        ...

    async def states(self) -> dict[str, FeedState]:
        """Every feed with recorded state, by URL."""
        ...

    async def record_success(
        self, url: str, *, at: datetime, next_poll_at: datetime, title: str | None = None,
        etag: str | None = None, last_modified: str | None = None, validators: bool = False,
        baseline_done: bool | None = None, warning: str | None = None,
        body_hash: str | None = None, items: Sequence[dict[str, object]] = (),
        deferred: bool = False,
    ) -> None:
        """A fetch worked: failures reset, validators kept, `items` recorded, one transaction.
        `deferred` (an unchanged poll): the write may join a later batch; reads see it."""
        ...

    async def flush(self) -> int:
        """Write deferred state writes now (none on engines that do not defer); how many."""
        ...

    async def record_failure(self, url: str, *, at: datetime, error: str,
                             next_poll_at: datetime) -> int:
        """A fetch or parse failed; the new count of consecutive failures."""
        ...

    async def pause(self, url: str, reason: str) -> None:
        """Stop polling a feed until resumed."""
        ...

    async def mark_notified(self, url: str) -> None:
        """Admins were told that the feed is paused."""
        ...

    async def resume(self, url: str, *, at: datetime) -> None:
        """Poll a paused feed again from now, with a clean failure count."""
        ...

    async def seen(self, feed_url: str, keys: Sequence[str]) -> dict[str, SeenItem]:
        """Recorded items of a feed among `keys`."""
        ...

    async def record_item(
        self, feed_url: str, item_key: str, *, url: str | None, title: str,
        published: datetime | None, fingerprint: str, state: str, reason: str | None,
        at: datetime, article_id: int | None = None,
    ) -> None:
        """Write an item's seen-state (insert, or overwrite an earlier record of the key)."""
        ...

    async def record_items(self, feed_url: str, rows: Sequence[dict[str, object]]) -> None:
        """Write many items' seen-state (`record_item`'s keyword arguments each) at once."""
        ...

    async def record_edit(self, feed_url: str, item_key: str, fingerprint: str,
                          at: datetime) -> None:
        """A seen item came back with different content (a real edit)."""
        ...

    async def items_by_url(self, url: str) -> list[SeenItem]:
        """Items recorded under a canonical URL, across feeds, newest first."""
        ...

    async def counts(self, feed_url: str) -> dict[str, int]:
        """How many items of a feed are in each state."""
        ...

    async def add_runtime(self, url: str, *, topics: Sequence[str], name: str | None,
                          added_by: str, at: datetime) -> bool:
        """Add a runtime feed; False when it already exists."""
        ...

    async def remove_runtime(self, url: str) -> bool:
        """Remove a runtime feed; False when there was none."""
        ...

    async def runtime_feeds(self) -> list[RuntimeFeed]:
        """Feeds added at run time, oldest first."""
        ...


class Subscriptions(Protocol):
    """Which channel follows which topic, from commands and from the config."""

    async def add(self, platform: str, channel_id: str, topic: str, *, mode: str = "instant",
                  origin: str = "command", created_by: str | None = None) -> bool:
        """Subscribe; False when it already existed."""
        ...

    async def apply_config(self, wanted: dict[Pair, str]) -> ConfigChanges:
        """Apply the config's (pair -> mode) map against the last applied one, atomically."""
        ...

    async def remove(self, platform: str, channel_id: str, topic: str) -> bool:
        """Unsubscribe; False when there was no such subscription."""
        ...

    async def for_channel(self, platform: str, channel_id: str) -> list[Subscription]:
        """A channel's subscriptions, by topic."""
        ...

    async def for_topics(self, topics: list[str]) -> list[Subscription]:
        """Every subscription to any of `topics`."""
        ...

    async def record_error(self, platform: str, channel_id: str, error: str) -> None:
        """Remember a permanent delivery error against the channel's subscriptions."""
        ...


class Audit(Protocol):
    """Who did what, where and when."""

    async def record(self, platform: str, user_id: str, action: str, detail: str = "", *,
                     channel_id: str | None = None, outcome: str = "ok") -> None:
        """Append one entry."""
        ...

    async def recent(self, limit: int = 20) -> list[AuditEntry]:
        """Newest entries first."""
        ...


class KeyValues(Protocol):
    """Small named values (e.g. the Discord command-set hash)."""

    async def get(self, key: str) -> str | None:
        """The value stored under `key`."""
        ...

    async def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        ...


class Outbox(OutboxWriter, Protocol):
    """The outbox's way in, and the rows held back by a channel's hourly limit."""

    async def held(self, platform: str, channel_id: str) -> list[HeldRow]:
        """A channel's held deliveries, oldest first, with the story of their article."""
        ...


class Ephemerals(Protocol):
    """Expiring keys and values shared by the processes (bot.store.ephemeral)."""

    async def first(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds, in any process."""
        ...

    async def put(self, key: str, value: str, ttl: float) -> None:
        """Keep `value` under `key` for `ttl` seconds."""
        ...

    async def take(self, key: str) -> str | None:
        """The value under `key` if it has not expired, removed."""
        ...


class Storage(Protocol):
    """Every repository of one database, and what is done with the database as a whole."""

    @property
    def engine(self) -> str:
        """"sqlite" or "postgresql"."""
        ...

    @property
    def owner(self) -> str:
        """This process's lease owner id for claims (see bot.store.ports)."""
        ...

    @property
    def articles(self) -> Articles: ...
    @property
    def entities(self) -> Entities: ...
    @property
    def series(self) -> Series: ...
    @property
    def feeds(self) -> Feeds: ...
    @property
    def subscriptions(self) -> Subscriptions: ...
    @property
    def audit(self) -> Audit: ...
    @property
    def kv(self) -> KeyValues: ...
    @property
    def ephemeral(self) -> Ephemerals: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def deliveries(self) -> DeliveryQueue: ...
    @property
    def leader(self) -> Leadership: ...
    @property
    def signals(self) -> Signals: ...
    @property
    def hosts(self) -> HostSlots | None:
        """Per-host politeness shared by processes (None: one process, SQLite)."""
        ...

    async def close(self) -> None:
        """Close every connection."""
        ...

    async def prune(self, older_than_days: int) -> dict[str, int]:
        """Delete articles and finished deliveries older than the cutoff; counts per table."""
        ...

    async def optimize(self) -> None:
        """Refresh the search index and planner statistics after a large prune."""
        ...

    async def backup(self, path: str | Path) -> None:
        """Write a consistent copy of the database to `path` (StoreUnavailable where the
        engine has its own tools for it: pg_dump)."""
        ...

    async def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        ...
