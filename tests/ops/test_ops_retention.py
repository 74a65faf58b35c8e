"""Retention on the real SQLite file: old articles and finished deliveries go, live ones stay."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.retention import RetentionJob
from bot.store.retention import cutoff_iso, prune
from bot.store.sqlite import Store

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat(timespec="seconds")


@pytest.fixture
async def store(tmp_path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "retention.db")
    yield s
    await s.close()


async def _article(store: Store, uid: str, title: str, body: str, *, ingested: str,
                   published: str | None = None, story_id: int | None = None) -> int:
    async with store.db.transaction() as conn:
        cur = await conn.execute(
            "INSERT INTO articles (uid, title, body, content_hash, ingested_at, published,"
            " story_id) VALUES (?,?,?,?,?,?,?)",
            (uid, title, body, "h-" + uid, ingested, published, story_id))
        aid = int(cur.lastrowid or 0)
        await conn.execute(
            "INSERT INTO article_topics (article_id, topic, score) VALUES (?, 'reserves', 0.9)",
            (aid,))
        await conn.execute(
            "INSERT INTO entities (name, type, grp, norm) VALUES (?, 'GPE', 'place', ?)"
            " ON CONFLICT(norm, grp) DO NOTHING", ("El Salvador", "el salvador"))
        await conn.execute(
            "INSERT INTO mentions (entity_id, article_id, count) SELECT id, ?, 2 FROM entities"
            " WHERE norm = 'el salvador'", (aid,))
        await conn.execute(
            "INSERT INTO figures (article_id, position, subject, value, unit, kind, measure,"
            " text, sentence) VALUES (?, 0, 'El Salvador', 6100, 'BTC', 'amount', 'holdings',"
            " '6,100 BTC', 'It holds 6,100 BTC.')", (aid,))
    return aid


async def _delivery(store: Store, key: str, state: str, *, created: str,
                    sent: str | None = None, article_id: int | None = None) -> None:
    async with store.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO deliveries (key, article_id, platform, channel_id, card, state,"
            " created_at, sent_at) VALUES (?,?,'slack','C1','{}',?,?,?)",
            (key, article_id, state, created, sent))


async def _count(store: Store, sql: str, params: tuple = ()) -> int:
    row = await store.db.fetchone(sql, params)
    return int(row[0]) if row else -1


async def test_prune_removes_old_rows_and_keeps_live_and_recent(store: Store) -> None:
    old = await _article(store, "old", "Zanzibarian treasury note", "Lawmakers debated a reserve.",
                         ingested=_ago(400), published=_ago(401))
    recent = await _article(store, "new", "Recent reserve bill", "A reserve bill passed.",
                            ingested=_ago(2), published=_ago(3))
    # Ingested long ago but published recently (a backfilled date): kept.
    republished = await _article(store, "repub", "Backdated", "Body text.",
                                 ingested=_ago(400), published=_ago(5))
    await _delivery(store, "old-sent", "sent", created=_ago(400), sent=_ago(399), article_id=old)
    await _delivery(store, "old-failed", "failed", created=_ago(380))
    await _delivery(store, "old-digested", "digested", created=_ago(380))
    await _delivery(store, "new-sent", "sent", created=_ago(1), sent=_ago(1), article_id=recent)
    for state in ("pending", "sending", "held"):
        await _delivery(store, f"old-{state}", state, created=_ago(500))
    assert [r.id for r in await store.articles.search("Zanzibarian")] == [old]

    counts = await prune(store.db, older_than_days=365, now=NOW)

    assert counts == {"articles": 1, "deliveries": 3, "article_topics": 1, "mentions": 1,
                      "roles": 0, "figures": 1}
    assert await store.articles.get(old) is None
    assert await store.articles.get(recent) is not None
    assert await store.articles.get(republished) is not None
    for table in ("article_topics", "mentions", "figures"):
        assert await _count(store, f"SELECT COUNT(*) FROM {table} WHERE article_id = ?",
                            (old,)) == 0
        assert await _count(store, f"SELECT COUNT(*) FROM {table} WHERE article_id = ?",
                            (recent,)) == 1
    assert await store.articles.search("Zanzibarian") == []
    assert [r.id for r in await store.articles.search("reserve bill")] == [recent]
    keys = {r["key"]: r["state"] for r in await store.db.fetchall(
        "SELECT key, state FROM deliveries")}
    assert keys == {"new-sent": "sent", "old-pending": "pending", "old-sending": "sending",
                    "old-held": "held"}
    # The FTS index itself stays consistent with the table.
    await store.db.conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


async def test_prune_keeps_old_articles_still_needed(store: Store) -> None:
    head = await _article(store, "head", "Story head", "First report.", ingested=_ago(400))
    await _article(store, "follow", "Follow-up", "Second report.", ingested=_ago(1),
                   story_id=head)
    waiting = await _article(store, "wait", "Waiting", "Held for the digest.",
                             ingested=_ago(400))
    await _delivery(store, "digest", "held", created=_ago(400), article_id=waiting)
    lone = await _article(store, "lone", "Lone", "Nobody needs this.", ingested=_ago(400))

    counts = await prune(store.db, older_than_days=30, now=NOW)

    assert counts["articles"] == 1
    assert await store.articles.get(lone) is None
    assert await store.articles.get(head) is not None
    assert await store.articles.get(waiting) is not None


async def test_prune_twice_is_a_no_op_and_rejects_bad_ages(store: Store) -> None:
    await _article(store, "x", "Old", "Old body.", ingested=_ago(100))
    first = await prune(store.db, older_than_days=90, now=NOW)
    second = await prune(store.db, older_than_days=90, now=NOW)
    assert first["articles"] == 1
    assert second == dict.fromkeys(second, 0)
    with pytest.raises(ValueError):
        await prune(store.db, older_than_days=0)
    assert cutoff_iso(1, NOW) == "2025-05-31T12:00:00+00:00"


async def test_retention_job_prunes_with_real_clock_and_logs(store: Store, caplog) -> None:
    now = datetime.now(UTC)
    ancient = (now - timedelta(days=40)).isoformat(timespec="seconds")
    fresh = (now - timedelta(days=1)).isoformat(timespec="seconds")
    await _article(store, "a", "Ancient", "Old news.", ingested=ancient)
    kept = await _article(store, "b", "Fresh", "New news.", ingested=fresh)
    reloads: list[int] = []

    async def reload_names() -> None:
        reloads.append(1)

    job = RetentionJob(store, days=30, after_prune=reload_names)
    with caplog.at_level(logging.INFO, logger="bot.services.retention"):
        counts = await job()
    assert counts["articles"] == 1
    assert reloads == [1]  # autocomplete weights are reloaded after articles go
    assert job.last_counts == counts
    assert await _count(store, "SELECT COUNT(*) FROM articles") == 1
    assert await store.articles.get(kept) is not None
    assert any("retention pruned 1 articles" in r.getMessage() for r in caplog.records)
    assert (await job())["articles"] == 0 and reloads == [1]  # nothing pruned, no reload
    with pytest.raises(ValueError):
        RetentionJob(store, days=0)


async def test_scheduled_job_runs_now_and_optimizes_the_index(store: Store) -> None:
    from bot.scheduler import Scheduler

    old = (datetime.now(UTC) - timedelta(days=10)).isoformat(timespec="seconds")
    await _article(store, "o1", "Obsolete ledger", "Stale words.", ingested=old)
    await _article(store, "o2", "Obsolete ledger two", "More stale words.", ingested=old)
    scheduler = Scheduler()
    job = RetentionJob(store, days=7, optimize_after=1)
    job.schedule(scheduler, "17 3 * * *")
    assert scheduler.job_ids() == ["retention"]
    counts = await scheduler.run_now("retention")
    assert counts["articles"] == 2
    assert await store.articles.search("obsolete") == []
    await store.db.conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
