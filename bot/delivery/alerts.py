"""Alerts: a newly stored article becomes one outbox row per subscribed channel.

An article is alerted once, to the channels subscribed at that moment: subscribing starts from
now, unless the subscriber asks for a backfill (`AlertService.backfill`).

Digest subscriptions get 'held' rows (sent later inside a digest). Instant channels that already
received `max_per_hour` alerts in the past hour also get 'held' rows (reason 'rate-limit'),
folded into the next overflow digest: nothing is ever dropped.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from bot.chat.format import format_figure
from bot.chat.messages import Card, CardField, TopicHit
from bot.domain.models import ArticleRecord
from bot.settings import ChannelConfig
from bot.store.outbox import Outgoing
from bot.store.repositories import Storage
from bot.store.subscriptions import Subscription

log = logging.getLogger(__name__)

KIND_RANK = {"crypto": 0, "money": 1, "power": 2, "energy": 2, "percent": 3, "count": 4}
MAX_CARD_FIGURES = 4
MIN_CARD_COUNT = 10  # "two countries" is not a key figure


def topic_color(hex_color: str | None) -> int | None:
    """"#f7931a" -> 0xF7931A."""
    return int(hex_color[1:], 16) if hex_color else None


ChannelsFn = Callable[[], Sequence[ChannelConfig]]


class Recipients:
    """Which channels get an alert about some topics, in which mode, with which hourly limit.

    Without a channel config (`channels` None) there is no limit; a channel missing from the
    config gets the default `ChannelConfig.max_per_hour`.
    """

    def __init__(self, store: Storage, channels: ChannelsFn | None = None) -> None:
        self.store = store
        self._channels = channels

    def limit(self, platform: str, channel_id: str) -> int | None:
        """The channel's alerts-per-hour limit, if limits apply."""
        if self._channels is None:
            return None
        for ch in self._channels():
            if ch.platform == platform and ch.id == channel_id:
                return ch.max_per_hour
        return int(ChannelConfig.model_fields["max_per_hour"].default)

    async def for_topics(self, topics: Sequence[str]) -> list[Subscription]:
        """One subscription per channel subscribed to any of `topics` (instant wins)."""
        by_channel: dict[tuple[str, str], Subscription] = {}
        for sub in await self.store.subscriptions.for_topics(list(topics)):
            channel = (sub.platform, sub.channel_id)
            prev = by_channel.get(channel)
            if prev is None or (prev.mode != "instant" and sub.mode == "instant"):
                by_channel[channel] = sub
        return list(by_channel.values())

    def outgoing(self, sub: Subscription, key: str, *, article_id: int | None, kind: str,
                 card: str) -> Outgoing:
        """The outbox row for one channel, held for digests and limited for instant ones."""
        return Outgoing(key=key, article_id=article_id, platform=sub.platform,
                        channel_id=sub.channel_id, kind=kind, card=card,
                        digest=sub.mode == "digest",
                        limit=self.limit(sub.platform, sub.channel_id))


