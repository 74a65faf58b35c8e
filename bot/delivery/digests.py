"""Digests: a channel's held alerts become ONE card, grouped by topic, one line per story.

Held rows come from digest subscriptions (daily/weekly, on the channel's cron) and from instant
channels over their hourly limit (folded into an hourly overflow digest at the top of each
hour). The digest row is enqueued and the held rows marked 'digested' in one transaction, keyed
"digest:<platform>:<channel>:<period start>", so a crash or a second run never loses or doubles
an alert.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.chat.messages import Card, CardField
from bot.delivery.alerts import ChannelsFn
from bot.scheduler import Scheduler
from bot.settings import ChannelConfig, DigestConfig
from bot.store.outbox import RATE_LIMIT, HeldRow, Outgoing
from bot.store.repositories import Storage

log = logging.getLogger(__name__)

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1), "hourly": timedelta(hours=1)}
TITLES = {"daily": "Daily digest", "weekly": "Weekly digest",
          "hourly": "Alerts held back in the past hour"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OVERFLOW_JOB = "digest:overflow"
MAX_LINES = 12  # per topic
MAX_FIELD = 1000  # characters per topic block (Discord allows 1,024)
_NON_WORD = re.compile(r"\W+")


def period_start(cfg: DigestConfig | None, now: datetime) -> datetime:
    """Start of the period a digest fired at (or after) `now` covers; hourly when `cfg` is None."""
    if cfg is None:
        top = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        return top - PERIODS["hourly"]
    local = now.astimezone(ZoneInfo(cfg.timezone))
    hour, minute, second = cfg.clock
    fire = local.replace(hour=hour, minute=minute, second=second, microsecond=0)
    if cfg.every == "weekly":
        fire -= timedelta(days=(fire.weekday() - DAYS.index(cfg.day)) % 7)
    if fire > local:
        fire -= PERIODS[cfg.every]
    return fire - PERIODS[cfg.every]


@dataclass
class _Entry:
    topic: str
    card: Card
    kind: str
    others: list[str] = field(default_factory=list)

    def line(self) -> str:
        c = self.card
        text = f"• {c.title}"
        if self.kind == "article" and c.fields:
            text += f" — {c.fields[0].name}: {c.fields[0].value}"
        sources = [s for s in [c.source, *self.others] if s]
        if sources:
            text += f" ({sources[0]}" + (f"; also {', '.join(sources[1:])}" if sources[1:] else "")
            text += ")"
        return text + (f" <{c.url}>" if c.url else "")


def build_digest(rows: Sequence[HeldRow], topics: Sequence[str], every: str, start: datetime,
                 end: datetime, limit: int) -> Card:
    """The digest card of held rows: grouped by topic, same-story duplicates collapsed."""
    entries: list[_Entry] = []
    seen: dict[str, _Entry] = {}
    for r in rows:
        card = Card.model_validate_json(r.card)
        ids = {"title:" + _NON_WORD.sub(" ", card.title.casefold()).strip()}
        if r.kind == "article" and r.article_id is not None:
            ids.add(f"story:{r.story_id or r.article_id}")
        dup = next((seen[i] for i in sorted(ids) if i in seen), None)
        if dup is not None:
            if card.source and card.source not in (dup.card.source, *dup.others):
                dup.others.append(card.source)
        else:
            names = [t.topic for t in card.topics]
            topic = next((t for t in names if t in topics), names[0] if names else "other")
            dup = _Entry(topic, card, r.kind)
            entries.append(dup)
        for i in ids:
            seen[i] = dup
    order = [*topics, *sorted({e.topic for e in entries} - set(topics))]
    fields = []
    for topic in order:
        lines = [e.line() for e in entries if e.topic == topic]
        if lines:
            fields.append(CardField(name=f"{topic} ({len(lines)})", value=_block(lines)))
    folded = sum(r.hold_reason == RATE_LIMIT for r in rows)
    note = (f"{folded} alert{'s were' if folded != 1 else ' was'} folded in because this channel "
            f"reached its limit of {limit} per hour.") if folded else None
    span = f"{start:%Y-%m-%d %H:%M} – {end.astimezone(start.tzinfo):%Y-%m-%d %H:%M} {start:%Z}"
    n = len(entries)
    return Card(
        kind="digest", title=f"{TITLES[every]}: {n} {'story' if n == 1 else 'stories'}",
        date=end.date(), summary="\n".join(x for x in (span, note) if x), fields=fields[:20],
        footer=note,
    )


def _block(lines: list[str]) -> str:
    """Lines joined, shortened to fit a field, with "…and N more" for the rest."""
    shown: list[str] = []
    for line in lines[:MAX_LINES]:
        line = line if len(line) <= 300 else line[:299] + "…"
        if len("\n".join([*shown, line])) > MAX_FIELD - 20:
            break
        shown.append(line)
    rest = len(lines) - len(shown)
    return "\n".join(shown) + (f"\n…and {rest} more" if rest else "")


class DigestService:
    """Turn held deliveries into digest cards."""

    def __init__(self, store: Storage, channels: ChannelsFn, wake: Callable[[], None]) -> None:
        self.store = store
        self.outbox = store.outbox
        self._channels = channels
        self._wake = wake

    def channel(self, platform: str, channel_id: str) -> ChannelConfig | None:
        """The configured channel, if any."""
        return next((c for c in self._channels()
                     if c.platform == platform and c.id == channel_id), None)

    async def run(self, platform: str, channel_id: str, *, now: datetime | None = None) -> int:
        """Digest the channel's held alerts into one card; returns how many were folded in.

        Digest channels use their daily/weekly period; others (overflow) the past hour. Returns 0
        when nothing is held, or when this period's digest exists already (the rows then wait
        for the next one).
        """
        now = now or datetime.now(UTC)
        cfg = self.channel(platform, channel_id)
        digest_cfg = cfg.digest if cfg is not None and cfg.mode == "digest" else None
        rows = await self.outbox.held(platform, channel_id)
        if not rows:
            return 0
        start = period_start(digest_cfg, now)
        every = digest_cfg.every if digest_cfg else "hourly"
        limit = cfg.max_per_hour if cfg else int(
            ChannelConfig.model_fields["max_per_hour"].default)
        topics = [s.topic for s in await self.store.subscriptions.for_channel(platform, channel_id)]
        card = build_digest(rows, topics, every, start, now, limit)
        key = f"digest:{platform}:{channel_id}:{start.astimezone(UTC).isoformat()}"
        digest = Outgoing(key=key, article_id=None, platform=platform, channel_id=channel_id,
                          kind="digest", card=card.model_dump_json())
        if not await self.outbox.commit_digest(digest, [r.id for r in rows]):
            log.info("digest exists for this period; alerts stay held",
                     extra={"channel_id": channel_id, "key": key})
            return 0
        log.info("digest enqueued", extra={"channel_id": channel_id, "count": len(rows)})
        self._wake()
        return len(rows)

    async def run_overflow(self, now: datetime | None = None) -> int:
        """Hourly: digest instant channels holding alerts over their limit."""
        total = 0
        for platform, channel_id in await self.outbox.overflow_channels():
            cfg = self.channel(platform, channel_id)
            if cfg is None or cfg.mode != "digest":  # digest channels fold them in on schedule
                total += await self.run(platform, channel_id, now=now)
        return total


def digest_job(service: DigestService, platform: str, channel_id: str
               ) -> Callable[[], Awaitable[int]]:
    """The scheduled coroutine of one channel's digest."""
    async def job() -> int:
        return await service.run(platform, channel_id)
    return job


def schedule_digests(scheduler: Scheduler, channels: Sequence[ChannelConfig],
                     service: DigestService) -> list[str]:
    """One cron job per digest channel plus the hourly overflow job; stale digest jobs go."""
    ids = []
    for ch in channels:
        if ch.mode != "digest":
            continue
        job_id = f"digest:{ch.platform}:{ch.id}"
        hour, minute, second = ch.digest.clock
        fields: dict[str, Any] = {"hour": hour, "minute": minute, "second": second}
        if ch.digest.every == "weekly":
            fields["day_of_week"] = ch.digest.day
        scheduler.cron(job_id, digest_job(service, ch.platform, ch.id),
                       timezone=ch.digest.timezone, **fields)
        ids.append(job_id)
    scheduler.cron(OVERFLOW_JOB, service.run_overflow, minute=0)
    ids.append(OVERFLOW_JOB)
    for old in scheduler.job_ids():
        if old.startswith("digest:") and old not in ids:
            scheduler.remove(old)
    return ids
