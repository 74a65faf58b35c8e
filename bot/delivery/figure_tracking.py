"""Figure tracking: figures as time series per (subject, measure, unit), with change alerts.

After an article is stored, each figure with a subject becomes an observation. When the article
reports a different value (beyond a relative tolerance) for a series already tracked, the
channels subscribed to the article's topics get a 'figure_change' card with the old and the new
value, both cited. When another outlet reported a different value on the same day, the card
says the sources disagree instead of picking one. Observations and their alerts are written in
one transaction, so re-ingesting, re-running or restarting never doubles an alert.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from bot.chat.format import format_figure
from bot.chat.messages import Card, CardField, TopicHit
from bot.delivery.alerts import ChannelsFn, Recipients
from bot.domain.models import ArticleRecord
from bot.store.outbox import Outgoing
from bot.store.repositories import Storage
from bot.store.rows import TrackableFigure
from bot.store.series import MeasureHistory as MeasureHistory  # re-exported for handlers
from bot.store.series import Observation as Observation

log = logging.getLogger(__name__)

TOLERANCE = 0.001  # relative difference below which two values are "the same"
_SYNONYMS = {"bitcoin": "btc", "bitcoins": "btc", "ether": "eth", "ethereum": "eth"}
_DROP = {"the", "a", "an", "its", "their", "his", "her", "our", "total", "current", "overall",
         "entire", "whole", "new", "latest"}
_PLURAL_ONLY = {"holdings", "savings", "earnings", "proceeds"}
_WORD = re.compile(r"[a-z0-9%]+")


def _singular(word: str) -> str:
    if word in _PLURAL_ONLY or len(word) <= 3:
        return word
    if word == "holding":
        return "holdings"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def measure_key(measure: str | None, kind: str, unit: str) -> tuple[str, bool]:
    """(normalised key, explicit): "BTC holdings" and "holdings of bitcoin" -> "btc holdings".

    Lower-cased, "X of Y" turned into "Y X", bitcoin/ether spelled as tickers, filler words
    dropped and plurals folded. Without a measure the key is kind + unit and not explicit.
    """
    text = (measure or "").casefold()
    head, sep, tail = text.partition(" of ")
    if sep and tail.strip():
        text = f"{tail} {head}"
    words = [_singular(_SYNONYMS.get(w, w)) for w in _WORD.findall(text) if w not in _DROP]
    if words:
        return " ".join(words), True
    return f"{kind} {unit}".casefold().strip(), False


UNKNOWN_OUTLET = "unknown outlet"


def outlet(source: str | None, url: str | None) -> str:
    """Who reported it: the article's source, else the URL's host."""
    if source and source.strip():
        return source.strip()
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or UNKNOWN_OUTLET


def reported_by(o: Observation) -> str | None:
    """The outlet for a structured citation: None where `outlet` could only say "unknown"."""
    return None if o.source == UNKNOWN_OUTLET else o.source


def differs(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    """Whether two values differ by more than `tolerance` relative to the larger one."""
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale > tolerance


def show(o: Observation) -> str:
    """"more than 6,240 BTC"."""
    return format_figure(o.value, o.unit, o.qualifier, o.value_high)


def published_on(o: Observation) -> date | None:
    """The article's publication day; None when it has none (observed_on is its ingest day)."""
    return date.fromisoformat(o.observed_on) if o.dated else None


def day_text(o: Observation) -> str:
    """"2025-05-20", or "undated" for an article without a publication date."""
    return o.observed_on if o.dated else "undated"


def citation(o: Observation) -> str:
    """"6,240 BTC — Outlet, 2025-05-20 · #3 Title <url>"."""
    ref = f"#{o.article_id} {o.title}" if o.article_id else o.title
    return f"{show(o)} — {o.source}, {day_text(o)} · {ref}" + (f" <{o.url}>" if o.url else "")


