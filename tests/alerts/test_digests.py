"""Digests: grouped by topic, duplicates collapsed, held rows digested once, on a cron."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from bot.chat.messages import Card
from bot.delivery.digests import OVERFLOW_JOB, period_start, schedule_digests
from bot.domain.models import Analysis, ArticleIn, Figure, TopicMatch
from bot.ingest.sources import content_hash
from bot.scheduler import Scheduler
from bot.settings import ChannelConfig, DigestConfig
from bot.store.outbox import Outgoing
from tests.alerts.conftest import AlertRig

NOW = datetime(2025, 6, 2, 7, 30, tzinfo=UTC)  # 09:30 in Berlin, a Monday


async def stored(rig: AlertRig, title: str, source: str, topic: str, slug: str,
                 figure: Figure | None = None) -> int:
    """Store an article with a hand-written analysis (no spaCy) and run the alert service."""
    art = ArticleIn(url=f"https://{slug}.example/a", title=title, text=title + " Body text.",
                    source=source, date=datetime(2025, 6, 1, tzinfo=UTC))
    analysis = Analysis(sentences=(art.text,), entities=(), summary=(title,),
                        figures=(figure,) if figure else (),
                        topics=(TopicMatch(topic, 3.0, ("bitcoin reserve",)),))
    article_id, created = await rig.app.store.articles.save(
        art, uid=art.url or slug, content_hash=content_hash(title, art.text), analysis=analysis)
    assert created
    await rig.app.alerts.on_new_article(article_id)
    return article_id


def btc(value: float) -> Figure:
    """A BTC holdings figure about Bhutan."""
    return Figure(value=value, unit="BTC", text=f"{value:,.0f} BTC", sentence="s", kind="crypto",
                  subject="Bhutan", measure="BTC holdings")


async def test_digest_groups_collapses_marks_and_is_idempotent(rig: AlertRig) -> None:
    """Three held stories (one a copy) -> one digest card, two topics, rows 'digested' once."""
    await stored(rig, "Bhutan moves more bitcoin into its reserve", "Outlet A", "reserves",
                 "a1", btc(12_000))
    await stored(rig, "Panama debates a bitcoin law", "Outlet B", "legal-tender", "b1")
    await stored(rig, "Bhutan moves more bitcoin into its reserve!", "Outlet C", "reserves", "c1")
    held = await rig.deliveries("slack", "C-DIGEST")
    assert [d.state for d in held] == ["held"] * 3

    assert await rig.digests.run("slack", "C-DIGEST", now=NOW) == 3
    rows = await rig.deliveries("slack", "C-DIGEST")
    assert [d.state for d in rows] == ["digested"] * 3 + ["pending"]
    digest = rows[-1]
    assert digest.kind == "digest"
    assert digest.key == "digest:slack:C-DIGEST:2025-06-01T06:00:00+00:00"
    card = Card.model_validate_json(digest.card)
    assert card.kind == "digest" and card.title == "Daily digest: 2 stories"
    by_topic = {f.name: f.value for f in card.fields}
    assert set(by_topic) == {"reserves (1)", "legal-tender (1)"}
    line = by_topic["reserves (1)"]
    assert "Bhutan — BTC holdings: 12,000 BTC" in line and "(Outlet A; also Outlet C)" in line
    assert "Panama debates a bitcoin law" in by_topic["legal-tender (1)"]

    assert await rig.digests.run("slack", "C-DIGEST", now=NOW) == 0
    assert len(await rig.deliveries("slack", "C-DIGEST")) == 4


async def test_late_alert_waits_for_next_period(rig: AlertRig) -> None:
    """An alert held after this period's digest exists stays held, then joins the next one."""
    await stored(rig, "Bhutan moves more bitcoin into its reserve", "Outlet A", "reserves", "a1")
    assert await rig.digests.run("slack", "C-DIGEST", now=NOW) == 1
    await stored(rig, "Panama debates a bitcoin law", "Outlet B", "legal-tender", "b1")
    assert await rig.digests.run("slack", "C-DIGEST", now=NOW) == 0
    assert (await rig.deliveries("slack", "C-DIGEST"))[-1].state == "held"
    assert await rig.digests.run("slack", "C-DIGEST", now=NOW.replace(day=3)) == 1
    states = [d.state for d in await rig.deliveries("slack", "C-DIGEST")]
    assert states.count("digested") == 2 and states.count("held") == 0


