"""The store on both engines: idempotent saves, entity merging across articles, full-text
search (the outbox's tests: test_outbox_contract.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.models import Analysis, ArticleIn, EntityMention, Figure, Role, TopicMatch
from bot.store.sqlite import Store
from tests.store.engines import AnyStore, sql_value


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    """A migrated SQLite store on a temporary file (for calls only SQLite's outbox has)."""
    s = await Store.open(tmp_path / "t.db")
    yield s
    await s.close()


def _analysis(*entities: EntityMention, figures: tuple[Figure, ...] = (),
              topics: tuple[TopicMatch, ...] = ()) -> Analysis:
    return Analysis(sentences=("A sentence.",), entities=entities, figures=figures,
                    summary=("A sentence.",), topics=topics, clean_text="A sentence.")


async def _save(store: AnyStore, uid: str, analysis: Analysis, title: str = "T") -> int:
    article = ArticleIn(url=None, title=title, text="text " + uid)
    article_id, _ = await store.articles.save(article, uid=uid, content_hash=uid,
                                              analysis=analysis)
    return article_id


async def test_save_is_idempotent(store: AnyStore) -> None:
    """Saving the same uid twice keeps one article and reports it as not created."""
    a = _analysis(EntityMention(name="Pakistan", type="GPE"))
    first = await store.articles.save(ArticleIn(None, "T", "x"), uid="u1", content_hash="h",
                                      analysis=a)
    second = await store.articles.save(ArticleIn(None, "T", "x"), uid="u1", content_hash="h",
                                       analysis=a)
    assert first == (1, True) and second == (1, False)
    assert await sql_value(store, "SELECT COUNT(*) FROM mentions") == 1
    assert await sql_value(store, "SELECT COUNT(*) FROM articles") == 1


async def test_surname_in_a_later_article_merges(store: AnyStore) -> None:
    """"Bukele" alone in a second article joins Nayib Bukele from the first."""
    await _save(store, "a", _analysis(EntityMention(
        name="Nayib Bukele", type="PERSON", aliases=("Bukele",), mentions=3,
        roles=(Role(text="President", org="El Salvador"),))))
    await _save(store, "b", _analysis(EntityMention(name="Bukele", type="PERSON", mentions=2)))
    row = await store.entities.lookup("bukele")
    assert row is not None and row.name == "Nayib Bukele"
    total, articles = await store.entities.mention_stats(row.id)
    assert total == 5 and len(articles) == 2


async def test_same_name_different_type_groups_stay_apart(store: AnyStore) -> None:
    """A person and an organisation that share a name are different entities."""
    await _save(store, "a", _analysis(EntityMention(name="Lopez", type="PERSON")))
    await _save(store, "b", _analysis(EntityMention(name="Lopez", type="ORG")))
    assert await sql_value(store, "SELECT COUNT(*) FROM entities") == 2


async def test_figures_link_to_their_subject(store: AnyStore) -> None:
    """A figure's subject becomes the entity id, and topic figures are found by topic."""
    fig = Figure(value=6240, unit="BTC", text="6,240 BTC", sentence="s", kind="crypto",
                 subject="El Salvador", qualifier="more than")
    await _save(store, "a", _analysis(EntityMention(name="El Salvador", type="GPE"),
                                      figures=(fig,),
                                      topics=(TopicMatch("reserves", 3.0, ("reserve",)),)))
    row = await store.entities.lookup("El Salvador’s")
    assert row is not None
    about = await store.entities.figures_about(row.id)
    assert [(f.value, f.unit, f.qualifier) for f in about] == [
        (6240, "BTC", "more than")]
    assert len(await store.entities.figures_for_topic("reserves")) == 1
    assert await store.entities.figures_for_topic("legal-tender") == []


async def test_fts_search_uses_stemming(store: AnyStore) -> None:
    """Full-text search finds "reserves" for "reserve" and ignores unrelated articles."""
    await store.articles.save(ArticleIn(None, "Reserve news", "The national reserves grew."),
                              uid="a", content_hash="a", analysis=Analysis(
                                  (), (), (), (), clean_text="The national reserves grew."))
    await store.articles.save(ArticleIn(None, "Mining", "Hashrate rose."), uid="b",
                              content_hash="b", analysis=Analysis((), (), (), (),
                                                                  clean_text="Hashrate rose."))
    found = await store.articles.search('"reserve"')
    assert [a.title for a in found] == ["Reserve news"]
