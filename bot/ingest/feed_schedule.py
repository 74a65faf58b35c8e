"""One scheduler job per enabled feed ("feed:<url>"), re-registered on config reloads.

Each job calls `FeedPoller.poll_scheduled`, which skips a paused feed or one still backing off.
Coalescing, one instance at a time and the misfire grace time are the `bot.scheduler.Scheduler`
defaults. First runs are spread over the first `jitter` seconds so a start does not poll every
feed at the same instant.

When several processes share the feeds (`FeedPoller.shared`, PostgreSQL), each process's job
fires `CHECKS_PER_INTERVAL` times per interval and the feed's claim decides which of them
fetches: a feed is fetched once per interval across all processes, at most a quarter interval
late, whichever process is alive.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from bot.ingest.polling import FeedPoller, PollReport
from bot.scheduler import Scheduler
from bot.settings import FeedConfig

JOB_PREFIX = "feed:"
CHECKS_PER_INTERVAL = 4


def job_id(url: str) -> str:
    """The scheduler job id of a feed."""
    return JOB_PREFIX + url


def _job(poller: FeedPoller, feed: FeedConfig) -> Callable[[], Awaitable[PollReport | None]]:
    async def run() -> PollReport | None:
        return await poller.poll_scheduled(feed)

    return run


def _add(scheduler: Scheduler, poller: FeedPoller, feed: FeedConfig, jitter: float | None,
         rng: random.Random, now: datetime) -> None:
    period = feed.interval / CHECKS_PER_INTERVAL if poller.shared else feed.interval
    if poller.shared:  # the claim paces the fetches; jitter only spreads the checks
        jitter = min(scheduler.jitter if jitter is None else jitter, period / 2)
    spread = max(1.0, min(period, scheduler.jitter if jitter is None else jitter))
    first = now + timedelta(seconds=rng.uniform(1.0, spread))
    scheduler.every(job_id(feed.url), _job(poller, feed), period, jitter=jitter,
                    first_run=first, spec=feed)


def schedule_feeds(
    scheduler: Scheduler, poller: FeedPoller, feeds: Sequence[FeedConfig], *,
    jitter: float | None = None, rng: random.Random | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Register an interval job for every enabled feed; returns the job ids."""
    rng, now = rng or random.Random(), now or datetime.now(UTC)
    ids = []
    for feed in feeds:
        if feed.enabled:
            _add(scheduler, poller, feed, jitter, rng, now)
            ids.append(job_id(feed.url))
    return ids


def reschedule(
    scheduler: Scheduler, poller: FeedPoller, feeds: Sequence[FeedConfig], *,
    jitter: float | None = None, rng: random.Random | None = None,
    now: datetime | None = None,
) -> tuple[list[str], list[str]]:
    """Bring the feed jobs in line with `feeds` after a reload: (added or changed, removed).

    Jobs of removed or disabled feeds are removed; unchanged feeds keep their timing.
    """
    rng, now = rng or random.Random(), now or datetime.now(UTC)
    wanted = {job_id(f.url): f for f in feeds if f.enabled}
    removed = [j for j in scheduler.job_ids() if j.startswith(JOB_PREFIX) and j not in wanted]
    for jid in removed:
        scheduler.remove(jid)
    changed = []
    for jid, feed in wanted.items():
        if scheduler.spec_of(jid) != feed or jid not in scheduler.job_ids():
            _add(scheduler, poller, feed, jitter, rng, now)
            changed.append(jid)
    return changed, removed
