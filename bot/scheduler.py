"""The one scheduler: APScheduler 3's AsyncIOScheduler with the project's job defaults.

Jobs are coroutines. Interval jobs get jitter, coalescing, one instance at a time and an explicit
misfire grace time; `run_now` triggers a job at once (admin "poll now"). Tests call job
coroutines directly instead of waiting for the clock.

Cron jobs (digests, overflow, retention) are the whole deployment's, not each process's: with
`lead` given, a cron job fires only in the process for which `await lead()` is True at that
moment (bot.store.ports.Leadership: on PostgreSQL a session advisory lock, so when the leader
dies the next process to fire a cron job takes the role over; on SQLite always True).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[Any]]


class Scheduler:
    """Named coroutine jobs on intervals or cron expressions."""

    def __init__(self, *, misfire_grace: float = 300.0, jitter: float = 30.0,
                 lead: Callable[[], Awaitable[bool]] | None = None) -> None:
        self.misfire_grace = int(misfire_grace)
        self.lead = lead
        self.jitter = int(jitter)
        self._sched = AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": self.misfire_grace,
        })
        self._jobs: dict[str, Job] = {}
        self._specs: dict[str, object] = {}  # what each job was made from, to spot changes
        self._running: set[asyncio.Task[Any]] = set()  # job runs in flight, for a clean stop
        self._leading = False  # whether the last cron firing found this process leading

    @property
    def running(self) -> bool:
        """Whether the scheduler has been started and not shut down."""
        return bool(self._sched.running)

    def start(self) -> None:
        """Start firing jobs (needs a running event loop)."""
        if not self._sched.running:
            self._sched.start()

    def shutdown(self) -> None:
        """Stop firing jobs at once; runs in flight are cancelled, not awaited (see `stop`)."""
        if self._sched.running:
            self._sched.shutdown(wait=False)

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop firing jobs, then wait up to `timeout` s for runs in flight; cancel the rest.

        Callers close what jobs use (fetcher, NLP pool, store) only after this returns, so no
        job finds them closed half-way through.
        """
        if self._sched.running:
            self._sched.pause()
        running = {t for t in self._running if not t.done()}
        if running:
            _, late = await asyncio.wait(running, timeout=timeout)
            for task in late:
                log.warning("scheduled job cancelled at shutdown",
                            extra={"job": task.get_name()})
                task.cancel()
            for task in late:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        self.shutdown()

    def every(self, job_id: str, job: Job, seconds: float, *, jitter: float | None = None,
              first_run: datetime | None = None, spec: object = None) -> None:
        """Run `job` every `seconds` (replacing a job with the same id).

        `spec` is what the job was built from (a feed's config); `spec_of` returns it, so a
        reload can tell a changed job from an unchanged one.
        """
        self._jobs[job_id] = job
        self._specs[job_id] = spec
        trigger = IntervalTrigger(seconds=max(1, int(seconds)),
                                  jitter=int(self.jitter if jitter is None else jitter))
        extra = {"next_run_time": first_run} if first_run is not None else {}
        self._sched.add_job(self._runner(job_id), trigger, id=job_id, replace_existing=True,
                            **extra)

    def cron(self, job_id: str, job: Job, expression: str | None = None, *,
             timezone: str = "UTC", **fields: Any) -> None:
        """Run `job` on a crontab expression ("17 3 * * *") or cron fields (hour=8, ...)."""
        self._jobs[job_id] = self._led(job_id, job)
        trigger = (CronTrigger.from_crontab(expression, timezone=timezone) if expression
                   else CronTrigger(timezone=timezone, **fields))
        self._sched.add_job(self._runner(job_id), trigger, id=job_id, replace_existing=True)

    def _led(self, job_id: str, job: Job) -> Job:
        """`job`, run only while this process leads (when a `lead` check is set)."""
        lead = self.lead
        if lead is None:
            return job

        async def run() -> Any:
            leading = await lead()
            if leading != self._leading:  # say so once per change, for whoever reads the logs
                self._leading = leading
                log.info("this process now leads the cron jobs" if leading
                         else "another process leads the cron jobs", extra={"job": job_id})
            if not leading:
                log.debug("cron job left to the leading process", extra={"job": job_id})
                return None
            return await job()
        return run

    def remove(self, job_id: str) -> None:
        """Forget a job (no error when it does not exist)."""
        self._jobs.pop(job_id, None)
        self._specs.pop(job_id, None)
        if self._sched.get_job(job_id) is not None:
            self._sched.remove_job(job_id)

    def spec_of(self, job_id: str) -> object:
        """The `spec` a job was registered with (None when none or no such job)."""
        return self._specs.get(job_id)

    def job_ids(self) -> list[str]:
        """Ids of the scheduled jobs."""
        return sorted(self._jobs)

    def next_run(self, job_id: str) -> datetime | None:
        """When a job fires next, if scheduled and the scheduler runs."""
        job = self._sched.get_job(job_id)
        return getattr(job, "next_run_time", None) if job else None

    async def run_now(self, job_id: str) -> Any:
        """Run a job at once, in the caller's task, and return its result."""
        job = self._jobs.get(job_id)
        if job is None:
            raise KeyError(job_id)
        return await job()

    def _runner(self, job_id: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            job = self._jobs.get(job_id)
            if job is None:
                return
            # The job runs in its own task, kept in _running, so `stop` can wait for it (and
            # APScheduler's own cancel at shutdown reaches only this wrapper).
            task = asyncio.create_task(self._guarded(job_id, job), name=job_id)
            self._running.add(task)
            task.add_done_callback(self._running.discard)
            await asyncio.shield(task)
        return run

    @staticmethod
    async def _guarded(job_id: str, job: Job) -> None:
        try:
            await job()
        except Exception:
            log.exception("scheduled job failed", extra={"job": job_id})
