"""Ingest: article in -> understood off the event loop -> stored -> new stories handed on."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.domain.models import Analysis, ArticleIn, TopicSpec
from bot.ingest.sources import content_hash
from bot.store.sqlite import Store

log = logging.getLogger(__name__)


class Understands(Protocol):
    """The async face of the NLP pipeline (bot.nlp.pool.AnalyzerPool)."""

    async def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec]) -> Analysis: ...


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one article."""

    article_id: int
    created: bool
    title: str
    topics: tuple[str, ...] = ()


NewArticleHook = Callable[[int], Awaitable[object]]
REPLAY_WINDOW = timedelta(hours=24)


def article_uid(article: ArticleIn) -> str:
    """Identity of an article: its canonical URL, else a hash of title and text."""
    if article.url:
        try:
            from bot.feeds.dedup import canonical_url

            return canonical_url(article.url)
        except Exception:
            return article.url.strip()
    return "sha256:" + content_hash(article.title, article.text)


class IngestService:
    """Store each article once, with its analysis, and notify listeners of new ones."""

    def __init__(
        self,
        store: Store,
        nlp: Understands,
        topics: Callable[[], Sequence[TopicSpec]],
        on_new: Sequence[NewArticleHook] = (),
    ) -> None:
        self.store = store
        self.nlp = nlp
        self._topics = topics
        self._on_new = list(on_new)
        self._replay = list(on_new)

    def add_listener(self, hook: NewArticleHook, *, replay: bool = True) -> None:
        """Call `hook(article_id)` after each newly stored article.

        Listeners with `replay` must be idempotent: when an article stored in the last
        `REPLAY_WINDOW` is ingested again (a poll re-fetched after a crash), they run again,
        so work a crash interrupted after the article was committed (its alerts, say) is done.
        """
        self._on_new.append(hook)
        if replay:
            self._replay.append(hook)

    async def ingest(self, article: ArticleIn, story_id: int | None = None) -> IngestOutcome:
        """Understand and store one article; re-ingesting the same article changes nothing.

        `story_id` links the article to an earlier article of the same story (near-duplicate).
        """
        uid = article_uid(article)
        existing = await self.store.articles.find_uid(uid)
        if existing is not None:
            if await self.store.articles.stored_within(existing[0], REPLAY_WINDOW):
                for hook in self._replay:
                    await hook(existing[0])
            return IngestOutcome(existing[0], False, article.title)
        analysis = await self.nlp.analyze(article, self._topics())
        article_id, created = await self.store.articles.save(
            article, uid=uid, content_hash=content_hash(article.title, article.text),
            analysis=analysis, story_id=story_id,
        )
        outcome = IngestOutcome(
            article_id, created, article.title, tuple(t.topic for t in analysis.topics)
        )
        if created:
            log.info("stored article", extra={"article_id": article_id, "topics": outcome.topics})
            for hook in self._on_new:
                await hook(article_id)
        return outcome

    async def ingest_many(self, articles: Sequence[ArticleIn]) -> list[IngestOutcome]:
        """Ingest articles in order."""
        return [await self.ingest(a) for a in articles]
