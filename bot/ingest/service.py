"""Ingest: article in -> understood off the event loop -> stored -> new stories handed on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol, TypeVar

from bot.domain.models import Analysis, ArticleIn, TopicSpec
from bot.ingest.sources import content_hash
from bot.store.repositories import Storage

log = logging.getLogger(__name__)
T = TypeVar("T")


class Understands(Protocol):
    """The async face of the NLP pipeline (bot.nlp.pool.AnalyzerPool)."""

    async def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec]) -> Analysis: ...

    async def analyze_many(self, articles: Sequence[ArticleIn],
                           topics: Sequence[TopicSpec]) -> list[Analysis]: ...


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one article."""

    article_id: int
    created: bool
    title: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An article of a batch that could not be understood or stored."""

    what: str  # its URL, else its title
    reason: str  # "ErrorType: message"
    error: Exception


@dataclass(slots=True)
class IngestBatch:
    """What happened to a batch: outcomes of the articles stored (or found), in input order,
    and the articles that failed alone."""

    outcomes: list[IngestOutcome] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)


NewArticleHook = Callable[[int], Awaitable[object]]
# Stores one article given its analysis (None: not analysed yet, or already stored).
StoreOne = Callable[[ArticleIn, Analysis | None], Awaitable[IngestOutcome]]
REPLAY_WINDOW = timedelta(hours=24)
CHUNK = 32  # articles per pool hop at most: big batches spread over the pool's workers


def chunked(items: Sequence[T], workers: int) -> list[list[T]]:
    """`items` in hops of at most `CHUNK`, as many hops as a multiple of `workers` and of even
    size, so the workers finish together (49 articles on 2 workers: 25 + 24, not 32 + 17,
    which left one worker idle half the time)."""
    if not items:
        return []
    workers = max(1, workers)
    hops = -(-len(items) // CHUNK)
    hops = -(-hops // workers) * workers
    size = -(-len(items) // hops)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


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
        store: Storage,
        nlp: Understands,
        topics: Callable[[], Sequence[TopicSpec]],
        on_new: Sequence[NewArticleHook] = (),
        *,
        once: Sequence[NewArticleHook] = (),
    ) -> None:
        """`on_new` listeners run after each newly stored article and again when it is
        re-ingested within `REPLAY_WINDOW` (see `add_listener`); `once` listeners (counters)
        run before them, for the first store only."""
        self.store = store
        self.nlp = nlp
        self._topics = topics
        self._on_new = [*once, *on_new]
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

    async def ingest(self, article: ArticleIn, story_id: int | None = None,
                     analysis: Analysis | None = None) -> IngestOutcome:
        """Understand and store one article; re-ingesting the same article changes nothing.

        `story_id` links the article to an earlier article of the same story (near-duplicate);
        `analysis`, when given, is the article's analysis made already (by `ingest_many`).
        """
        uid = article_uid(article)
        existing = await self.store.articles.find_uid(uid)
        if existing is not None:
            if await self.store.articles.stored_within(existing[0], REPLAY_WINDOW):
                for hook in self._replay:
                    await hook(existing[0])
            return IngestOutcome(existing[0], False, article.title)
        if analysis is None:
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

    async def ingest_many(self, articles: Sequence[ArticleIn],
                          store_one: StoreOne | None = None) -> IngestBatch:
        """Ingest a batch in order, understood through `analyze_many` (one pool hop per
        `CHUNK` articles, the chunks side by side) and stored one by one as `ingest` does.

        Articles already stored, and repeats within the batch (same URL or same text), are not
        analysed: `ingest` finds them stored. A bad article fails alone, logged and listed in
        `failed`; the others are stored. `store_one` stores an article with its analysis
        (default `ingest`; the app passes its story linker's).
        """
        items = list(articles)
        store = store_one or (lambda a, an: self.ingest(a, analysis=an))
        analyses = await self.understand(items)
        batch = IngestBatch()
        for k, article in enumerate(items):
            got = analyses.get(k)
            if isinstance(got, Exception):
                batch.failed.append(_failure(article, got))
                continue
            try:
                batch.outcomes.append(await store(article, got))
            except Exception as exc:  # one bad article must not stop the batch
                batch.failed.append(_failure(article, exc))
        return batch

    async def understand(self, articles: Sequence[ArticleIn]
                         ) -> dict[int, Analysis | Exception]:
        """The analyses of a batch by index, made through `analyze_many` (one pool hop per
        `CHUNK` articles): only for articles not stored yet and first of their uid in the batch
        (the others are absent; `ingest` finds them stored). An article that cannot be
        understood maps to its exception; the others are unaffected."""
        items = list(articles)
        return await self._analyses(items, await self._fresh(items))

    async def _fresh(self, items: Sequence[ArticleIn]) -> list[int]:
        """Indices of the articles to analyse: first of their uid in the batch, not stored."""
        seen: set[str] = set()
        out = []
        for k, article in enumerate(items):
            uid = article_uid(article)
            if uid not in seen and await self.store.articles.find_uid(uid) is None:
                out.append(k)
            seen.add(uid)
        return out

    async def _analyses(self, items: Sequence[ArticleIn], wanted: Sequence[int]
                        ) -> dict[int, Analysis | Exception]:
        topics = self._topics()
        # a pool says how many workers it has; a stand-in without `workers` counts as one
        chunks = chunked(wanted, int(getattr(self.nlp, "workers", 1)))

        async def chunk(ks: list[int]) -> dict[int, Analysis | Exception]:
            try:
                got = await self.nlp.analyze_many([items[k] for k in ks], topics)
                return dict(zip(ks, got, strict=True))
            except Exception:  # find the bad article: the chunk's articles one by one
                log.warning("batch analysis failed; analysing its %d articles one by one",
                            len(ks), exc_info=True)
            out: dict[int, Analysis | Exception] = {}
            for k in ks:
                try:
                    out[k] = await self.nlp.analyze(items[k], topics)
                except Exception as exc:
                    out[k] = exc
            return out

        merged: dict[int, Analysis | Exception] = {}
        for part in await asyncio.gather(*(chunk(ks) for ks in chunks)):
            merged.update(part)
        return merged


def _failure(article: ArticleIn, exc: Exception) -> IngestFailure:
    what = article.url or article.title
    log.error("could not ingest %r", what, extra={"article": what},
              exc_info=(type(exc), exc, exc.__traceback__))
    return IngestFailure(what, f"{type(exc).__name__}: {exc}", exc)
