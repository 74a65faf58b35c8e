"""Subscribing channels to topics, from commands and from the config file.

The model: the config file seeds a channel's subscriptions, and chat changes win. See
`SubscriptionService.sync_config` for what a restart or reload then does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from bot.domain.errors import InvalidArgument, NotFound
from bot.services.queries import QueryService
from bot.settings import ChannelConfig
from bot.store.repositories import Storage
from bot.store.subscriptions import ConfigChanges, Subscription

Backfill = Callable[[str, str, str, int], Awaitable[int]]
"""`await backfill(platform, channel_id, topic, count)` -> alerts queued (AlertService)."""


class SubscriptionService:
    """Validate topics and keep subscriptions in the store."""

    def __init__(self, store: Storage, queries: QueryService,
                 backfill: Backfill | None = None) -> None:
        self.store = store
        self.queries = queries
        self._backfill = backfill

    def _topic(self, name: str) -> str:
        if not name.strip():
            raise InvalidArgument("Name a topic; /topics lists them.")
        topic = self.queries.resolve_topic(name)
        if topic is None:
            raise NotFound(f"No topic called “{name}”.", self.queries.topic_suggestions(name))
        return topic

    async def subscribe(self, platform: str, channel_id: str, name: str, user_id: str, *,
                        backfill: int = 0) -> tuple[str, bool, int]:
        """(topic, created, backfilled) after subscribing the channel.

        The subscription starts from now; `backfill` > 0 also queues that many of the topic's
        newest articles for this channel (none it already received).
        """
        topic = self._topic(name)
        created = await self.store.subscriptions.add(
            platform, channel_id, topic, origin="command", created_by=user_id
        )
        queued = 0
        if backfill and self._backfill is not None:
            queued = await self._backfill(platform, channel_id, topic, backfill)
        return topic, created, queued

    async def unsubscribe(self, platform: str, channel_id: str, name: str) -> tuple[str, bool]:
        """(topic, removed)."""
        topic = self._topic(name)
        return topic, await self.store.subscriptions.remove(platform, channel_id, topic)

    async def list(self, platform: str, channel_id: str) -> list[Subscription]:
        """The channel's subscriptions."""
        return await self.store.subscriptions.for_channel(platform, channel_id)

    async def sync_config(self, channels: Sequence[ChannelConfig]) -> ConfigChanges:
        """Apply the config's channel topics (at start-up and on reload).

        The config seeds subscriptions and chat changes win: only what changed in the file
        since it was last applied takes effect. A topic added to a channel in the file
        subscribes it (even after an earlier /unsubscribe); a topic removed from the file
        unsubscribes it, unless the channel subscribed by command; an unchanged entry leaves
        /subscribe and /unsubscribe made in chat as they are, across restarts and reloads.
        """
        wanted: dict[tuple[str, str, str], str] = {
            (ch.platform, ch.id, topic): ch.mode for ch in channels for topic in ch.topics}
        changes = await self.store.subscriptions.apply_config(wanted)
        for action, pairs in (("subscribe", changes.added), ("unsubscribe", changes.removed)):
            for platform, channel_id, topic in pairs:
                await self.store.audit.record(platform, "config", action, topic,
                                              channel_id=channel_id)
        return changes
