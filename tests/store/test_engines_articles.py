"""The article, entity, series and retention calls give the same answers on SQLite and on
PostgreSQL (the `store` fixture runs each test on both): search, reads of one article and
of its entities, figure series with their alerts, and pruning."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import InvalidArgument
from bot.domain.models import Analysis, ArticleIn, EntityMention, Figure, Role, TopicMatch
from bot.services.queries import QueryService
from bot.store.entities import EntityRow
from bot.store.outbox import Outgoing
from bot.store.series import Observation
from tests.store.engines import AnyStore, sql_run, sql_value

NOW = datetime.now(UTC).replace(microsecond=0)


def just_now(moment: datetime) -> bool:
    """Whether `moment` is within a minute of the clock now (NOW is the module's import time,
    which a slow run leaves minutes behind)."""
    return abs(moment - datetime.now(UTC)) < timedelta(minutes=1)


async def _article(store: AnyStore, uid: str, title: str, body: str, *,
                   published: datetime | None = None, topics: tuple[str, ...] = ("reserves",),
                   entities: tuple[EntityMention, ...] = (), figures: tuple[Figure, ...] = (),
                   source: str | None = None, story_id: int | None = None) -> int:
    analysis = Analysis(sentences=(body,), entities=entities, figures=figures,
                        summary=(body,), clean_text=body,
                        topics=tuple(TopicMatch(t, 1.0, ("reserve",), ("X",)) for t in topics))
    article_id, created = await store.articles.save(
        ArticleIn(url=f"https://news.example/{uid}", title=title, text=body, date=published,
                  source=source),
        uid=uid, content_hash="h-" + uid, analysis=analysis, story_id=story_id)
    assert created
    return article_id


async def test_search_stems_and_weighs_a_title_above_a_body(store: AnyStore) -> None:
    in_body = await _article(store, "b", "Mining news", "Lawmakers debated the reserves bill.")
    in_title = await _article(store, "t", "Reserve bill passes", "Lawmakers voted on Monday.")
    await _article(store, "x", "Hashrate", "Miners moved to Texas.")
    assert [r.id for r in await store.articles.search("reserve")] == [in_title, in_body]
    assert [r.id for r in await store.articles.search("reserves BILLS")] == [in_title, in_body]
    assert [r.id for r in await store.articles.search("reserve Texas")] == []  # every word
    assert [r.id for r in await store.articles.search("reserve", limit=1)] == [in_title]


@pytest.mark.parametrize("query", [
    "", "   ", '"', '""', "'", '"reserve', "reserve*", "*", "-reserve", "reserve OR",
    "AND OR NOT", "NEAR(reserve bill)", "(reserve", "title:reserve", "reserve & | ! <->",
    "\\", ":* reserve", "^reserve", "reserve -- ;DROP TABLE articles;", "😀 réserve", "a" * 500,
])
async def test_hostile_search_queries_never_raise(store: AnyStore, query: str) -> None:
    article = await _article(store, "r", "Reserve bill", "The reserve bill passed.")
    found = await store.articles.search(query)
    assert all(r.id == article for r in found)
    if query in ('"reserve', "reserve*", "-reserve", "(reserve", "^reserve", ":* reserve",
                 "reserve & | ! <->"):
        assert [r.id for r in found] == [article]  # the word counts, the rest is noise
    assert await sql_value(store, "SELECT COUNT(*) FROM articles") == 1


async def test_one_articles_reads(store: AnyStore) -> None:
    day = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    fig = Figure(value=6240, unit="BTC", text="6,240 BTC", sentence="It holds 6,240 BTC.",
                 kind="crypto", subject="El Salvador", qualifier="more than",
                 measure="BTC holdings")
    first = await _article(store, "a", "Salvador buys", "El Salvador buys bitcoin.",
                           published=day, source="Outlet A", figures=(fig,),
                           entities=(EntityMention("El Salvador", "GPE", ("Salvador",),
                                                   mentions=3),))
    second = await _article(store, "b", "Follow-up", "More on it.", story_id=first,
                            source="Outlet B")
    rec = await store.articles.get(first)
    assert rec is not None
    assert (rec.title, rec.date, rec.source, rec.summary) == (
        "Salvador buys", day, "Outlet A", ("El Salvador buys bitcoin.",))
    assert rec.topics == (TopicMatch("reserves", 1.0, ("reserve",), ("X",)),)
    assert rec.ingested_at is not None and just_now(rec.ingested_at)
    assert await store.articles.by_url("https://news.example/a") == rec
    assert await store.articles.by_url("b") == await store.articles.get(second)
    assert await store.articles.find_uid("a") == (first, "h-a")
    assert await store.articles.find_uid("nope") is None
    assert await store.articles.story_sources(first, exclude=first) == ["Outlet B"]
    texts = [(first, "a", "Salvador buys\nEl Salvador buys bitcoin."),
             (second, "b", "Follow-up\nMore on it.")]
    assert await store.articles.newest_texts(5) == texts
    assert await store.articles.newest_texts(1) == texts[1:]
    assert await store.articles.texts_after(first, 5) == texts[1:]
    [card] = await store.articles.card_figures(first)
    assert (card.value, card.unit, card.qualifier, card.subject, card.measure) == (
        6240, "BTC", "more than", "El Salvador", "BTC holdings")
    assert await store.articles.stored_within(first, timedelta(hours=1))
    await sql_run(store, "UPDATE articles SET ingested_at = ? WHERE id = ?",
                  NOW - timedelta(days=3), first)
    assert not await store.articles.stored_within(first, timedelta(days=2))
    assert not await store.articles.alerted(first)
    await store.articles.mark_alerted(first)
    await store.articles.mark_alerted(first)
    assert await store.articles.alerted(first) and not await store.articles.alerted(second)
    [about] = await store.entities.figures_about((await _lookup(store, "Salvador")).id)
    assert (about.article_id, about.published, about.relation) == (
        first, "2026-03-04T05:06:07+00:00", "subject")


async def _lookup(store: AnyStore, name: str) -> EntityRow:
    row = await store.entities.lookup(name)
    assert row is not None
    return row


async def test_topic_counts_and_latest(store: AnyStore) -> None:
    old = await _article(store, "o", "Old", "x", published=datetime(2025, 1, 1, tzinfo=UTC),
                         topics=("reserves", "mining"))
    new = await _article(store, "n", "New", "y", published=datetime(2025, 6, 1, tzinfo=UTC))
    undated = await _article(store, "u", "Undated", "z", topics=("mining",))
    assert await store.articles.topic_counts() == {"reserves": 2, "mining": 2}
    assert [r.id for r in await store.articles.latest()] == [undated, new, old]
    assert [r.id for r in await store.articles.latest("mining")] == [undated, old]
    assert await store.articles.latest("nothing") == []


async def test_entity_names_roles_and_aliases(store: AnyStore) -> None:
    minister = Role(text="Finance Minister", org="Pakistan", sentence="s")
    first = await _article(store, "a", "A", "a", entities=(
        EntityMention("Muhammad Aurangzeb", "PERSON", ("Aurangzeb",), (minister,), 2),
        EntityMention("Pakistan", "GPE")))
    await _article(store, "b", "B", "b", entities=(
        EntityMention("Aurangzeb", "PERSON", ("Mr Aurangzeb",), (minister,)),))
    person = await _lookup(store, "aurangzeb")
    assert (person.name, person.type) == ("Muhammad Aurangzeb", "PERSON")
    assert await store.entities.aliases(person.id) == ["Aurangzeb", "Mr Aurangzeb"]
    assert [(r.text, r.org, r.articles) for r in await store.entities.roles(person.id)] == [
        ("Finance Minister", "Pakistan", 2)]
    assert sorted(await store.entities.canonical_names()) == [
        ("Muhammad Aurangzeb", 3), ("Pakistan", 1)]
    assert ("Mr Aurangzeb", "Muhammad Aurangzeb", 3) in await store.entities.all_names()
    assert sorted(await store.entities.article_names(first)) == [
        ("Aurangzeb", "Muhammad Aurangzeb", 3), ("Mr Aurangzeb", "Muhammad Aurangzeb", 3),
        ("Muhammad Aurangzeb", "Muhammad Aurangzeb", 3), ("Pakistan", "Pakistan", 1)]
    assert await store.entities.related(person.id) == ["Pakistan"]


def _observation(subject_id: int, value: float, day: str, figure_id: int | None,
                 article_id: int | None) -> Observation:
    return Observation(
        subject_id=subject_id, measure_key="btc holdings", measure="BTC holdings",
        explicit=True, unit="BTC", value=value, value_high=None, qualifier=None, kind="crypto",
        text=f"{value} BTC", sentence="s", source="Outlet", title="T", url=None,
        observed_on=day, article_id=article_id, figure_id=figure_id)


async def test_series_record_once_with_alerts_and_history(store: AnyStore) -> None:
    fig = Figure(value=6240, unit="BTC", text="6,240 BTC", sentence="s", kind="crypto",
                 subject="El Salvador", measure="BTC holdings")
    article = await _article(store, "a", "A", "a", figures=(fig, fig), source="Outlet",
                             published=datetime(2026, 2, 1, 9, tzinfo=UTC),
                             entities=(EntityMention("El Salvador", "GPE"),))
    [(tracked, ingested_at)] = await store.series.untracked_articles()
    assert tracked == article
    assert just_now(datetime.fromisoformat(ingested_at))
    assert ingested_at.endswith("+00:00") and "T" in ingested_at  # the same text on both
    todo = await store.series.untracked_figures(article)
    assert [(f.position, f.value, f.published) for f in todo] == [
        (0, 6240, "2026-02-01T09:00:00+00:00"), (1, 6240, "2026-02-01T09:00:00+00:00")]
    subject = todo[0].subject_id
    assert await store.series.subject_name(subject) == "El Salvador"
    assert await store.series.subject_name(99999) == "#99999"
    alert = Outgoing(key="series:1", article_id=article, platform="slack", channel_id="C",
                     kind="figure", card='{"title": "t"}')
    observations = [_observation(subject, 6240, "2026-02-01", todo[0].figure_id, article),
                    _observation(subject, 6300, "2026-02-03", todo[1].figure_id, article)]
    assert await store.series.record(observations, [alert]) == ["pending"]
    assert await store.series.record(observations, [alert]) == []  # a re-run adds nothing
    assert await store.series.untracked_figures(article) == []
    assert await store.series.untracked_articles() == []
    series = await store.series.series(subject, "btc holdings", "BTC")
    assert [(o.value, o.observed_on, o.explicit, o.dated) for o in series] == [
        (6240, "2026-02-01", True, True), (6300, "2026-02-03", True, True)]
    [history] = await store.series.history(subject)
    assert (history.label, history.unit) == ("BTC holdings", "BTC")
    assert [o.value for o in history.observations] == [6300, 6240]
    assert await store.deliveries.counts() == {"pending": 1}


async def test_prune_takes_old_articles_and_finished_deliveries(store: AnyStore) -> None:
    ent = (EntityMention("El Salvador", "GPE"),)
    fig = (Figure(value=1, unit="BTC", text="1 BTC", sentence="s", kind="crypto",
                  subject="El Salvador"),)
    old = await _article(store, "old", "Zanzibarian note", "An old reserve.",
                         published=NOW - timedelta(days=401), entities=ent, figures=fig)
    kept_story = await _article(store, "story", "Story head", "Old but cited.",
                                published=NOW - timedelta(days=402))
    recent = await _article(store, "new", "Recent reserve bill", "A reserve bill passed.",
                            published=NOW - timedelta(days=3), story_id=kept_story,
                            entities=ent, figures=fig)
    held = await _article(store, "held", "Held", "Waiting to be sent.",
                          published=NOW - timedelta(days=500))
    for aid in (old, kept_story, held):
        await sql_run(store, "UPDATE articles SET ingested_at = ? WHERE id = ?",
                      NOW - timedelta(days=400), aid)
    args = {"platform": "slack", "channel_id": "C", "kind": "article", "card": "{}"}
    await store.outbox.enqueue([Outgoing(key="old-sent", article_id=old, **args)])
    await store.outbox.enqueue([Outgoing(key="old-held", article_id=held, state="held", **args)])
    await store.outbox.enqueue([Outgoing(key="new-sent", article_id=recent, **args)])
    await sql_run(store, "UPDATE deliveries SET state = 'sent', created_at = ?, sent_at = ?"
                  " WHERE key = 'old-sent'", NOW - timedelta(days=400), NOW - timedelta(days=399))
    await sql_run(store, "UPDATE deliveries SET created_at = ? WHERE key = 'old-held'",
                  NOW - timedelta(days=450))
    await sql_run(store, "UPDATE deliveries SET state = 'sent', sent_at = ? WHERE key = 'new-sent'",
                  NOW)
    counts = await store.prune(30)
    assert counts == {"articles": 1, "deliveries": 1, "article_topics": 1, "mentions": 1,
                      "roles": 0, "figures": 1}
    assert await store.articles.get(old) is None
    assert all([await store.articles.get(i) for i in (kept_story, recent, held)])
    assert await store.articles.search("Zanzibarian") == []
    assert [r.id for r in await store.articles.search("reserve bill")] == [recent]
    salvador = await _lookup(store, "El Salvador")
    assert [f.article_id for f in await store.entities.figures_about(salvador.id)] == [recent]
    assert await store.deliveries.counts() == {"held": 1, "sent": 1}
    assert await store.prune(30) == {"articles": 0, "deliveries": 0, "article_topics": 0,
                                     "mentions": 0, "roles": 0, "figures": 0}
    await store.optimize()
    with pytest.raises(ValueError):
        await store.prune(0)


async def test_articles_saved_at_once_share_their_new_entities(store: AnyStore) -> None:
    """Saves running together (PostgreSQL: on separate connections, as separate processes
    would) that name the same new entities end with one entity each, counted in full."""
    async def save(i: int) -> int:
        return await _article(store, f"c{i}", f"Together {i}", "Both named.", entities=(
            EntityMention("Nayib Bukele", "PERSON", ("Bukele",)), EntityMention("Bhutan", "GPE")))

    ids = await asyncio.gather(*(save(i) for i in range(8)))
    assert len(set(ids)) == 8
    assert await sql_value(store, "SELECT COUNT(*) FROM entities") == 2
    bukele = await _lookup(store, "Bukele")
    assert (await store.entities.mention_stats(bukele.id, limit=10))[0] == 8


async def test_a_figure_is_listed_under_every_entity_it_concerns(store: AnyStore) -> None:
    fine = Figure(value=4e6, unit="GBP", text="£4m", sentence="The FCA fined Binance £4m.",
                  kind="money", subject="Binance", measure="fine",
                  also=(("Financial Conduct Authority", "imposed by"), ("Nobody Known", "x")))
    article = await _article(store, "f", "Fine", "The FCA fined Binance.", figures=(fine,),
                             entities=(EntityMention("Binance", "ORG"),
                                       EntityMention("Financial Conduct Authority", "ORG")))
    binance = await _lookup(store, "Binance")
    fca = await _lookup(store, "Financial Conduct Authority")
    [own] = await store.entities.figures_about(binance.id)
    [imposed] = await store.entities.figures_about(fca.id)
    assert (own.relation, own.article_id, own.title) == ("subject", article, "Fine")
    assert (imposed.relation, imposed.value, imposed.subject) == ("imposed by", 4e6, "Binance")
    assert [f.relation for f in await store.entities.figures_for_topic("reserves")] == [
        "subject"]


async def test_the_search_command_answers_on_both_engines(store: AnyStore) -> None:
    """/search goes through QueryService with the user's text as typed."""
    article = await _article(store, "q", "Reserve bill passes", "Lawmakers voted.")
    queries = QueryService(store, lambda: ())  # type: ignore[arg-type]  (a Store or PgStore)
    for typed in ('reserve "bill', "bills: reserve*", "RESERVES, bill!"):
        assert [item.id for item in await queries.search(typed)] == [article]
    with pytest.raises(InvalidArgument):
        await queries.search(' "" -- ')


