"""The running config (`LiveConfig`) and what a reload does with a new one (`Reloader`)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.chat.commands import CommandContext
from bot.config_loader import load_config, topic_specs
from bot.delivery.digests import DigestService, schedule_digests
from bot.domain.models import TopicSpec
from bot.ingest.feed_schedule import reschedule as reschedule_feeds
from bot.ingest.polling import FeedPoller
from bot.scheduler import Scheduler
from bot.services.retention import RetentionJob
from bot.services.subscriptions import SubscriptionService
from bot.settings import ChannelConfig, Config, NoticeChannel

log = logging.getLogger(__name__)


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


class Reloader:
    """`/reload` and SIGHUP: validate a config file, swap it in, then re-plan what depends on
    it (subscriptions, digest and retention jobs, feed polls)."""

    def __init__(self, config_path: Path, live: LiveConfig, subscriptions: SubscriptionService,
                 scheduler: Scheduler, digests: DigestService, retention: RetentionJob,
                 poller: FeedPoller, *, polls: bool = True,
                 announce: Callable[[], Awaitable[None]] | None = None) -> None:
        self.config_path = config_path
        self.polls = polls  # whether this process polls feeds (`--role`)
        self.announce = announce  # tells the other processes of a deployment to reload too
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
        if not self.polls:
            return
        reschedule_feeds(self.scheduler, self.poller, await self.poller.feeds())

    async def reload(self, path: str | Path | None = None, *, announce: bool = True) -> str:
        """Validate a new config, then swap it in; an invalid one raises ConfigError and the
        running config stays. `announce`: tell the other processes (each reloads its own
        copy of the file; not when this reload is the answer to theirs)."""
        path = Path(path) if path else self.config_path
        new = load_config(path)
        self.live.swap(new)
        changes = await self.subscriptions.sync_config(new.channels)
        self.schedule(new)
        await self.reschedule_feeds()
        if announce and self.announce is not None:
            await self.announce()
        added, removed = len(changes.added), len(changes.removed)
        log.info("config reloaded", extra={"path": str(path), "new_subscriptions": added,
                                           "removed_subscriptions": removed})
        return (f"Reloaded {path}: {len(new.topics)} topics, {len(new.feeds)} feeds, "
                f"{len(new.channels)} channels ({added} new subscriptions, {removed} "
                f"removed).")

    async def command(self, _arg: str, _ctx: CommandContext) -> str:
        """The admin operation behind `/reload`."""
        return await self.reload()
