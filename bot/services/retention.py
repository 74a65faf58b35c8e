"""The retention job: prune the store on a schedule and log what went."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from bot.scheduler import Scheduler
from bot.store.repositories import Storage

log = logging.getLogger(__name__)

JOB_ID = "retention"


class RetentionJob:
    """Deletes articles and finished deliveries older than `days` (a scheduler job).

    After a prune that removed at least `optimize_after` articles, the FTS index is merged.
    """

    def __init__(
        self, store: Storage, days: int, *, optimize_after: int = 100,
        after_prune: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        if days < 1:
            raise ValueError("retention days must be at least 1")
        self.store = store
        self.days = days
        self.optimize_after = optimize_after
        self.after_prune = after_prune  # e.g. reload the autocomplete weights
        self.last_counts: dict[str, int] | None = None

    async def run(self) -> dict[str, int]:
        """Prune once; returns and logs the number of rows deleted per table."""
        started = time.perf_counter()
        counts = await self.store.prune(self.days)
        if counts["articles"] and counts["articles"] >= self.optimize_after:
            await self.store.optimize()
        if counts["articles"] and self.after_prune is not None:
            await self.after_prune()
        self.last_counts = counts
        log.info(
            "retention pruned %d articles and %d deliveries older than %d days",
            counts["articles"], counts["deliveries"], self.days,
            extra={"retention_days": self.days, "pruned": counts,
                   "elapsed_s": round(time.perf_counter() - started, 3)},
        )
        return counts

    async def __call__(self) -> dict[str, int]:
        """Same as `run()`, so the job itself can be handed to `Scheduler.cron`."""
        return await self.run()

    def schedule(self, scheduler: Scheduler, expression: str, *, timezone: str = "UTC") -> None:
        """Register this job on a crontab expression (e.g. schedule.retention_cron)."""
        scheduler.cron(JOB_ID, self.run, expression, timezone=timezone)
