"""The explainable rules of feed polling: first-run baseline, age limit, backoff, poll reports.

Kept free of I/O so each rule can be read (and tested) on its own; `bot.ingest.polling` applies
them. The same wording ends up in `feed_items.skip_reason` and in `/feeds why`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

from bot.feeds.fetcher import FetchResult
from bot.feeds.items import FeedItem, ParsedFeed
from bot.feeds.sandbox import JobLimits

STORED = "stored"
SKIPPED = "skipped"
BASELINE = "baseline"

REASON_NEW = "new item after the baseline"
REASON_UNDATED = (
    "no usable date: stored once, because it appeared after the feed's baseline"
)
REASON_BACKFILL = "backfill: one of the {n} newest items when the feed was first polled"
REASON_BASELINE = "baseline: already in the feed when it was first polled (no alert)"
REASON_EMPTY = "the item has neither a title nor any text"


class ParseFn(Protocol):
    """`bot.feeds.parser.parse_feed_async`."""

    def __call__(self, body: bytes, *, url: str, content_type: str | None = ...,
                 response_headers: dict[str, str] | None = ...,
                 max_bytes: int = ..., max_items: int = ...,
                 limits: JobLimits | None = ...,
                 feed_url: str | None = ...) -> Awaitable[ParsedFeed]: ...


class FeedMetrics(Protocol):
    """The part of `bot.metrics.Metrics` the poller reports to."""

    def feed_poll(self, outcome: str) -> None: ...
    def feed_error(self, reason: str) -> None: ...


def utcnow() -> datetime:
    """The poller's default clock."""
    return datetime.now(UTC)


def error_kind(exc: BaseException) -> str:
    """A low-cardinality metrics label for a feed failure."""
    return {"RetryLater": "retry_later", "TooLarge": "too_large", "EntityAttack": "entity",
            "BlockedAddress": "blocked", "TooComplex": "too_complex",
            "ParseLimit": "parse_limit"}.get(type(exc).__name__, "fetch_or_parse")


