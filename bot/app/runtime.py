"""`Runtime`: everything the bot is made of, as `bot.app.build` made it, and what the CLI does
with it (ingest files, pages and feeds, import OPML, ask a command)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from bot.app.live import LiveConfig, Reloader
from bot.chat.commands import CommandContext
from bot.chat.messages import Reply
from bot.chat.ports import AdapterDeps, ChatSender
from bot.chat.router import CommandRouter
from bot.config_loader import resolve_relative
from bot.delivery.alerts import AlertService
from bot.delivery.digests import DigestService
from bot.delivery.figure_tracking import FigureTracker
from bot.delivery.notices import AdminNotices
from bot.delivery.worker import DeliveryWorker
from bot.domain.errors import InvalidArgument
from bot.domain.models import ArticleIn
from bot.feeds.fetcher import Fetcher
from bot.feeds.opml import MAX_OPML_BYTES
from bot.feeds.parser import parse_feed_async
from bot.feeds.sandbox import JobLimits, limits_for
from bot.ingest.feed_admin import FeedAdmin
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
from bot.ops.looplag import LoopLagMonitor
from bot.ops.server import OpsServer
from bot.scheduler import Scheduler
from bot.services.container import Services
from bot.services.permissions import Permissions
from bot.settings import Config
from bot.store.sqlite import Store

log = logging.getLogger(__name__)
OPML_ACCEPT = "text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class Adapter(ChatSender, Protocol):
    """A chat platform adapter as the root runs it: a sender that starts and stops."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


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


def _read_opml_file(source: str) -> bytes:
    """A local OPML file's bytes, refused when missing or over MAX_OPML_BYTES."""
    path = Path(source)
    if not path.is_file():
        raise InvalidArgument(f"{source}: no such file")
    if path.stat().st_size > MAX_OPML_BYTES:
        raise InvalidArgument(f"{source}: larger than {MAX_OPML_BYTES} bytes; refused")
    return path.read_bytes()
