"""Polling one feed: conditional GET, parse, per-item rules, ingest, then seen-state.

A poll's new items become articles first (page text included, `poll_articles`), are understood
in one `IngestService.understand` batch (one pool hop per 32 articles), then are stored and
recorded one by one in feed order; an item that cannot be built, understood or stored fails
alone, is retried on the next polls and skipped after `MAX_ITEM_ATTEMPTS`.

Order of writes (so a crash re-fetches instead of losing): an item's seen-state is written only
after `IngestService.ingest` returned, and the feed's ETag/Last-Modified, body hash and
`baseline_done` only advance when every item of the poll was handled. A 304, or a 200 whose
body hashes as the last fully handled one (no parse, no item write), costs one state update,
`deferred` when no failure is to be cleared (batched on SQLite; a crash only means a poll
again) and logged at DEBUG (`feed_rules.PollLog`).
The rows of items recorded without an article (the silent baseline, too old) are written with
the feed's state in one transaction.
Fetch/parse failures back off exponentially with jitter and pause the feed after
`fetch.max_failures` (admins are told once). Any exception while fetching or parsing (a
parser's RecursionError included) is such a failure, so a hostile feed always backs off and is
eventually paused instead of failing the job unnoticed.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.domain.errors import FeedError
from bot.domain.models import Analysis, ArticleIn
from bot.feeds.dedup import (
    StoryClusterer,
    canonical_url,
    content_fingerprint,
    item_key,
)
from bot.feeds.fetcher import Fetcher
from bot.feeds.items import FeedItem, ParsedFeed
from bot.feeds.sandbox import limits_for
from bot.ingest import feed_rules as rules
from bot.ingest.events import ArticleEvents
from bot.ingest.poll_articles import item_article
from bot.ingest.service import IngestService
from bot.ingest.stories import StoryLinker
from bot.settings import FeedConfig, FetchConfig
from bot.store.feeds import FeedState
from bot.store.repositories import Feeds, Storage

log = logging.getLogger(__name__)

PollReport = rules.PollReport
MAX_ITEM_ATTEMPTS = 3
# An item's article and page note (`item_article`), or why it could not be built.
Built = tuple[ArticleIn | None, str | None] | Exception
Pending = tuple[str, FeedItem, str, str]  # key, item, fingerprint, reason


class FeedPoller:
    """Polls feeds into the store through `IngestService`; one poll per feed at a time."""

    def __init__(
        self, store: Storage, fetcher: Fetcher, parse: rules.ParseFn, ingest: IngestService,
        feeds: Callable[[], Sequence[FeedConfig]],
        fetch_config: FetchConfig | Callable[[], FetchConfig],
        notify_admins: Callable[[str, str], Awaitable[None]],
        clusterer: StoryClusterer | None = None, *, events: ArticleEvents | None = None,
        clock: Callable[[], datetime] = rules.utcnow, rng: random.Random | None = None,
        metrics: rules.FeedMetrics | None = None, concurrency: int = 4,
        shared: bool = False,
    ) -> None:
        self.store = store
        # `shared`: other processes poll the same feeds (PostgreSQL); each scheduled poll then
        # claims its feed first, so a feed is fetched once per interval across all of them.
        self.shared = shared
        self.repo: Feeds = store.feeds
        self.fetcher = fetcher
        self.parse = parse
        self.ingest = ingest
        self._config_feeds = feeds
        self._fetch_config = fetch_config
        self.notify_admins = notify_admins
        self.stories = StoryLinker(store, clusterer, events=events, shared=shared)
        self.events = events
        self.clock = clock
        self.rng = rng or random.Random()
        self.metrics = metrics
        self.concurrency = concurrency
        self._locks: dict[str, asyncio.Lock] = {}
        self._attempts: dict[tuple[str, str], int] = {}
        self._poll_log = rules.PollLog(log)

    @property
    def fetch_config(self) -> FetchConfig:
        """The current fetch limits (re-read on every poll, so a reload takes effect)."""
        cfg = self._fetch_config
        return cfg if isinstance(cfg, FetchConfig) else cfg()

    async def start(self) -> int:
        """Rebuild story clusters from stored articles and tell admins about any feed paused
        while they could not be told (a crash or a chat outage at that moment); returns how
        many stored articles were loaded into the story clusters."""
        loaded = await self.stories.load()
        for url, state in (await self.repo.states()).items():
            if state.paused and not state.admins_notified:
                await self._tell_admins(url, state.paused_reason or "paused", state.last_attempt)
        return loaded

    async def _tell_admins(self, url: str, why: str, since: datetime | None) -> None:
        """One notice per pause: `since` (the failure that paused the feed) keys it, so a
        retry after a crash is recognised by the outbox instead of posted twice."""
        key = f"feed-paused:{url}:{since.isoformat(timespec='seconds') if since else '-'}"
        try:
            await self.notify_admins(
                f"Feed {url} is {why}. Resume it with /feeds resume {url}", key)
            await self.repo.mark_notified(url)
        except Exception:
            log.exception("could not notify admins about paused feed %s", url, extra={"feed": url})

    def config_feeds(self) -> list[FeedConfig]:
        """The feeds of the running config."""
        return list(self._config_feeds())

    async def feeds(self) -> list[FeedConfig]:
        """Config feeds, then feeds added at run time (a URL in both counts once)."""
        out = list(self._config_feeds())
        known = {f.url for f in out}
        for rf in await self.repo.runtime_feeds():
            if rf.url not in known:
                out.append(FeedConfig(url=rf.url, name=rf.name, topics=list(rf.topics)))
        return out

    async def feed(self, url: str) -> FeedConfig | None:
        """The configured or runtime feed with this URL."""
        return next((f for f in await self.feeds() if f.url == url), None)

    async def poll_due(self, *, force: bool = False) -> list[PollReport]:
        """Poll every enabled, unpaused feed whose next poll time has passed (`force`: all
        enabled, unpaused feeds, as the admin "poll now" does)."""
        now, states = self.clock(), await self.repo.states()
        due = []
        for f in await self.feeds():
            st = states.get(f.url)
            later = (not force and st is not None and st.next_poll_at is not None
                     and st.next_poll_at > now)
            if f.enabled and not (st and st.paused) and not later:
                due.append(f)
        sem = asyncio.Semaphore(self.concurrency)

        async def one(feed: FeedConfig) -> PollReport:
            async with sem:
                return await self.poll(feed)

        results = await asyncio.gather(*(one(f) for f in due), return_exceptions=True)
        out = []
        for feed, res in zip(due, results, strict=True):
            if isinstance(res, BaseException):
                log.error("poll of %s crashed", feed.url, exc_info=res, extra={"feed": feed.url})
            else:
                out.append(res)
        return out

    async def poll_scheduled(self, feed: FeedConfig) -> PollReport | None:
        """The scheduler's job: poll unless the feed is paused or backing off (or, when
        `shared`, was polled by another process within its interval)."""
        st = await self.repo.state(feed.url)
        if not feed.enabled or st.paused:
            return None
        if st.consecutive_failures and st.next_poll_at and st.next_poll_at > self.clock():
            return None
        if not self.shared:
            return await self.poll(feed)
        owner = self.store.owner
        if not await self.repo.claim_feeds(owner, [feed.url], interval=feed.interval):
            return None  # another process polled it within this interval, or polls it now
        try:
            return await self.poll(feed)
        finally:
            await self.repo.release_feed(feed.url, owner)

    async def check_feed(self, url: str) -> ParsedFeed:
        """Fetch and parse `url` once, through the same guard, limits and sandbox as a poll;
        FeedError with the reason when it is refused or not a feed (nothing is recorded)."""
        cfg = self.fetch_config
        await self.fetcher.start()
        res = await self.fetcher.fetch(url)
        return await self.parse(res.body, url=res.final_url, content_type=res.content_type,
                                response_headers=res.headers, max_bytes=cfg.max_bytes,
                                max_items=cfg.max_items, limits=limits_for(cfg))

    async def poll(self, feed: FeedConfig) -> PollReport:
        """Fetch, parse and handle one feed now."""
        async with self._locks.setdefault(feed.url, asyncio.Lock()):
            report = await self._poll(feed)
        outcome = self._poll_log.polled(report)  # the metrics' name of what happened
        if self.metrics is not None:
            self.metrics.feed_poll(outcome)
        return report

    async def _poll(self, feed: FeedConfig) -> PollReport:
        now, report = self.clock(), PollReport(feed.url)
        state = await self.repo.state(feed.url)
        next_poll = now + timedelta(seconds=feed.interval)
        cfg = self.fetch_config
        defer = not state.consecutive_failures and not state.last_error  # nothing to clear
        try:
            await self.fetcher.start()  # idempotent; `policywire ask "/feeds poll"` starts it here
            res = await self.fetcher.fetch(feed.url, etag=state.etag,
                                           last_modified=state.last_modified)
            if res.not_modified:
                report.not_modified = True
                await self.repo.record_success(feed.url, at=now, next_poll_at=next_poll,
                                               deferred=defer)
                return report
            digest = await rules.body_digest(res, cfg.max_items)
            if state.body_hash == digest:  # as last time, and that poll handled every item
                report.same_body = True
                await self.repo.record_success(
                    feed.url, at=now, next_poll_at=next_poll, etag=res.etag, deferred=defer,
                    last_modified=res.last_modified, validators=True, body_hash=digest)
                return report
            parsed = await self.parse(res.body, url=res.final_url, content_type=res.content_type,
                                      response_headers=res.headers, max_bytes=cfg.max_bytes,
                                      max_items=cfg.max_items, limits=limits_for(cfg),
                                      feed_url=feed.url)
        except FeedError as exc:
            await self._failed(feed, state, exc, now, report)
            return report
        except Exception as exc:  # a parser bug or RecursionError: still this feed's failure
            log.exception("fetching or parsing %s failed", feed.url, extra={"feed": feed.url})
            wrapped = FeedError(f"the feed could not be read ({type(exc).__name__}: "
                                f"{str(exc)[:200]})")
            await self._failed(feed, state, wrapped, now, report)
            return report
        report.dropped = list(parsed.dropped)
        quiet = await self._items(feed, state, parsed, report, now)
        warning = None
        if report.failed:
            warning = f"{len(report.failed)} item(s) not stored yet: {report.failed[0][1]}"
        await self.repo.record_success(
            feed.url, at=now, next_poll_at=next_poll, title=parsed.title, etag=res.etag,
            last_modified=res.last_modified, validators=report.complete,
            baseline_done=True if report.complete else None, warning=warning, body_hash=digest,
            items=quiet)
        return report

    async def _failed(self, feed: FeedConfig, state: FeedState, exc: FeedError, now: datetime,
                      report: PollReport) -> None:
        cfg = self.fetch_config
        error = str(exc) or type(exc).__name__
        failures = state.consecutive_failures + 1
        delay = rules.backoff_delay(failures, cfg.backoff_base, cfg.backoff_max,
                                    getattr(exc, "retry_after", None), self.rng)
        await self.repo.record_failure(feed.url, at=now, error=error,
                                       next_poll_at=now + timedelta(seconds=delay))
        report.error, report.retry_in = error, delay
        if self.metrics is not None:
            self.metrics.feed_error(rules.error_kind(exc))
        log.warning("feed %s failed (%d in a row): %s", feed.url, failures, error,
                    extra={"feed": feed.url, "failures": failures})
        if failures < cfg.max_failures:
            return
        why = f"paused after {failures} consecutive failures; last error: {error}"
        if not state.paused:
            await self.repo.pause(feed.url, why)
            report.paused = True
        if not state.admins_notified:
            await self._tell_admins(feed.url, why, now)

    async def _items(self, feed: FeedConfig, state: FeedState, parsed: ParsedFeed,
                     report: PollReport, now: datetime) -> list[dict[str, object]]:
        """Handle the new and edited items; return the baseline and too-old rows, written
        with the feed's state in one transaction."""
        keyed: dict[str, FeedItem] = {}
        for item in parsed.items:  # key and fingerprint come from the parse sandbox
            keyed.setdefault(item.key or item_key(feed.url, item), item)
        seen = await self.repo.seen(feed.url, list(keyed))
        fresh = []
        for key, item in keyed.items():
            fp = item.fingerprint or content_fingerprint(item.title, item.content or item.summary)
            old = seen.get(key)
            if old is None:
                fresh.append((key, item, fp))
                continue
            report.unchanged += 1
            if old.fingerprint != fp:  # a real edit; churn (times, markup) hashes the same
                if feed.updates and old.article_id is not None and self.events is not None:
                    # before record_edit: a crash in between re-detects the edit, and the
                    # alert key (the new fingerprint) keeps it from being enqueued twice
                    await self.events.article_edited(old.article_id, item.title,
                                                item.content or item.summary, fp)
                await self.repo.record_edit(feed.url, key, fp, now)
                report.edited += 1
        max_days = self.fetch_config.max_item_age_days
        backfill = None
        if not state.baseline_done:
            backfill = rules.pick_backfill([(k, i) for k, i, _ in fresh], feed.backfill, now,
                                           max_days)
        source = feed.name or parsed.title or urlsplit(feed.url).hostname or feed.url
        quiet: list[dict[str, object]] = []  # baseline and too-old rows: one executemany
        pending: list[Pending] = []  # to store, in order
        for key, item, fp in rules.chronological(fresh):
            when = rules.item_date(item)
            if backfill is not None and key not in backfill:
                quiet.append(self._row(key, item, fp, rules.BASELINE, rules.REASON_BASELINE,
                                       now))
                report.baseline += 1
            elif backfill is None and rules.too_old(when, now, max_days):
                reason = rules.old_reason(when, max_days)  # type: ignore[arg-type]
                quiet.append(self._row(key, item, fp, rules.SKIPPED, reason, now))
                report.skipped.append((item.title or item.url or key, reason))
            else:
                reason = (rules.REASON_BACKFILL.format(n=feed.backfill) if backfill is not None
                          else rules.REASON_NEW if when else rules.REASON_UNDATED)
                pending.append((key, item, fp, reason))
        await self._store_batch(feed, pending, source, report, now)
        return quiet

    @staticmethod
    def _row(key: str, item: FeedItem, fp: str, state: str, reason: str,
             now: datetime) -> dict[str, object]:
        return {"item_key": key, "url": canonical_url(item.url) if item.url else None,
                "title": item.title, "published": rules.item_date(item), "fingerprint": fp,
                "state": state, "reason": reason, "at": now}

    async def _record(self, feed: FeedConfig, key: str, item: FeedItem, fp: str, state: str,
                      reason: str, now: datetime, article_id: int | None = None) -> None:
        await self.repo.record_item(
            feed.url, key, url=canonical_url(item.url) if item.url else None, title=item.title,
            published=rules.item_date(item), fingerprint=fp, state=state, reason=reason, at=now,
            article_id=article_id)

    async def _store_batch(self, feed: FeedConfig, pending: Sequence[Pending], source: str,
                           report: PollReport, now: datetime) -> None:
        """Build every item's article first (page text included), understand them in one
        `IngestService.understand` batch, then store and record each item in order."""
        built: list[Built] = []
        for _key, item, _fp, _reason in pending:
            try:
                built.append(await item_article(self.fetcher, self.fetch_config, feed, item,
                                                 source))
            except Exception as exc:  # re-raised in the item's guard: it fails alone
                built.append(exc)
        articles = [b[0] for b in built if not isinstance(b, Exception) and b[0] is not None]
        try:
            understood = await self.ingest.understand(articles) if articles else {}
        except Exception:  # then each article is understood as it is stored
            log.exception("batch analysis of %s failed", feed.url, extra={"feed": feed.url})
            understood = {}
        k = 0
        for (key, item, fp, reason), got in zip(pending, built, strict=True):
            analysis = None
            if not isinstance(got, Exception) and got[0] is not None:
                analysis, k = understood.get(k), k + 1
            await self._store_guarded(feed, key, item, fp, reason, got, analysis, report, now)

    async def _store_guarded(self, feed: FeedConfig, key: str, item: FeedItem, fp: str,
                             reason: str, got: Built, analysis: Analysis | Exception | None,
                             report: PollReport, now: datetime) -> None:
        what = item.title or item.url or key
        try:
            if isinstance(got, Exception):
                raise got
            if isinstance(analysis, Exception):
                raise analysis
            await self._store(feed, key, item, fp, reason, got, analysis, report, now)
            self._attempts.pop((feed.url, key), None)
        except Exception as exc:  # one bad item must not stop the feed; it is retried
            attempts = self._attempts.get((feed.url, key), 0) + 1
            self._attempts[(feed.url, key)] = attempts
            log.exception("could not store item %r of %s (attempt %d)", what, feed.url, attempts,
                          extra={"feed": feed.url})
            if attempts < MAX_ITEM_ATTEMPTS:
                report.failed.append((what, f"{type(exc).__name__}: {exc}"))
                return
            self._attempts.pop((feed.url, key), None)
            why = f"could not be stored after {attempts} attempts: {type(exc).__name__}: {exc}"
            await self._record(feed, key, item, fp, rules.SKIPPED, why, now)
            report.skipped.append((what, why))

    async def _store(self, feed: FeedConfig, key: str, item: FeedItem, fp: str, reason: str,
                     got: tuple[ArticleIn | None, str | None], analysis: Analysis | None,
                     report: PollReport, now: datetime) -> None:
        article, page_note = got
        if page_note:
            reason = f"{reason}; {page_note}"
        if article is None:
            await self._record(feed, key, item, fp, rules.SKIPPED, rules.REASON_EMPTY, now)
            report.skipped.append((item.url or key, rules.REASON_EMPTY))
            return
        outcome = await self.stories.ingest(self.ingest, article, analysis)
        if not outcome.created:
            reason = f"already stored as article #{outcome.article_id} (same URL or same text)"
        await self._record(feed, key, item, fp, rules.STORED, reason, now, outcome.article_id)
        if not outcome.created:
            report.duplicates += 1
            return
        report.new += 1
        report.article_ids.append(outcome.article_id)
