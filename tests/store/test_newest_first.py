"""Newest-first reads (schema 004): exact date order from the index walks, bounded windows,
grouped roles, ambiguous-alias ranking (each on SQLite and PostgreSQL), and the migration of
a SQLite store written before 004."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.models import Analysis, ArticleIn, EntityMention, Figure, Role, TopicMatch
from bot.store import articles as articles_mod
from bot.store import db as db_mod
from bot.store import entities as entities_mod
from bot.store.sqlite import Store
from bot.store.text import norm_name
from tests.store.engines import AnyStore, sql_run, sql_value

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _fig(subject: str, value: float) -> Figure:
    return Figure(value=value, unit="BTC", text=f"{value} BTC", sentence="s", kind="crypto",
                  subject=subject, measure="BTC holdings")


async def _save(store: AnyStore, uid: str, day: int | None, *names: str, figures: int = 1,
                topic: str = "reserves", roles: tuple[Role, ...] = ()) -> int:
    """An article dated T0 + `day` (None: undated, sorted by ingestion) naming `names`."""
    ents = tuple(EntityMention(name=n, type="GPE" if n[0] != "@" else "PERSON",
                               roles=roles if i == 0 else ()) for i, n in enumerate(names))
    analysis = Analysis(
        sentences=("x",), entities=ents, summary=("x",), clean_text=f"bitcoin reserve {uid}",
        figures=tuple(_fig(names[0], 100 * i + (day or 0)) for i in range(figures)),
        topics=(TopicMatch(topic, 1.0, ("reserve",)),),
    )
    date = None if day is None else T0 + timedelta(days=day)
    article_id, _ = await store.articles.save(
        ArticleIn(url=None, title=f"article {uid}", text="bitcoin reserve", date=date),
        uid=uid, content_hash=uid, analysis=analysis)
    return article_id


async def _scrambled(store: AnyStore) -> dict[int, int]:
    """Eight articles saved out of date order; {article id: day}."""
    days = [5, 1, 7, 3, 0, 6, 2, 4]
    return {await _save(store, f"u{d}", d, "El Salvador", "Pakistan", figures=2): d
            for d in days}


async def test_topic_and_entity_lists_follow_dates_not_ids(store: AnyStore) -> None:
    """A back-dated article sorts by its date everywhere, whatever order it was saved in."""
    day_of = await _scrambled(store)
    newest = [aid for aid, _ in sorted(day_of.items(), key=lambda kv: -kv[1])]
    assert [r.id for r in await store.articles.latest("reserves", 8)] == newest
    assert [r.id for r in await store.articles.latest(None, 3)] == newest[:3]
    salvador = await store.entities.lookup("El Salvador")
    assert salvador is not None
    total, ids = await store.entities.mention_stats(salvador.id, limit=4)
    assert total == 8 and ids == newest[:4]
    about = await store.entities.figures_about(salvador.id, limit=5)
    assert [(r.article_id, r.position) for r in about] == [
        (newest[0], 0), (newest[0], 1), (newest[1], 0), (newest[1], 1), (newest[2], 0)]
    topic = await store.entities.figures_for_topic("reserves", limit=3)
    assert [(r.article_id, r.position) for r in topic] == [
        (newest[0], 0), (newest[0], 1), (newest[1], 0)]


async def test_undated_articles_sort_by_ingestion_time(store: AnyStore) -> None:
    """Without a publication date the ingestion time is the article's date."""
    old = await _save(store, "old", 0, "El Salvador")
    undated = await _save(store, "now", None, "El Salvador")
    assert [r.id for r in await store.articles.latest("reserves", 2)] == [undated, old]
    assert await sql_value(
        store, "SELECT m.article_at = a.ingested_at FROM mentions m JOIN articles a"
        " ON a.id = m.article_id WHERE a.id = ?", undated)


