"""Composition root: `build` makes the store, both pipelines, the services, the router and the
adapters from config, in order, through their constructors, inside one `AsyncExitStack`.

Nothing else in the project reads configuration or the environment. Every object gets what it
needs when it is made (no hook lists, no attributes set afterwards); `Runtime.start` starts
the background parts in order, and closing the runtime unwinds the stack in reverse: stop taking
commands, let jobs and then sends in flight finish, stop the adapters and the ops endpoint,
close the fetcher, the NLP pool and the store. Tests hand in fakes (an analyzer pool, a clock,
a fetcher, adapters) through `build`'s keyword arguments.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from bot.chat.commands import CommandContext
from bot.chat.messages import Reply
from bot.chat.ports import AdapterDeps, ChatSender
from bot.chat.router import CommandRouter
from bot.config_loader import load_config, resolve_relative, topic_specs
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
from bot.ingest.feed_rules import utcnow
from bot.ingest.feed_schedule import reschedule as reschedule_feeds
from bot.ingest.feed_schedule import schedule_feeds
from bot.ingest.polling import FeedPoller
from bot.ingest.service import IngestBatch, IngestOutcome, IngestService, Understands
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
from bot.ops.looplag import LoopLagMonitor
from bot.ops.server import OpsServer, pending_alerts_refresher, standard_checks
from bot.scheduler import Scheduler
from bot.services.container import Services
from bot.services.permissions import Permissions
from bot.services.queries import QueryService
from bot.services.retention import RetentionJob
from bot.services.subscriptions import SubscriptionService
from bot.settings import ChannelConfig, Config, NoticeChannel
from bot.store.misc import KeyValue
from bot.store.sqlite import Store
from handlers import build_registry

log = logging.getLogger(__name__)
OPML_ACCEPT = "text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
# Seconds given at shutdown to scheduled jobs in flight (polls, digests), then to sends in
# flight; together under `docker stop`'s 10 s default.
JOB_GRACE = 3.0
SHUTDOWN_GRACE = 5.0


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


class Adapter(ChatSender, Protocol):
    """A chat platform adapter as the root runs it: a sender that starts and stops."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


AdapterFactory = Callable[[AdapterDeps, KeyValue, Mapping[str, str]], Sequence[Adapter]]
"""Makes the adapters from what they get from the core, a key-value state (Discord keeps its
command-set hash there) and the environment (tokens)."""
Notify = Callable[[str, str], Awaitable[None]]
"""`await notify(text, key)`: tell admins about a paused feed, once per key."""


class Reloader:
    """`/reload` and SIGHUP: validate a config file, swap it in, then re-plan what depends on
    it (subscriptions, digest and retention jobs, feed polls)."""

    def __init__(self, config_path: Path, live: LiveConfig, subscriptions: SubscriptionService,
                 scheduler: Scheduler, digests: DigestService, retention: RetentionJob,
                 poller: FeedPoller) -> None:
        self.config_path = config_path
        self.live = live
        self.subscriptions = subscriptions
        self.scheduler = scheduler
        self.digests = digests
        self.retention = retention
        self.poller = poller

    def schedule(self, config: Config) -> None:
        """Plan the digest and retention jobs of `config` (at build and after a reload)."""
        schedule_digests(self.scheduler, config.channels, self.digests)
        self.retention.days = config.storage.retention_days
        self.retention.schedule(self.scheduler, config.schedule.retention_cron)

    async def reschedule_feeds(self) -> None:
        """Re-plan the poll jobs after the feed list changed (config or `/feeds add`)."""
        reschedule_feeds(self.scheduler, self.poller, await self.poller.feeds())

    async def reload(self, path: str | Path | None = None) -> str:
        """Validate a new config, then swap it in; an invalid one raises ConfigError and the
        running config stays."""
        path = Path(path) if path else self.config_path
        new = load_config(path)
        self.live.swap(new)
        changes = await self.subscriptions.sync_config(new.channels)
        self.schedule(new)
        await self.reschedule_feeds()
        added, removed = len(changes.added), len(changes.removed)
        log.info("config reloaded", extra={"path": str(path), "new_subscriptions": added,
                                           "removed_subscriptions": removed})
        return (f"Reloaded {path}: {len(new.topics)} topics, {len(new.feeds)} feeds, "
                f"{len(new.channels)} channels ({added} new subscriptions, {removed} "
                f"removed).")

    async def command(self, _arg: str, _ctx: CommandContext) -> str:
        """The admin operation behind `/reload`."""
        return await self.reload()