class FigureTracker:
    """Record observations of newly stored articles and alert on changes and conflicts."""

    def __init__(self, store: Storage, wake: Callable[[], None], channels: ChannelsFn | None = None,
                 *, tolerance: float = TOLERANCE, alert_window_hours: float = 24.0) -> None:
        self.store = store
        self.series = store.series
        self.recipients = Recipients(store, channels)
        self.tolerance = tolerance
        self.alert_window = timedelta(hours=alert_window_hours)
        self._wake = wake
        self._lock = asyncio.Lock()

    async def on_new_article(self, article_id: int) -> int:
        """Ingest listener: track the article's figures; returns how many alerts were added."""
        return await self.track(article_id, alert=True)

    async def catch_up(self, now: datetime | None = None) -> int:
        """Track stored articles missed (e.g. by a crash); alert only for recent ones."""
        since = (now or datetime.now(UTC)) - self.alert_window
        added, done = 0, set()
        while todo := [a for a in await self.series.untracked_articles() if a[0] not in done]:
            for article_id, ingested_at in todo:
                done.add(article_id)
                added += await self.track(
                    article_id, alert=datetime.fromisoformat(ingested_at) >= since)
        return added

    async def track(self, article_id: int, *, alert: bool) -> int:
        """Record an article's untracked figures (and their alerts, if `alert`)."""
        async with self._lock:
            rows = await self.series.untracked_figures(article_id)
            if not rows:
                return 0
            observations = [self._observation(r) for r in rows]
            alerts: list[Outgoing] = []
            record = await self.store.articles.get(article_id) if alert else None
            if record is not None and record.topics:
                subs = await self.recipients.for_topics([t.topic for t in record.topics])
                if subs:
                    for key, card in await self._cards(observations, record):
                        alerts += [self.recipients.outgoing(
                            sub, f"{key}:{sub.platform}:{sub.channel_id}", article_id=article_id,
                            kind="figure_change", card=card) for sub in subs]
            states = await self.series.record(observations, alerts)
        if states:
            log.info("figure alerts enqueued", extra={"article_id": article_id,
                                                      "count": len(states)})
            self._wake()
        return len(states)

    @staticmethod
    def _observation(f: TrackableFigure) -> Observation:
        key, explicit = measure_key(f.measure, f.kind, f.unit)
        day = (f.published or f.ingested_at)[:10]
        return Observation(
            subject_id=f.subject_id, measure_key=key, measure=f.measure, explicit=explicit,
            unit=f.unit, value=float(f.value), value_high=f.value_high, qualifier=f.qualifier,
            kind=f.kind, text=f.text, sentence=f.sentence, source=outlet(f.source, f.url),
            title=f.title, url=f.url, observed_on=day, article_id=f.article_id,
            figure_id=f.figure_id, dated=f.published is not None,
        )

    async def _cards(self, observations: Sequence[Observation],
                     record: ArticleRecord) -> list[tuple[str, str]]:
        """(delivery key prefix, card JSON) per changed or disputed explicit series."""
        latest: dict[tuple[int, str, str], Observation] = {}
        for o in observations:  # in article order: the last mention of a series wins
            if o.explicit:
                latest[(o.subject_id, o.measure_key, o.unit)] = o
        out = []
        for (subject_id, key, unit), new in latest.items():
            tag = f"{subject_id}.{hashlib.sha1(f'{key}|{unit}'.encode()).hexdigest()[:10]}"
            history = await self.series.series(subject_id, key, unit)
            subject = await self.series.subject_name(subject_id)
            rivals: dict[str, Observation] = {}
            for h in history:
                same_day = h.observed_on == new.observed_on
                other = h.source.casefold() != new.source.casefold()
                if same_day and other and differs(h.value, new.value, self.tolerance):
                    rivals[h.source.casefold()] = h
            if rivals:
                card = self._conflict(subject, new, list(rivals.values()), record)
                out.append((f"figconflict:{record.id}:{tag}", card.model_dump_json()))
                continue
            earlier = [h for h in history if h.observed_on <= new.observed_on]
            if earlier and differs(earlier[-1].value, new.value, self.tolerance):
                card = self._change(subject, earlier[-1], new, record)
                out.append((f"figchange:{record.id}:{tag}", card.model_dump_json()))
        return out

    @staticmethod
    def _base(new: Observation, record: ArticleRecord) -> dict[str, object]:
        return {"kind": "figure_change", "url": new.url, "source": new.source,
                "date": published_on(new), "article_id": record.id,
                "topics": [TopicHit(topic=t.topic, reason=t.reason) for t in record.topics]}

    def _change(self, subject: str, old: Observation, new: Observation,
                record: ArticleRecord) -> Card:
        label = new.measure or new.measure_key
        delta = new.value - old.value
        pct = f" ({delta / old.value:+.1%})" if old.value else ""
        sign = "+" if delta >= 0 else "-"
        return Card(
            title=f"{subject} — {label}: {show(old)} → {show(new)}",
            summary=f"{new.source} reports {show(new)} ({day_text(new)}); the last tracked "
                    f"value was {show(old)} from {old.source} ({day_text(old)}).",
            fields=[CardField(name="Before", value=citation(old)),
                    CardField(name="Now", value=citation(new)),
                    CardField(name="Change", value=f"{sign}{format_figure(abs(delta), new.unit)}"
                                                   f"{pct}")],
            footer=f"Figure tracking · {subject} / {new.measure_key} ({new.unit})",
            **self._base(new, record),  # type: ignore[arg-type]
        )

    def _conflict(self, subject: str, new: Observation, rivals: list[Observation],
                  record: ArticleRecord) -> Card:
        label = new.measure or new.measure_key
        values = " vs ".join(show(o) for o in [*rivals, new])
        return Card(
            title=f"Sources disagree — {subject} — {label} on {new.observed_on}: {values}",
            summary=f"{len(rivals) + 1} outlets report different values for the same day; "
                    "PolicyWire has not picked one.",
            fields=[CardField(name=o.source, value=citation(o)) for o in [*rivals, new]],
            footer=f"Figure tracking · {subject} / {new.measure_key} ({new.unit})",
            **self._base(new, record),  # type: ignore[arg-type]
        )