async def test_related_counts_only_the_recent_window(
        store: AnyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Co-mentions come from the entity's newest RELATED_WINDOW articles."""
    for day in range(3):
        await _save(store, f"old{day}", day, "El Salvador", "Pakistan")
    for day in range(3, 5):
        await _save(store, f"new{day}", day, "El Salvador", "Bhutan")
    salvador = await store.entities.lookup("El Salvador")
    assert salvador is not None
    assert await store.entities.related(salvador.id) == ["Pakistan", "Bhutan"]
    monkeypatch.setattr(entities_mod, "RELATED_WINDOW", 2)
    assert await store.entities.related(salvador.id) == ["Bhutan"]


async def test_search_ranks_within_the_newest_window(
        store: AnyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """bm25 orders the matches; only the newest SEARCH_WINDOW matches are ranked."""
    ids = [await _save(store, f"s{d}", d, "El Salvador") for d in range(4)]
    hits = await store.articles.search('"bitcoin"', limit=10)
    assert sorted(r.id for r in hits) == ids
    monkeypatch.setattr(articles_mod, "SEARCH_WINDOW", 2)
    hits = await store.articles.search('"bitcoin"', limit=10)
    assert sorted(r.id for r in hits) == ids[2:]


async def test_the_newest_window_is_the_same_however_far_back_its_matches_lie(
        store: AnyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL looks among the newest ids first and widens while the window is not full
    (bot.store.postgres.articles.FIRST_SPAN): the answer is the unbounded one, whether the
    window fills at once, after a step sized by the matches seen, or only over every id."""
    from bot.store.postgres import articles as pg_articles

    monkeypatch.setattr(articles_mod, "SEARCH_WINDOW", 3)
    monkeypatch.setattr(pg_articles, "FIRST_SPAN", 2)
    words = {d: " ".join(w for w, days in (("grid", {0, 1, 2, 3, 9}), ("solar", {2, 5, 8, 11}))
                         if d in days) or "plain" for d in range(12)}
    ids = {d: await _save(store, f"{words[d]} {d}", d, "Chile") for d in range(12)}

    async def found(query: str) -> list[int]:
        return sorted(r.id for r in await store.articles.search(query, limit=10))

    assert await found("reserve") == [ids[d] for d in (9, 10, 11)]  # full at the 2nd step
    assert await found("solar") == [ids[d] for d in (5, 8, 11)]  # 1 of 3 at first, then 3
    assert await found("grid") == [ids[d] for d in (2, 3, 9)]  # none among the newest
    assert await found("nowhere") == []


async def test_the_best_match_wins_whichever_band_of_ids_it_lies_in(
        store: AnyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL ranks each band of ids on its own and merges the bands' best: the best
    match of the window comes first even when it lies in the oldest band, and the window
    still ends at the newest SEARCH_WINDOW matches."""
    from bot.store.postgres import articles as pg_articles

    monkeypatch.setattr(pg_articles, "FIRST_SPAN", 2)
    titles = {0: "solar solar solar", 3: "solar", 5: "solar", 7: "solar", 8: "plain"}
    ids = {d: await _save(store, f"{titles.get(d, 'plain')} {d}", d, "Chile") for d in range(9)}

    async def best(window: int, limit: int = 1) -> list[int]:
        monkeypatch.setattr(articles_mod, "SEARCH_WINDOW", window)
        return [r.id for r in await store.articles.search("solar", limit=limit)]

    assert await best(4) == [ids[0]]  # the newest 2 ids hold day 7 only; day 0 is further
    assert await best(10) == [ids[0]]
    assert ids[0] not in await best(3, limit=3)  # the window is days 3, 5 and 7


async def test_roles_are_grouped_and_capped(store: AnyStore) -> None:
    """A role stated in many articles is one line with its count and newest article."""
    minister = (Role(text="Finance Minister", org="Pakistan"),)
    ids = [await _save(store, f"r{d}", d, "@Aurangzeb", roles=minister) for d in range(5)]
    await _save(store, "adv", 9, "@Aurangzeb", roles=(Role(text="adviser"),))
    person = await store.entities.lookup("@Aurangzeb")
    assert person is not None
    rows = await store.entities.roles(person.id)
    assert [(r.text, r.org, r.articles) for r in rows] == [
        ("adviser", None, 1), ("Finance Minister", "Pakistan", 5)]
    assert rows[1].article_id == ids[-1]
    assert len(await store.entities.roles(person.id, limit=1)) == 1


async def test_an_alias_shared_by_two_entities_goes_to_the_most_mentioned(store: AnyStore) -> None:
    """When two entities of a group share an alias, a new mention joins the bigger one."""
    state = "Georgia (US state)"
    await sql_run(store, "INSERT INTO entities (id, name, type, grp, norm) VALUES"
                  " (10, 'Georgia', 'GPE', 'place', 'georgia'), (11, ?, 'GPE', 'place', ?)",
                  state, norm_name(state))
    await sql_run(store, "INSERT INTO entity_aliases (norm, grp, entity_id, alias) VALUES"
                  " ('georgia', 'place', 10, 'Georgia'), ('georgia', 'place', 11, 'Georgia'),"
                  " (?, 'place', 11, ?)", norm_name(state), state)
    await _save(store, "g1", 1, state)
    await _save(store, "g2", 2, "Georgia")
    assert await sql_value(
        store, "SELECT entity_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE a.uid = 'g2'") == 11


async def test_migration_004_backfills_a_store_written_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store at schema 003 gains article dates on every child row and the new indexes."""
    path = tmp_path / "old.db"
    everything = db_mod._migrations()
    monkeypatch.setattr(db_mod, "_migrations", lambda: [m for m in everything if m[0] < 4])
    old = await Store.open(path)
    with pytest.raises(sqlite3.OperationalError):  # the 003 schema has no article_at
        await old.db.fetchone("SELECT article_at FROM mentions")
    await old.db.conn.executescript(
        "INSERT INTO articles (id, uid, title, published, ingested_at, body, content_hash)"
        " VALUES (1, 'a', 'A', '2026-01-05T00:00:00+00:00', '2026-02-01T00:00:00+00:00', 'b', 'h'),"
        " (2, 'b', 'B', NULL, '2026-01-09T00:00:00+00:00', 'b', 'h');"
        "INSERT INTO entities (id, name, type, grp, norm) VALUES (1, 'X', 'GPE', 'place', 'x');"
        "INSERT INTO mentions (entity_id, article_id, count) VALUES (1, 1, 1), (1, 2, 1);"
        "INSERT INTO article_topics (article_id, topic, score) VALUES (1, 't', 1), (2, 't', 1);"
        "INSERT INTO figures (article_id, position, subject_id, value, unit, kind, text,"
        " sentence) VALUES (1, 0, 1, 5, 'BTC', 'crypto', '5 BTC', 's');")
    await old.close()
    monkeypatch.setattr(db_mod, "_migrations", lambda: everything)
    store = await Store.open(path)
    try:
        mentions = await store.db.fetchall(
            "SELECT article_id, article_at FROM mentions ORDER BY article_id")
        assert [tuple(r) for r in mentions] == [
            (1, "2026-01-05T00:00:00+00:00"), (2, "2026-01-09T00:00:00+00:00")]
        assert [r.id for r in await store.articles.latest("t", 5)] == [2, 1]
        figure = await store.db.fetchone("SELECT article_at FROM figures")
        assert figure is not None and figure[0] == "2026-01-05T00:00:00+00:00"
        plan = await store.db.fetchall("EXPLAIN QUERY PLAN " + articles_mod.LATEST_TOPIC_SQL,
                                       ("t", 5))
        assert any("article_topics_newest" in str(r[-1]) for r in plan)
    finally:
        await store.close()


async def test_get_many_keeps_the_order_asked_for(store: AnyStore) -> None:
    """Several articles in two queries, in the caller's order, unknown ids left out."""
    day_of = await _scrambled(store)
    ids = sorted(day_of)
    wanted = [ids[3], 999, ids[0], ids[3], ids[5]]
    got = await store.articles.get_many(wanted)
    assert [r.id for r in got] == [ids[3], ids[0], ids[5]]
    assert all(r.topics and r.topics[0].topic == "reserves" for r in got)
    assert got[1] == await store.articles.get(ids[0])
    assert await store.articles.get_many([]) == []
