"""One scheduler job per enabled feed; jobs skip paused feeds; reloads add and remove jobs."""

from __future__ import annotations

import random

import pytest

from bot.ingest.feed_schedule import job_id, reschedule, schedule_feeds
from bot.scheduler import Scheduler
from tests.polling.conftest import NOW, Rig, feed_xml, news_item

pytestmark = pytest.mark.spacy


async def test_jobs_per_feed_poll_now_skip_paused_and_follow_reloads(rig: Rig) -> None:
    one = rig.add_feed("one", feed_xml("One", [news_item(1, NOW)]))
    two = rig.add_feed("two", feed_xml("Two", []), interval=120)
    off = rig.add_feed("off", feed_xml("Off", []), enabled=False)
    sched = Scheduler(jitter=5, misfire_grace=30)
    sched.start()
    try:
        ids = schedule_feeds(sched, rig.poller, rig.feeds, rng=random.Random(1))
        assert ids == [job_id(one.url), job_id(two.url)]
        assert sched.job_ids() == sorted(ids)
        assert all(sched.next_run(j) is not None for j in ids)  # scheduled, not paused

        report = await sched.run_now(job_id(one.url))  # what "poll now" does
        assert report is not None and report.baseline == 1

        await rig.poller.repo.pause(one.url, "paused by test")
        assert await sched.run_now(job_id(one.url)) is None

        timing = sched.next_run(job_id(two.url))
        changed, removed = reschedule(sched, rig.poller, [two, off.model_copy(
            update={"enabled": True})], rng=random.Random(2))
        assert removed == [job_id(one.url)]
        assert changed == [job_id(off.url)]
        assert sched.next_run(job_id(two.url)) == timing  # unchanged feeds keep their timing
        assert sched.job_ids() == sorted([job_id(two.url), job_id(off.url)])
    finally:
        sched.shutdown()