async def test_overflow_is_held_and_reported(rig: AlertRig) -> None:
    """Past max_per_hour (3) an instant channel's alerts are held, then digested and counted."""
    for i in range(5):
        await stored(rig, f"Reserve story number {i} about bitcoin", f"Outlet {i}", "reserves",
                     f"o{i}")
    live = await rig.deliveries("console", "live")
    assert [d.state for d in live] == ["pending"] * 3 + ["held"] * 2
    assert await rig.digests.run_overflow(now=NOW) == 2
    live = await rig.deliveries("console", "live")
    assert [d.state for d in live] == ["pending"] * 3 + ["digested"] * 2 + ["pending"]
    card = Card.model_validate_json(live[-1].card)
    note = "2 alerts were folded in because this channel reached its limit of 3 per hour."
    assert note in card.summary and card.footer == note
    assert "Reserve story number 3" in card.fields[0].value
    assert "Reserve story number 4" in card.fields[0].value
    assert live[-1].key == "digest:console:live:2025-06-02T06:00:00+00:00"
    # digest-mode channels are not touched by the hourly overflow job
    assert {d.state for d in await rig.deliveries("slack", "C-DIGEST")} == {"held"}
    assert await rig.digests.run_overflow(now=NOW) == 0


async def test_digest_commit_is_all_or_nothing(rig: AlertRig) -> None:
    """If a held row is no longer held, the digest is not enqueued and nothing is marked."""
    await stored(rig, "Bhutan moves more bitcoin into its reserve", "Outlet A", "reserves", "a1")
    held = await rig.deliveries("slack", "C-DIGEST")
    pending = (await rig.deliveries("console", "live"))[0]
    digest = Outgoing(key="digest:slack:C-DIGEST:x", article_id=None, platform="slack",
                      channel_id="C-DIGEST", kind="digest", card="{}")
    assert not await rig.digests.outbox.commit_digest(digest, [held[0].id, pending.id])
    assert [d.state for d in await rig.deliveries("slack", "C-DIGEST")] == ["held"]
    assert (await rig.deliveries("console", "live"))[0].state == "pending"


def test_period_start() -> None:
    """Daily in Berlin and weekly on Friday: the period that ended at the last firing."""
    daily = DigestConfig(every="daily", time="08:00", timezone="Europe/Berlin")
    assert period_start(daily, NOW).astimezone(UTC) == datetime(2025, 6, 1, 6, tzinfo=UTC)
    early = NOW.replace(hour=5)  # 07:00 in Berlin: today's digest has not fired yet
    assert period_start(daily, early).astimezone(UTC) == datetime(2025, 5, 31, 6, tzinfo=UTC)
    weekly = DigestConfig(every="weekly", day="fri", time="17:30")
    assert period_start(weekly, NOW) == datetime(2025, 5, 23, 17, 30, tzinfo=UTC)
    assert period_start(None, NOW) == datetime(2025, 6, 2, 6, tzinfo=UTC)


async def test_schedule_digests_registers_cron_jobs(rig: AlertRig) -> None:
    """One cron job per digest channel at its time/day/timezone, plus the hourly overflow."""
    scheduler = Scheduler()
    ids = schedule_digests(scheduler, rig.channels, rig.digests)
    assert ids == ["digest:slack:C-DIGEST", "digest:discord:D-WEEK", OVERFLOW_JOB]
    scheduler.start()
    try:
        daily = scheduler.next_run("digest:slack:C-DIGEST")
        assert daily is not None and (daily.hour, daily.minute) == (8, 0)
        assert str(daily.tzinfo) == "Europe/Berlin"
        weekly = scheduler.next_run("digest:discord:D-WEEK")
        assert weekly is not None and weekly.strftime("%a %H:%M") == "Fri 17:30"
        hourly = scheduler.next_run(OVERFLOW_JOB)
        assert hourly is not None and (hourly.minute, hourly.second) == (0, 0)
        await stored(rig, "Panama debates a bitcoin law", "Outlet B", "legal-tender", "b1")
        assert await scheduler.run_now("digest:discord:D-WEEK") == 1
        assert (await rig.deliveries("discord", "D-WEEK"))[-1].kind == "digest"
        rig.channels.pop(2)  # a reload without the weekly channel drops its job
        assert "digest:discord:D-WEEK" not in schedule_digests(scheduler, rig.channels,
                                                               rig.digests)
        assert "digest:discord:D-WEEK" not in scheduler.job_ids()
    finally:
        scheduler.shutdown()


async def test_a_digest_time_may_name_its_second(rig: AlertRig) -> None:
    """"HH:MM:SS" fires on that second; the period it covers ends there too."""
    cfg = DigestConfig(time="07:29:45")
    assert cfg.clock == (7, 29, 45)
    assert period_start(cfg, NOW) == datetime(2025, 6, 1, 7, 29, 45, tzinfo=UTC)
    assert DigestConfig(time="08:00").clock == (8, 0, 0)
    scheduler = Scheduler()
    channel = ChannelConfig(platform="slack", id="C-SEC", topics=["reserves"], mode="digest",
                            digest=cfg)
    schedule_digests(scheduler, [channel], rig.digests)
    scheduler.start()
    try:
        when = scheduler.next_run("digest:slack:C-SEC")
        assert when is not None and (when.hour, when.minute, when.second) == (7, 29, 45)
    finally:
        scheduler.shutdown()


@pytest.mark.parametrize("bad", ["7:30", "08:00:60", "24:00", "08:00:5"])
def test_a_malformed_digest_time_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        DigestConfig(time=bad)
