"""`Runtime`: everything the bot is made of, as `bot.app.build` made it, and what the CLI does
with it (ingest files, pages and feeds, import OPML, ask a command), delegated to the use
cases `build` made (`bot.ingest.use_cases`, `bot.chat.local`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from bot.app.live import LiveConfig, Reloader
from bot.app.roles import Roles
from bot.chat.local import LocalCommands
from bot.chat.messages import Reply
from bot.chat.ports import AdapterDeps, ChatSender
from bot.chat.router import CommandRouter
from bot.config_loader import resolve_relative
from bot.delivery.alerts import AlertService
from bot.delivery.digests import DigestService
from bot.delivery.figure_tracking import FigureTracker
from bot.delivery.notices import AdminNotices
from bot.delivery.worker import DeliveryWorker
from bot.domain.models import ArticleIn
from bot.feeds.fetcher import Fetcher
from bot.feeds.sandbox import JobLimits
from bot.ingest.feed_admin import FeedAdmin
from bot.ingest.feed_schedule import schedule_feeds
from bot.ingest.polling import FeedPoller
from bot.ingest.service import IngestBatch, IngestOutcome, IngestService, Understands
from bot.ingest.use_cases import IngestUseCases
from bot.metrics import Metrics
from bot.ops.looplag import LoopLagMonitor
from bot.ops.server import OpsServer
from bot.scheduler import Scheduler
from bot.services.container import Services
from bot.services.permissions import Permissions
from bot.settings import Config
from bot.store.repositories import Storage

log = logging.getLogger(__name__)


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
    store: Storage
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
    use_cases: IngestUseCases
    commands: LocalCommands
    roles: Roles
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
        scheduler, then the health endpoint (the worker and the feeds only in a process with
        those roles; the scheduler always runs, its cron jobs only in the leader)."""
        if seeds and self.config.seeds.ingest_on_start:
            folder = resolve_relative(self.config_path, self.config.seeds.articles)
            if folder.exists():
                outcomes = await self.ingest_paths([folder])
                new = sum(o.created for o in outcomes)
                log.info("seeds ingested", extra={"articles": len(outcomes), "new": new})
        if self.roles.worker:
            await self.worker.drain()
            self.worker.start()
        await self.tracker.catch_up()
        if self.roles.poller:
            await self.start_feeds()
        self.scheduler.start()
        log.info("started", extra={"roles": self.roles.describe(),
                                   "engine": self.store.engine})
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
        await self.use_cases.fetcher()
        if not self.poller.stories.loaded:
            await self.poller.start()
        schedule_feeds(self.scheduler, self.poller, await self.poller.feeds())

    async def reload(self, path: str | Path | None = None) -> str:
        """Validate a new config, then swap it in (see `Reloader.reload`)."""
        return await self.reloader.reload(path)

    def adapter_deps(self) -> AdapterDeps:
        """What adapters get from the core."""
        return self.deps

    # What the CLI does: thin delegations to the use cases `build` made.

    async def ingest_articles(self, articles: Sequence[ArticleIn]) -> list[IngestOutcome]:
        """See `IngestUseCases.ingest_articles`."""
        return await self.use_cases.ingest_articles(articles)

    async def ingest_batch(self, articles: Sequence[ArticleIn]) -> IngestBatch:
        """See `IngestUseCases.ingest_batch`."""
        return await self.use_cases.ingest_batch(articles)

    def read_limits(self) -> JobLimits:
        """See `IngestUseCases.read_limits`."""
        return self.use_cases.read_limits()

    async def ingest_paths(self, paths: Sequence[str | Path]) -> list[IngestOutcome]:
        """See `IngestUseCases.ingest_paths`."""
        return await self.use_cases.ingest_paths(paths)

    async def fetcher(self) -> Fetcher:
        """See `IngestUseCases.fetcher`."""
        return await self.use_cases.fetcher()

    async def ingest_url(self, url: str) -> list[IngestOutcome]:
        """See `IngestUseCases.ingest_url`."""
        return await self.use_cases.ingest_url(url)

    async def import_feeds(self, source: str, topics: Sequence[str]
                           ) -> tuple[list[tuple[str, str, bool]], str]:
        """See `IngestUseCases.import_feeds`."""
        return await self.use_cases.import_feeds(source, topics)

    async def ask(self, text: str, platform: str = "cli", channel_id: str = "cli",
                  user_id: str = "local") -> Reply:
        """See `LocalCommands.ask`."""
        return await self.commands.ask(text, platform, channel_id, user_id)
