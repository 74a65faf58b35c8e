"""A name spaCy tags ORG in a later article, but which is a known person's partial name
(each test on SQLite and on PostgreSQL)."""

from __future__ import annotations

from bot.domain.models import Analysis, ArticleIn, EntityMention
from tests.store.engines import AnyStore, sql_value


async def _save(store: AnyStore, uid: str, *entities: EntityMention) -> None:
    analysis = Analysis(sentences=("One line.",), entities=entities, figures=(),
                        summary=("One line.",), clean_text="One line.")
    await store.articles.save(ArticleIn(url=None, title=uid, text="body " + uid), uid=uid,
                              content_hash=uid, analysis=analysis)


async def _entity_count(store: AnyStore) -> int:
    return int(await sql_value(store, "SELECT COUNT(*) FROM entities"))


async def test_org_tag_of_a_persons_surname_joins_that_person(store: AnyStore) -> None:
    """A surname first seen on a PERSON, later tagged ORG, counts as that person."""
    await _save(store, "first",
                EntityMention("Amira Del Castro", "PERSON", ("Castro",), mentions=2))
    await _save(store, "second", EntityMention("Castro", "ORG", (), mentions=1),
                EntityMention("Lisbon", "GPE"))
    row = await store.entities.lookup("Castro")
    assert row is not None and (row.name, row.type) == ("Amira Del Castro", "PERSON")
    total, articles = await store.entities.mention_stats(row.id)
    assert total == 3 and len(articles) == 2
    assert await _entity_count(store) == 2


async def test_place_named_like_a_surname_stays_a_place(store: AnyStore) -> None:
    """Only organisation tags fall back to a person; a GPE keeps its own entity."""
    await _save(store, "first", EntityMention("Tomas Jordan", "PERSON", ("Jordan",)))
    await _save(store, "second", EntityMention("Jordan", "GPE"))
    assert await _entity_count(store) == 2
    row = await store.entities.lookup("Jordan")
    assert row is not None and row.type == "GPE"


async def test_surname_shared_by_two_people_is_not_guessed(store: AnyStore) -> None:
    """Two people answering to the same surname: an ORG tag of it stays its own entity."""
    await _save(store, "a", EntityMention("Lena Moreau", "PERSON", ("Moreau",)))
    await _save(store, "b", EntityMention("Paul Moreau", "PERSON"))
    await _save(store, "c", EntityMention("Paul Moreau", "PERSON", ("Moreau",)))
    assert await _entity_count(store) == 2
    await _save(store, "d", EntityMention("Moreau", "ORG"))
    assert await _entity_count(store) == 3


async def test_org_equal_to_a_one_word_person_is_not_merged(store: AnyStore) -> None:
    """A one-word PERSON (often a mis-tag itself) does not swallow an ORG of that name."""
    await _save(store, "a", EntityMention("Tether", "PERSON"))
    await _save(store, "b", EntityMention("Tether", "ORG", (), mentions=4))
    assert await _entity_count(store) == 2


async def test_known_org_of_that_name_wins_over_the_person(store: AnyStore) -> None:
    """When the ORG group already has the name, the article joins that organisation."""
    await _save(store, "a", EntityMention("Gulf Ridge", "ORG", ("Ridge",)))
    await _save(store, "b", EntityMention("Sam Ridge", "PERSON", ("Ridge",)))
    await _save(store, "c", EntityMention("Ridge", "ORG"))
    assert await sql_value(
        store, "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " JOIN articles a ON a.id = m.article_id WHERE a.uid = 'c'") == "Gulf Ridge"


async def test_lookup_prefers_the_person_when_the_org_came_first(store: AnyStore) -> None:
    """Ingested the other way round, the stray ORG stays, but the name answers the person."""
    await _save(store, "a", EntityMention("Castro", "ORG", (), mentions=1))
    await _save(store, "b",
                EntityMention("Amira Del Castro", "PERSON", ("Castro",), mentions=3))
    row = await store.entities.lookup("castro")
    assert row is not None and row.name == "Amira Del Castro"
    exact = await store.entities.lookup("Amira Del Castro")
    assert exact is not None and exact.id == row.id