class AlertService:
    """Match a new article to subscriptions and enqueue deliveries (never sends itself)."""

    def __init__(
        self, store: Storage, colors: Callable[[], dict[str, str | None]], wake: Callable[[], None],
        channels: ChannelsFn | None = None,
    ) -> None:
        self.store = store
        self._colors = colors
        self._wake = wake
        self.recipients = Recipients(store, channels)
        self.outbox = store.outbox

    async def build_card(self, record: ArticleRecord) -> Card:
        """The neutral alert card of an article."""
        rows = [f for f in await self.store.articles.card_figures(record.id) if f.kind in KIND_RANK
                and not (f.kind == "count" and abs(f.value) < MIN_CARD_COUNT)]
        ranked = sorted(rows, key=lambda f: (KIND_RANK[f.kind], f.subject is None))
        fields = []
        for f in ranked[:MAX_CARD_FIGURES]:
            label = f.subject or "Figure"
            if f.measure:
                label = f"{label} — {f.measure}"
            fields.append(CardField(name=label, value=format_figure(
                f.value, f.unit, f.qualifier, f.value_high)))
        also = []
        if record.story_id:
            also = await self.store.articles.story_sources(record.story_id, exclude=record.id)
        colors = self._colors()
        first = record.topics[0].topic if record.topics else None
        return Card(
            title=record.title, url=record.url, source=record.source, date=record.date,
            summary=" ".join(record.summary),
            topics=[TopicHit(topic=t.topic, reason=t.reason) for t in record.topics],
            fields=fields, also_reported_by=also, article_id=record.id,
            color=topic_color(colors.get(first)) if first else None,
        )

    async def story_grew(self, story_id: int) -> int:
        """Rebuild waiting alert cards of a story so they list every outlet; returns how many."""
        changed = 0
        for delivery_id, article_id in await self.store.outbox.waiting_for_story(story_id):
            record = await self.store.articles.get(article_id)
            if record is None:
                continue
            card = await self.build_card(dataclasses.replace(record, story_id=story_id))
            changed += await self.store.outbox.replace_waiting_card(
                delivery_id, card.model_dump_json())
        if changed:
            log.info("alert cards refreshed", extra={"story_id": story_id, "count": changed})
        return changed

    async def article_edited(self, article_id: int, title: str, text: str,
                             version: str) -> int:
        """Enqueue an "Updated" alert for a stored article whose feed item changed; `version`
        (the new content fingerprint) keys it, so each edit alerts each channel once."""

        def updated(card: Card, record: ArticleRecord) -> Card:
            return card.model_copy(update={
                "title": f"Updated: {title or record.title}", "fields": [],
                "summary": _snippet(text) or " ".join(record.summary), "also_reported_by": []})

        return await self._enqueue(article_id, lambda _r: f"update:{article_id}:{version[:16]}",
                                   updated)

    async def backfill(self, platform: str, channel_id: str, topic: str, count: int) -> int:
        """Enqueue the `count` newest articles of `topic` for one channel that subscribes to
        it (the same story keys as live alerts, so nothing it already got is sent again);
        returns how many rows were added, oldest first."""
        subs = [s for s in await self.store.subscriptions.for_channel(platform, channel_id)
                if s.topic == topic]
        if not subs or count < 1:
            return 0
        added = 0
        for record in reversed(await self.store.articles.latest(topic, count)):
            key = f"story:{record.story_id or record.id}:{platform}:{channel_id}"
            card = (await self.build_card(record)).model_dump_json()
            states = await self.outbox.enqueue([self.recipients.outgoing(
                subs[0], key, article_id=record.id, kind="article", card=card)])
            added += sum(s is not None for s in states)
        if added:
            log.info("backfill enqueued", extra={"channel_id": channel_id, "count": added})
            self._wake()
        return added

    async def on_new_article(self, article_id: int) -> int:
        """Enqueue one delivery per subscribed channel (one alert per story); returns how
        many were added.

        Runs once per article: when it is replayed (re-ingested after a crash or restart),
        an article whose alerts were already enqueued is left alone, so a channel that
        subscribed after it was stored does not get it (subscribing starts from now).
        """
        if await self.store.articles.alerted(article_id):
            return 0
        added = await self._enqueue(article_id, lambda r: f"story:{r.story_id or r.id}")
        await self.store.articles.mark_alerted(article_id)
        return added

    async def _enqueue(self, article_id: int, key_of: Callable[[ArticleRecord], str],
                       shape: Callable[[Card, ArticleRecord], Card] | None = None) -> int:
        """One outbox row per channel subscribed to the article's topics, keyed
        `<key_of(record)>:<platform>:<channel>`; returns how many were new."""
        record = await self.store.articles.get(article_id)
        if record is None or not record.topics:
            return 0
        key = key_of(record)
        subs = await self.recipients.for_topics([t.topic for t in record.topics])
        if not subs:
            return 0
        card = await self.build_card(record)
        if shape is not None:
            card = shape(card, record)
        body = card.model_dump_json()
        states = await self.outbox.enqueue([
            self.recipients.outgoing(sub, f"{key}:{sub.platform}:{sub.channel_id}",
                                     article_id=article_id, kind="article", card=body)
            for sub in subs
        ])
        added = sum(s is not None for s in states)
        if added:
            log.info("alerts enqueued", extra={"article_id": article_id, "count": added,
                                               "held": states.count("held"), "key": key})
            self._wake()
        return added


def _snippet(text: str, limit: int = 400) -> str:
    """The start of an item's new text, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