def body_hash(body: bytes, *, url: str, content_type: str | None, max_items: int) -> str:
    """What identifies a fetched body as the same feed as last time: the bytes and what they
    are read under (the URL relative links join to, the charset in the content type, the item
    limit). A 200 with the same hash as the last fully handled poll is not parsed again."""
    h = hashlib.sha256()
    for part in (url, content_type or "", str(max_items)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(body)
    return h.hexdigest()


def item_date(item: FeedItem) -> datetime | None:
    """The date the age rule looks at: published, else updated."""
    return item.published or item.updated


def too_old(when: datetime | None, now: datetime, max_days: int) -> bool:
    """Whether a dated item is past `max_days` (0 means no age limit; undated is never old)."""
    return bool(max_days) and when is not None and now - when > timedelta(days=max_days)


def old_reason(when: datetime, max_days: int) -> str:
    """The skip reason of an item older than the age limit."""
    return (f"older than {max_days} days (dated {when:%Y-%m-%d}) when first seen; "
            "fetch.max_item_age_days decides")


def pick_backfill(
    items: Sequence[tuple[str, FeedItem]], n: int, now: datetime, max_days: int
) -> set[str]:
    """Keys of the `n` newest dated items within the age limit (undated items never backfill)."""
    if n <= 0:
        return set()
    dated = [(when, key) for key, it in items
             if (when := item_date(it)) is not None and not too_old(when, now, max_days)]
    dated.sort(reverse=True)
    return {key for _, key in dated[:n]}


def chronological(items: Sequence[tuple[str, FeedItem, str]]) -> list[tuple[str, FeedItem, str]]:
    """Oldest first, undated items last (in feed order), so alerts come out in time order."""
    dated = [t for t in items if item_date(t[1]) is not None]
    undated = [t for t in items if item_date(t[1]) is None]
    dated.sort(key=lambda t: item_date(t[1]))  # type: ignore[arg-type, return-value]
    return dated + undated


def backoff_delay(
    failures: int, base: float, cap: float, retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds until the next attempt: base * 2^(failures-1), capped, with "equal jitter"
    (a random point in the upper half); a server's Retry-After is the minimum."""
    exp = min(cap, base * 2 ** max(0, failures - 1))
    delay = (rng or random).uniform(exp / 2, exp)
    return max(delay, retry_after or 0.0)


@dataclass(slots=True)
class PollReport:
    """What one poll of one feed did."""

    url: str
    new: int = 0  # items stored as new articles
    duplicates: int = 0  # new items whose article was already stored (same URL elsewhere)
    baseline: int = 0  # recorded silently on the first poll
    unchanged: int = 0  # items seen before
    edited: int = 0  # seen items whose content changed (recorded, no alert)
    not_modified: bool = False  # HTTP 304
    same_body: bool = False  # a 200 with the body of the last poll: not parsed again
    error: str | None = None  # the fetch/parse failure, in words
    retry_in: float | None = None  # seconds until the next attempt after an error
    paused: bool = False  # this poll paused the feed
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item, error): retried
    dropped: list[tuple[str, str]] = field(default_factory=list)  # parser drops (bad links)
    article_ids: list[int] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when nothing failed (validators and baseline may then advance)."""
        return self.error is None and not self.failed

    def summary(self) -> str:
        """One line for logs and `/feeds poll`."""
        if self.error:
            tail = f"; next try in {self.retry_in:.0f} s" if self.retry_in is not None else ""
            paused = " (feed paused)" if self.paused else ""
            return f"{self.url}: error: {self.error}{tail}{paused}"
        if self.not_modified:
            return f"{self.url}: not modified (304)"
        if self.same_body:
            return f"{self.url}: unchanged (same body as the last poll)"
        parts = [f"{self.new} new"]
        for label, n in (("already stored", self.duplicates), ("baseline", self.baseline),
                         ("skipped", len(self.skipped)), ("seen before", self.unchanged),
                         ("edited", self.edited), ("dropped", len(self.dropped)),
                         ("failed", len(self.failed))):
            if n:
                parts.append(f"{n} {label}")
        return f"{self.url}: " + ", ".join(parts)


HASH_INLINE_BYTES = 256 * 1024  # ~0.15 ms of SHA-256 on the loop; a larger body hashes in a thread


async def body_digest(res: FetchResult, max_items: int) -> str:
    """`body_hash` of a fetched body, in a worker thread when the body is large
    (hashlib lets go of the GIL there, so a 10 MiB body does not stall the loop for ~6 ms)."""
    digest = partial(body_hash, res.body, url=res.final_url,
                     content_type=res.content_type, max_items=max_items)
    return digest() if len(res.body) <= HASH_INLINE_BYTES else await asyncio.to_thread(digest)


SUMMARY_EVERY_S = 300.0  # seconds between INFO lines counting the unchanged polls


class PollLog:
    """The log of polls: changes and errors at INFO, one line each; unchanged polls (304,
    same body) at DEBUG, counted into an INFO summary every `every` seconds."""

    def __init__(self, log: logging.Logger, every: float = SUMMARY_EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.log, self.every, self.clock = log, every, clock
        self.quiet = {"not_modified": 0, "unchanged": 0}  # since the last summary
        self._next = clock() + every

    def polled(self, report: PollReport) -> str:
        """Log one poll; returns its metrics outcome."""
        outcome = ("error" if report.error else "not_modified" if report.not_modified else
                   "unchanged" if report.same_body else "ok")
        if outcome not in self.quiet:
            self.log.info("feed polled: %s", report.summary(), extra={"feed": report.url})
            return outcome
        self.quiet[outcome] += 1
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug("feed polled: %s", report.summary(), extra={"feed": report.url})
        if self.clock() >= self._next:
            self.log.info("feeds unchanged in the last %.0f s: %d not modified (304), "
                          "%d same body", self.every, self.quiet["not_modified"],
                          self.quiet["unchanged"])
            self.quiet = dict.fromkeys(self.quiet, 0)
            self._next = self.clock() + self.every
        return outcome
