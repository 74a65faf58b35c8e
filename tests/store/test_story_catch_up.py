"""Story linking across processes (bot.ingest.stories, `shared`): an article another process
stored after this one loaded its clusters still starts the story a near-copy joins."""

from __future__ import annotations

from bot.domain.models import Analysis, ArticleIn
from bot.ingest.stories import StoryLinker
from tests.store.engines import Engine

TEXT = ("The finance ministry of Ruritania said on Monday it will hold part of its reserves in"
        " bitcoin, buying coins over four years through the central bank, which will report the"
        " holdings every quarter to parliament and publish the custody rules in advance.")


async def _store_elsewhere(store: object, uid: str, text: str) -> int:
    analysis = Analysis(sentences=(text,), entities=(), figures=(), summary=(text,), topics=(),
                        clean_text=text)
    article_id, _ = await store.articles.save(
        ArticleIn(url=uid, title="Ruritania to hold bitcoin reserves", text=text),
        uid=uid, content_hash=uid, analysis=analysis)
    return int(article_id)


async def test_a_near_copy_joins_the_story_another_process_started(engine: Engine) -> None:
    other, here = engine.store, await engine.another_store()
    linker = StoryLinker(here, shared=True)
    assert await linker.load() == 0  # nothing stored yet when this process started
    first = await _store_elsewhere(other, "https://a.example/reserve", TEXT)
    copy = ArticleIn(url="https://b.example/reserve", title="Ruritania to hold bitcoin reserves",
                     text=TEXT.replace("Monday", "Monday afternoon"))
    uid, story = await linker.link(copy)
    assert uid == "https://b.example/reserve"
    assert story == first
    assert await linker.catch_up() == 0  # nothing new since


async def test_without_shared_only_what_was_loaded_counts(engine: Engine) -> None:
    other, here = engine.store, await engine.another_store()
    linker = StoryLinker(here)  # one process: it stored everything it knows itself
    await linker.load()
    await _store_elsewhere(other, "https://a.example/reserve", TEXT)
    _, story = await linker.link(ArticleIn(url="https://b.example/reserve", title="T",
                                           text=TEXT))
    assert story is None
