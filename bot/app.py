"""Composition root: builds the store, pipeline, services, registry and adapters from config.

Nothing else in the project reads configuration or the environment.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.chat.commands import CommandContext
from bot.chat.messages import Reply
from bot.chat.ports import AdapterDeps, ChatSender
from bot.chat.router import CommandRouter
from bot.config_loader import load_config, topic_specs
from bot.config_loader.storage import sqlite_path_for
from bot.delivery.alerts import AlertService
from bot.delivery.digests import DigestService, schedule_digests
from bot.delivery.figure_tracking import FigureTracker
from bot.delivery.notices import AdminNotices
from bot.delivery.worker import DeliveryWorker, Wakeup
from bot.domain.errors import InvalidArgument
from bot.domain.models import ArticleIn, TopicSpec
from bot.feeds.fetcher import Fetcher
from bot.feeds.opml import MAX_OPML_BYTES
from bot.feeds.parser import parse_feed_async
from bot.feeds.sandbox import JobLimits, limits_for
from bot.ingest.feed_admin import FeedAdmin
from bot.ingest.feed_schedule import reschedule as reschedule_feeds
from bot.ingest.feed_schedule import schedule_feeds
from bot.ingest.polling import FeedPoller
from bot.ingest.service import IngestBatch, IngestOutcome, IngestService
from bot.ingest.sources import (
    PAGE_OR_FEED_ACCEPT,
    expand_paths,
    feed_articles,
    looks_like_feed,
    read_html_article,
    read_path,
)
from bot.metrics import Metrics
from bot.nlp.pool import AnalyzerPool
from bot.scheduler import Scheduler
from bot.services.container import Services
from bot.services.permissions import Permissions
from bot.services.queries import QueryService
from bot.services.retention import RetentionJob
from bot.services.subscriptions import SubscriptionService
from bot.settings import ChannelConfig, Config, NoticeChannel
from bot.store.sqlite import Store
from handlers import build_registry

log = logging.getLogger(__name__)
OPML_ACCEPT = "text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class LiveConfig:
    """The current config; services read topics through it, so a reload takes effect at once."""

    def __init__(self, config: Config) -> None:
        self.swap(config)

    def swap(self, config: Config) -> None:
        """Replace the running config (already validated)."""
        self.config = config
        self._topics = topic_specs(config)
        self._colors = {t.name: t.color for t in config.topics}

    def channels(self) -> list[ChannelConfig]:
        """Configured channels (digest schedules, hourly limits)."""
        return self.config.channels

    def admin_channels(self) -> list[NoticeChannel]:
        """Where admin notices go."""
        return self.config.admins.notify

    def topics(self) -> list[TopicSpec]:
        """Configured topics as the NLP layer sees them."""
        return self._topics

    def colors(self) -> dict[str, str | None]:
        """Topic colours for alert cards."""
        return self._colors


@dataclass
class App:
    """Everything the bot is made of, wired once."""

    config_path: Path
    env: Mapping[str, str]
    store: Store
    nlp: AnalyzerPool
    services: Services
    router: CommandRouter
    alerts: AlertService
    worker: DeliveryWorker
    live: LiveConfig
    metrics: Metrics
    scheduler: Scheduler
    notices: AdminNotices
    permissions: Permissions
    senders: dict[str, ChatSender] = field(default_factory=dict)
    _fetcher: Fetcher | None = None
    reload_hooks: list[Callable[[Config], Awaitable[None]]] = field(default_factory=list)
    start_hooks: list[Callable[[], Awaitable[Any]]] = field(default_factory=list)
    poller: FeedPoller | None = None
    feed_admin: FeedAdmin | None = None
    _stories_loaded: bool = False

    @classmethod
    async def create(
        cls,
        config: Config,
        config_path: str | Path,
        *,
        db_path: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        executor: str | None = None,
    ) -> App:
        """Open the store and build every service (no network, no model loading yet)."""
        config_path = Path(config_path)
        env = dict(os.environ if env is None else env)
        path = sqlite_path_for(config, config_path, env, db_path=db_path)
        store = await Store.open(path, busy_timeout=config.storage.busy_timeout)
        try:
            return await cls._assemble(config, config_path, env, store, executor)
        except BaseException:
            await store.close()  # its aiosqlite thread would otherwise keep the process alive
            raise

    @classmethod
    async def _assemble(cls, config: Config, config_path: Path, env: dict[str, str],
                        store: Store, executor: str | None) -> App:
        """Every service around an open store."""
        nlp = AnalyzerPool(
            config.nlp.model, summary_sentences=config.nlp.summary_sentences,
            executor=executor or config.nlp.executor,  # type: ignore[arg-type]
            batch_size=config.nlp.batch_size, workers=config.nlp.workers,
        )
        live = LiveConfig(config)
        queries = QueryService(store, live.topics)
        ingest = IngestService(store, nlp, live.topics)
        wakeup = Wakeup()  # rung by every producer of outbox rows, waited on by the worker
        alerts = AlertService(store, live.colors, wakeup, channels=live.channels)
        tracker = FigureTracker(store, wakeup, live.channels)
        digests = DigestService(store, live.channels, wakeup)
        notices = AdminNotices(store, live.admin_channels, wakeup)
        services = Services(queries=queries,
                            subscriptions=SubscriptionService(store, queries, alerts.backfill),
                            ingest=ingest)
        registry = build_registry(services)
        metrics = Metrics(known_commands=registry.names())
        router = CommandRouter(registry, observe=metrics.observe_command,
                               audit=store.audit.record)
        worker = DeliveryWorker(store, {}, wakeup=wakeup, metrics=metrics, notices=notices)
        scheduler = Scheduler(misfire_grace=config.schedule.misfire_grace,
                              jitter=config.schedule.jitter)
        app = cls(config_path=config_path, env=env, store=store, nlp=nlp,
                  services=services, router=router, alerts=alerts, worker=worker, live=live,
                  metrics=metrics, scheduler=scheduler, notices=notices,
                  permissions=Permissions(lambda: live.config.admins))
        services.admin["reload"] = lambda _arg, _ctx: app.reload()
        ingest.add_listener(app._count_article, replay=False)
        ingest.add_listener(alerts.on_new_article)
        ingest.add_listener(tracker.on_new_article)  # after the article alert
        app.start_hooks.append(tracker.catch_up)
        schedule_digests(scheduler, config.channels, digests)

        async def reschedule_digests(new: Config) -> None:
            schedule_digests(scheduler, new.channels, digests)

        app.reload_hooks.append(reschedule_digests)
        retention = RetentionJob(store, config.storage.retention_days,
                                 after_prune=queries.refresh_index)
        retention.schedule(scheduler, config.schedule.retention_cron)

        async def reschedule_retention(new: Config) -> None:
            retention.days = new.storage.retention_days
            retention.schedule(scheduler, new.schedule.retention_cron)

        app.reload_hooks.append(reschedule_retention)
        app._wire_feeds()
        ingest.add_listener(queries.refresh_index)
        await queries.refresh_index()
        await services.subscriptions.sync_config(config.channels)
        return app

    def _wire_feeds(self) -> None:
        """The poller, its scheduled jobs and the /feeds admin operations."""
        fetcher = self._fetcher = Fetcher(self.config.fetch)
        poller = self.poller = FeedPoller(
            self.store, fetcher, parse_feed_async, self.services.ingest,
            lambda: self.config.feeds, lambda: self.config.fetch, self._feed_paused,
            events=self.alerts, metrics=self.metrics)

        async def reschedule(_new: Config | None = None) -> None:
            reschedule_feeds(self.scheduler, poller, await poller.feeds())

        async def start_feeds() -> None:
            await fetcher.start()
            if not self._stories_loaded:
                await poller.start()
                self._stories_loaded = True
            schedule_feeds(self.scheduler, poller, await poller.feeds())

        self.feed_admin = FeedAdmin(poller, topics=lambda: self.config.topic_names(),
                                    on_change=reschedule)
        self.services.admin.update(self.feed_admin.operations())
        self.reload_hooks.append(reschedule)
        self.start_hooks.append(start_feeds)

    @property
    def config(self) -> Config:
        """The running config (one copy, in `live`; a reload swaps it there)."""
        return self.live.config

    async def _feed_paused(self, text: str, key: str) -> None:
        """Tell admins about a paused feed in their notice channels (once per `key`)."""
        await self.notices.post("Feed paused", text, key)

    async def _count_article(self, _article_id: int) -> None:
        self.metrics.article_ingested()

    async def reload(self, path: str | Path | None = None) -> str:
        """Validate a new config, then swap it in; an invalid one raises ConfigError and the
        running config stays."""
        path = Path(path) if path else self.config_path
        new = load_config(path)
        self.live.swap(new)
        changes = await self.services.subscriptions.sync_config(new.channels)
        for hook in self.reload_hooks:
            await hook(new)
        added, removed = len(changes.added), len(changes.removed)
        log.info("config reloaded", extra={"path": str(path), "new_subscriptions": added,
                                           "removed_subscriptions": removed})
        return (f"Reloaded {path}: {len(new.topics)} topics, {len(new.feeds)} feeds, "
                f"{len(new.channels)} channels ({added} new subscriptions, {removed} "
                f"removed).")

    def adapter_deps(self) -> AdapterDeps:
        """What adapters get from the core."""
        return AdapterDeps(router=self.router, registry=self.router.registry,
                           complete=self.services.queries.complete,
                           is_admin=self.permissions.is_admin)

    def add_sender(self, sender: ChatSender) -> None:
        """Let the delivery worker post through `sender`."""
        self.senders[sender.platform] = sender
        self.worker.add_sender(sender)

    async def ingest_articles(self, articles: Sequence[ArticleIn]) -> list[IngestOutcome]:
        """Ingest already-read articles as one batch (`ingest_batch`); near-duplicates join the
        story of an earlier one. When an article failed, the others are stored and then the
        first failure is raised."""
        batch = await self.ingest_batch(articles)
        if batch.failed:
            raise batch.failed[0].error
        return batch.outcomes

    async def ingest_batch(self, articles: Sequence[ArticleIn]) -> IngestBatch:
        """Ingest articles as one batch, understood through the pool's `analyze_many` and
        stored in order under their stories: a failing article fails alone, logged with its
        reason, and the others are stored."""
        if self.poller is None:
            return await self.services.ingest.ingest_many(articles)
        if not self._stories_loaded:
            await self.poller.start()
            self._stories_loaded = True
        stories, ingest = self.poller.stories, self.services.ingest
        return await ingest.ingest_many(articles, lambda a, an: stories.ingest(ingest, a, an))

    def read_limits(self) -> JobLimits:
        """The sandbox limits for reading a page or file (from `fetch`)."""
        return limits_for(self.config.fetch)

    async def ingest_paths(self, paths: Sequence[str | Path]) -> list[IngestOutcome]:
        """Ingest files and folders (txt, md, html, json, jsonl)."""
        articles: list[ArticleIn] = []
        for p in expand_paths(paths):
            articles.extend(await read_path(p, limits_for(self.config.fetch)))
        return await self.ingest_articles(articles)

    async def fetcher(self) -> Fetcher:
        """The one shared fetcher (and aiohttp session), started on first use."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config.fetch)
        await self._fetcher.start()
        return self._fetcher

    async def ingest_url(self, url: str) -> list[IngestOutcome]:
        """Fetch a URL through the guarded fetcher: a feed's items, or an article page."""
        fetcher = await self.fetcher()
        result = await fetcher.fetch(url, accept=PAGE_OR_FEED_ACCEPT)
        cfg = self.config.fetch
        if looks_like_feed(result.body, result.content_type):
            parsed = await parse_feed_async(result.body, url=result.final_url,
                                            content_type=result.content_type,
                                            response_headers=result.headers,
                                            max_bytes=cfg.max_bytes, max_items=cfg.max_items,
                                            limits=limits_for(cfg))
            return await self.ingest_articles(feed_articles(parsed, result.final_url))
        article = await read_html_article(result.body, url, url=result.final_url,
                                          charset=result.charset, limits=limits_for(cfg))
        return await self.ingest_articles([article])

    async def import_feeds(self, source: str, topics: Sequence[str]
                           ) -> tuple[list[tuple[str, str, bool]], str]:
        """Add the feeds of an OPML file or URL (`policywire feeds import`); the outcome per
        feed, and where the list was read from."""
        assert self.feed_admin is not None
        if source.startswith(("http://", "https://")):
            result = await (await self.fetcher()).fetch(source, accept=OPML_ACCEPT)
            raw = result.body
        else:
            raw = await asyncio.to_thread(_read_opml_file, source)
        return await self.feed_admin.import_opml(raw, source, topics, added_by="cli"), source

    async def ask(self, text: str, platform: str = "cli", channel_id: str = "cli",
                  user_id: str = "local") -> Reply:
        """Run one command through the same router the chat adapters use."""
        ctx = CommandContext(platform=platform, channel_id=channel_id, user_id=user_id,
                             is_admin=self.permissions.is_admin(platform, user_id),
                             can_manage_channel=True)
        return await self.router.dispatch(ctx, text)

    async def close(self) -> None:
        """Stop the jobs and the worker, then the fetcher and the NLP pool; close the store."""
        await self.scheduler.stop()
        await self.worker.stop()
        if self._fetcher is not None:
            await self._fetcher.close()
        await self.nlp.close()
        await self.store.close()


def registry_for_docs() -> Any:
    """The command registry without a live store, for manifests and help text."""
    nothing: Any = None  # help text and manifests never run a command
    services = Services(queries=nothing, subscriptions=nothing, ingest=nothing)
    return build_registry(services)


def _read_opml_file(source: str) -> bytes:
    """A local OPML file's bytes, refused when missing or over MAX_OPML_BYTES."""
    path = Path(source)
    if not path.is_file():
        raise InvalidArgument(f"{source}: no such file")
    if path.stat().st_size > MAX_OPML_BYTES:
        raise InvalidArgument(f"{source}: larger than {MAX_OPML_BYTES} bytes; refused")
    return path.read_bytes()