async def test_figures_of_a_name_typed_two_ways_are_listed_together(store: AnyStore) -> None:
    """One article types "Sainsbury" a person, another an organisation: two entities (type
    groups never merge), one name a user asks about, so `/figures` lists both's figures."""
    as_person = Figure(value=10, unit="%", text="10 per cent", kind="percent",
                       sentence="Sainsbury's homes were worth 10 per cent more.",
                       subject="Sainsbury", measure="premium")
    as_firm = Figure(value=1.3e9, unit="GBP", text="£1.3bn", kind="money",
                     sentence="Sainsbury's made a £1.3bn bid.", subject="Sainsbury", measure="bid")
    older = await _article(store, "p", "Homes", "Sainsbury's homes.", figures=(as_person,),
                           published=NOW - timedelta(days=1),
                           entities=(EntityMention("Sainsbury", "PERSON"),))
    newer = await _article(store, "o", "Bid", "Sainsbury's bid.", figures=(as_firm,),
                           published=NOW, entities=(EntityMention("Sainsbury", "ORG"),))
    other = await _article(store, "x", "Tesco", "Tesco grew.", entities=(
        EntityMention("Tesco", "ORG"),), figures=(Figure(
            value=5, unit="%", text="5%", kind="percent", sentence="Tesco grew 5%.",
            subject="Tesco"),))
    assert await sql_value(store, "SELECT COUNT(*) FROM entities WHERE norm = 'sainsbury'") == 2
    row = await _lookup(store, "Sainsbury's")
    about = await store.entities.figures_about(row.id)
    assert [(f.article_id, f.value) for f in about] == [(newer, 1.3e9), (older, 10)]
    tesco = await _lookup(store, "Tesco")
    assert [f.article_id for f in await store.entities.figures_about(tesco.id)] == [other]