@dataclass
class Runtime:
    """Everything the bot is made of, made once by `build`; `close()` (or leaving
    `async with`) unwinds it in reverse order."""

    env: Mapping[str, str]
    live: LiveConfig
    store: Store
    nlp: Understands
    metrics: Metrics
    scheduler: Scheduler
    ingest: IngestService
    alerts: AlertService
    tracker: FigureTracker
    digests: DigestService
    notices: AdminNotices
    services: Services
    router: CommandRouter
    permissions: Permissions
    deps: AdapterDeps
    adapters: list[Adapter]
    worker: DeliveryWorker
    poller: FeedPoller
    feed_admin: FeedAdmin
    reloader: Reloader
    ops: OpsServer | None
    lag: LoopLagMonitor | None
    _fetcher: Fetcher
    _stack: AsyncExitStack

    @property
    def config(self) -> Config:
        """The running config (one copy, in `live`; a reload swaps it there)."""
        return self.live.config

    @property
    def config_path(self) -> Path:
        """The config file a reload reads (and relative paths in it are resolved against)."""
        return self.reloader.config_path

    @config_path.setter
    def config_path(self, path: Path) -> None:
        self.reloader.config_path = path

    async def __aenter__(self) -> Runtime:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop taking commands, let jobs and then sends in flight finish, stop the adapters
        and the ops endpoint, close the fetcher, the NLP pool and the store (idempotent)."""
        await self._stack.aclose()

    async def start(self, *, seeds: bool = True) -> None:
        """Start the background parts in order: seed articles, the outbox left by the last
        run, the delivery worker, figure tracking missed by a crash, the feeds, the
        scheduler, then the health endpoint."""
        if seeds and self.config.seeds.ingest_on_start:
            folder = resolve_relative(self.config_path, self.config.seeds.articles)
            if folder.exists():
                outcomes = await self.ingest_paths([folder])
                new = sum(o.created for o in outcomes)
                log.info("seeds ingested", extra={"articles": len(outcomes), "new": new})
        await self.worker.drain()
        self.worker.start()
        await self.tracker.catch_up()
        await self.start_feeds()
        self.scheduler.start()
        if self.lag is not None:
            self.lag.start()
        if self.ops is not None:
            try:
                await self.ops.start()
            except OSError as exc:
                log.error("health and metrics endpoint not started: %s (server.host/port in "
                          "config)", exc)
                self.ops = None
            else:
                log.info("health and metrics listening", extra={"url": self.ops.url})

    async def start_feeds(self) -> None:
        """Open the fetcher session, load the stored stories (once) and plan the polls."""
        await self._fetcher.start()
        if not self.poller.stories.loaded:
            await self.poller.start()
        schedule_feeds(self.scheduler, self.poller, await self.poller.feeds())

    async def reload(self, path: str | Path | None = None) -> str:
        """Validate a new config, then swap it in (see `Reloader.reload`)."""
        return await self.reloader.reload(path)

    def adapter_deps(self) -> AdapterDeps:
        """What adapters get from the core."""
        return self.deps

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
        if not self.poller.stories.loaded:
            await self.poller.start()
        stories, ingest = self.poller.stories, self.ingest
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


async def build(
    config: Config,
    env: Mapping[str, str] | None = None,
    *,
    config_path: str | Path,
    db_path: str | Path | None = None,
    executor: str | None = None,
    nlp: Understands | None = None,
    fetcher: Fetcher | None = None,
    clock: Callable[[], datetime] | None = None,
    rng: random.Random | None = None,
    feed_paused: Notify | None = None,
    adapters: AdapterFactory | None = None,
    serve: bool = False,
) -> Runtime:
    """Make everything, in order, inside one `AsyncExitStack` (no network, no model loading
    yet, except that `adapters` are started).

    Overrides: `nlp` (an analyzer pool shared between tests; not closed here), `fetcher`
    (not closed here), `clock` and `rng` (the poller's), `feed_paused` (instead of the admin
    notices), `adapters` (made from the core's `AdapterDeps`; started here, stopped on close),
    `serve` (the health/metrics endpoint and loop-lag monitor when `server.enabled`).
    """
    stack = AsyncExitStack()
    try:
        return await _build(stack, config, Path(config_path),
                            dict(os.environ if env is None else env), db_path=db_path,
                            executor=executor, nlp=nlp, fetcher=fetcher, clock=clock, rng=rng,
                            feed_paused=feed_paused, adapters=adapters, serve=serve)
    except BaseException:
        await stack.aclose()  # an open store's aiosqlite thread would keep the process alive
        raise


async def _build(stack: AsyncExitStack, config: Config, config_path: Path, env: dict[str, str],
                 *, db_path: str | Path | None, executor: str | None, nlp: Understands | None,
                 fetcher: Fetcher | None, clock: Callable[[], datetime] | None,
                 rng: random.Random | None, feed_paused: Notify | None,
                 adapters: AdapterFactory | None, serve: bool) -> Runtime:
    # Closed last: pushed first.
    path = db_path or env.get("POLICYWIRE_DB") or resolve_relative(
        config_path, config.storage.path)
    store = await Store.open(path, busy_timeout=config.storage.busy_timeout)
    stack.push_async_callback(store.close)
    if nlp is None:
        pool = AnalyzerPool(
            config.nlp.model, summary_sentences=config.nlp.summary_sentences,
            executor=executor or config.nlp.executor,  # type: ignore[arg-type]
            batch_size=config.nlp.batch_size, workers=config.nlp.workers,
        )
        stack.push_async_callback(pool.close)
        nlp = pool
    if fetcher is None:
        fetcher = Fetcher(config.fetch)
        stack.push_async_callback(fetcher.close)
    live = LiveConfig(config)
    metrics = Metrics(known_commands=command_names())
    scheduler = Scheduler(misfire_grace=config.schedule.misfire_grace,
                          jitter=config.schedule.jitter)

    # Delivery: everything that writes outbox rows rings one wakeup the worker waits on.
    wakeup = Wakeup()
    alerts = AlertService(store, live.colors, wakeup, channels=live.channels)
    tracker = FigureTracker(store, wakeup, live.channels)
    digests = DigestService(store, live.channels, wakeup)
    notices = AdminNotices(store, live.admin_channels, wakeup)

    # Services, then ingest, whose "article stored" listeners they and delivery are.
    queries = QueryService(store, live.topics)
    subscriptions = SubscriptionService(store, queries, alerts.backfill)

    async def count_article(_article_id: int) -> None:
        metrics.article_ingested()

    ingest = IngestService(store, nlp, live.topics, once=[count_article],
                           on_new=[alerts.on_new_article,
                                   tracker.on_new_article,  # after the article alert
                                   queries.refresh_index])

    async def paused(text: str, key: str) -> None:
        await notices.post("Feed paused", text, key)

    poller = FeedPoller(store, fetcher, parse_feed_async, ingest, lambda: live.config.feeds,
                        lambda: live.config.fetch, feed_paused or paused, events=alerts,
                        metrics=metrics, clock=clock or utcnow, rng=rng)
    retention = RetentionJob(store, config.storage.retention_days,
                             after_prune=queries.refresh_index)
    reloader = Reloader(config_path, live, subscriptions, scheduler, digests, retention, poller)
    reloader.schedule(config)
    feed_admin = FeedAdmin(poller, topics=lambda: live.config.topic_names(),
                           on_change=reloader.reschedule_feeds)

    # Commands.
    services = Services(queries=queries, subscriptions=subscriptions,
                        admin={**feed_admin.operations(), "reload": reloader.command})
    router = CommandRouter(build_registry(services), observe=metrics.observe_command,
                           audit=store.audit.record)
    permissions = Permissions(lambda: live.config.admins)
    deps = AdapterDeps(router=router, registry=router.registry, complete=queries.complete,
                       is_admin=permissions.is_admin)
    await queries.refresh_index()
    await subscriptions.sync_config(config.channels)

    # The edge: ops endpoint and adapters are stopped after the worker, which sends through
    # the adapters (pushed before it).
    ops: OpsServer | None = None
    lag: LoopLagMonitor | None = None
    made: list[Adapter] = []
    if serve and config.server.enabled:
        lag = LoopLagMonitor(metrics)
        ops = OpsServer(config.server.host, config.server.port, metrics,
                        standard_checks(store, lambda: made, scheduler),
                        before_scrape=pending_alerts_refresher(store.deliveries.counts, metrics))
        stack.push_async_callback(ops.stop)
        stack.push_async_callback(lag.stop)
    for adapter in adapters(deps, store.kv, env) if adapters else ():
        await adapter.start()
        stack.push_async_callback(_stop_quietly, adapter)
        made.append(adapter)
        log.info("adapter started", extra={"platform": adapter.platform})
    worker = DeliveryWorker(store, {a.platform: a for a in made}, wakeup=wakeup,
                            metrics=metrics, notices=notices)
    stack.push_async_callback(worker.stop, SHUTDOWN_GRACE)
    stack.push_async_callback(scheduler.stop, JOB_GRACE)

    def closing() -> None:  # first on close: refuse new commands, report draining
        router.closing = True
        if ops is not None:
            ops.draining = True

    stack.callback(closing)
    return Runtime(env=env, live=live, store=store, nlp=nlp,
                   metrics=metrics, scheduler=scheduler, ingest=ingest, alerts=alerts,
                   tracker=tracker, digests=digests, notices=notices, services=services,
                   router=router, permissions=permissions, deps=deps, adapters=made,
                   worker=worker, poller=poller, feed_admin=feed_admin, reloader=reloader,
                   ops=ops, lag=lag, _fetcher=fetcher, _stack=stack)


async def _stop_quietly(adapter: Adapter) -> None:
    """Stop an adapter at shutdown; a failing stop must not keep the rest from closing."""
    with contextlib.suppress(Exception):
        await adapter.stop()


def chat_adapters(config: Config, *, console: bool = False) -> AdapterFactory:
    """The adapters of `policywire run`: Slack and Discord where their tokens are set in the
    environment, and the console when neither is (or when `console`)."""

    def make(deps: AdapterDeps, state: KeyValue, env: Mapping[str, str]) -> list[Adapter]:
        from bot.adapters.console.adapter import ConsoleAdapter
        from bot.adapters.discord import create_discord_adapter
        from bot.adapters.slack import create_slack_adapter

        made: list[Adapter] = []
        slack = create_slack_adapter(config.slack, deps, env)
        if slack is not None:
            made.append(slack)
        discord = create_discord_adapter(config.discord, deps, env, state=state)
        if discord is not None:
            made.append(discord)
        if not made or console:
            made.append(ConsoleAdapter(deps))
        return made

    return make


def command_names() -> list[str]:
    """Every command's name (the metrics' label set), without a live store."""
    return list(registry_for_docs().names())


def registry_for_docs() -> Any:
    """The command registry without a live store, for manifests and help text."""
    nothing: Any = None  # help text and manifests never run a command
    services = Services(queries=nothing, subscriptions=nothing)
    return build_registry(services)


def _read_opml_file(source: str) -> bytes:
    """A local OPML file's bytes, refused when missing or over MAX_OPML_BYTES."""
    path = Path(source)
    if not path.is_file():
        raise InvalidArgument(f"{source}: no such file")
    if path.stat().st_size > MAX_OPML_BYTES:
        raise InvalidArgument(f"{source}: larger than {MAX_OPML_BYTES} bytes; refused")
    return path.read_bytes()
