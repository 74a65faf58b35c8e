"""Alerts: a newly stored article becomes one outbox row per subscribed channel."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.chat.format import format_figure
from bot.chat.messages import Card, CardField, TopicHit
from bot.domain.models import ArticleRecord
from bot.store.sqlite import Store

log = logging.getLogger(__name__)

KIND_RANK = {"crypto": 0, "money": 1, "power": 2, "energy": 2, "percent": 3, "count": 4}
MAX_CARD_FIGURES = 4
MIN_CARD_COUNT = 10  # "two countries" is not a key figure


def topic_color(hex_color: str | None) -> int | None:
    """"#f7931a" -> 0xF7931A."""
    return int(hex_color[1:], 16) if hex_color else None


class AlertService:
    """Match a new article to subscriptions and enqueue deliveries (never sends itself)."""

    def __init__(
        self, store: Store, colors: Callable[[], dict[str, str | None]], wake: Callable[[], None]
    ) -> None:
        self.store = store
        self._colors = colors
        self._wake = wake

    async def build_card(self, record: ArticleRecord) -> Card:
        """The neutral alert card of an article."""
        rows = await self.store.db.fetchall(
            "SELECT value, value_high, unit, qualifier, subject, measure, kind FROM figures"
            " WHERE article_id = ? ORDER BY position", (record.id,),
        )
        rows = [r for r in rows if r["kind"] in KIND_RANK
                and not (r["kind"] == "count" and abs(r["value"]) < MIN_CARD_COUNT)]
        ranked = sorted(rows, key=lambda r: (KIND_RANK[r["kind"]], r["subject"] is None))
        fields = []
        for r in ranked[:MAX_CARD_FIGURES]:
            label = r["subject"] or "Figure"
            if r["measure"]:
                label = f"{label} — {r['measure']}"
            fields.append(CardField(name=label, value=format_figure(
                r["value"], r["unit"], r["qualifier"], r["value_high"])))
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

    async def on_new_article(self, article_id: int) -> int:
        """Enqueue one delivery per subscribed channel; returns how many were added."""
        record = await self.store.articles.get(article_id)
        if record is None or not record.topics:
            return 0
        subs = await self.store.subscriptions.for_topics([t.topic for t in record.topics])
        if not subs:
            return 0
        card = (await self.build_card(record)).model_dump_json()
        story = record.story_id or record.id
        added = 0
        seen: set[tuple[str, str]] = set()
        for sub in subs:
            channel = (sub.platform, sub.channel_id)
            if channel in seen:
                continue  # several matching topics, one alert per channel
            seen.add(channel)
            state = "held" if sub.mode == "digest" else "pending"
            if await self.store.deliveries.enqueue(
                f"story:{story}:{sub.platform}:{sub.channel_id}", article_id=article_id,
                platform=sub.platform, channel_id=sub.channel_id, kind="article", card=card,
                state=state,
            ):
                added += 1
        if added:
            log.info("alerts enqueued", extra={"article_id": article_id, "count": added})
            self._wake()
        return added
