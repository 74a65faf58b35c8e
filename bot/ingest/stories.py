"""Story linking across feeds: near-duplicate articles share the first article's story id.

`StoryLinker.link(article)` asks the MinHash clusterer which earlier article tells the same story
and returns that article's story id for `IngestService.ingest(article, story_id=...)`. While an
earlier article of the cluster is still being understood (concurrent polls), later ones wait for
it, so one story never starts twice. When a story grows, alert cards still waiting in the outbox
are rebuilt so they list the other outlets ("also reported by").
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque

from bot.domain.models import Analysis, ArticleIn
from bot.feeds.dedup import StoryClusterer
from bot.ingest.events import ArticleEvents
from bot.ingest.service import IngestOutcome, IngestService, article_uid
from bot.store.repositories import Storage

log = logging.getLogger(__name__)


def story_text(article: ArticleIn) -> str:
    """What the clusterer compares: title and text."""
    return f"{article.title}\n{article.text}"


class StoryLinker:
    """Assigns story ids with a `StoryClusterer`; keeps at most `max_stories` in memory."""

    def __init__(self, store: Storage, clusterer: StoryClusterer | None = None, *,
                 events: ArticleEvents | None = None, max_stories: int = 5000,
                 shared: bool = False) -> None:
        self.store = store
        # `shared`: other processes store articles too (PostgreSQL); before each link, the
        # articles they stored since the last look are added to the clusters.
        self.shared = shared
        self._seen_id = 0
        self._catching_up = asyncio.Lock()
        self.clusterer = clusterer or StoryClusterer()
        self.events = events
        self.max_stories = max_stories
        self._order: deque[str] = deque()
        self._pending: dict[str, asyncio.Future[int | None]] = {}
        self.loaded = False  # whether `load` has run (stored stories are in the clusterer)

    async def load(self, limit: int = 2000) -> int:
        """Rebuild the clusterer from the newest `limit` stored articles (in a thread)."""
        texts = await self.store.articles.newest_texts(limit)
        pairs = [(uid, text) for _, uid, text in texts]
        await asyncio.to_thread(self.clusterer.rebuild, pairs)
        self._order = deque(uid for uid, _ in pairs)
        self._seen_id = max((i for i, _, _ in texts), default=0)
        self.loaded = True
        return len(pairs)

    async def catch_up(self, batch: int = 10) -> int:
        """Add to the clusters the articles other processes stored since the last look; how
        many were new here. Each article costs what `link` costs for one (a MinHash), and the
        loop is given back after every `batch`, so a long gap never stalls it (the clusterer
        is only ever touched from the loop: no thread races `link`)."""
        async with self._catching_up:
            added = 0
            while rows := await self.store.articles.texts_after(self._seen_id, batch):
                self._seen_id = rows[-1][0]
                for _, uid, text in rows:
                    if uid not in self.clusterer:
                        self._remember(uid)
                        self.clusterer.add(uid, text)
                        added += 1
                if len(rows) < batch:
                    break
                await asyncio.sleep(0)
            return added

    def _remember(self, uid: str) -> None:
        if uid in self.clusterer:
            return
        self._order.append(uid)
        while len(self._order) >= self.max_stories:
            self.clusterer.remove(self._order.popleft())

    async def link(self, article: ArticleIn) -> tuple[str, int | None]:
        """(uid, story id to store the article under, or None when it starts a story)."""
        uid = article_uid(article)
        if self.shared:
            await self.catch_up()
        self._remember(uid)
        root = self.clusterer.add(uid, story_text(article))
        if root is None:
            if uid not in self._pending:
                self._pending[uid] = asyncio.get_running_loop().create_future()
            return uid, None
        pending = self._pending.get(root)
        if pending is not None:
            root_id = await asyncio.shield(pending)
        else:
            found = await self.store.articles.find_uid(root)
            root_id = found[0] if found else None
        if root_id is None:
            return uid, None
        record = await self.store.articles.get(root_id)
        if record is None:
            return uid, None
        return uid, record.story_id or record.id

    async def ingest(self, ingest: IngestService, article: ArticleIn,
                     analysis: Analysis | None = None) -> IngestOutcome:
        """Ingest `article` under its story: link, store, settle waiters, refresh cards.
        `analysis`: the article's, when made already (a batch)."""
        uid, story_id = await self.link(article)
        try:
            outcome = await ingest.ingest(article, story_id=story_id, analysis=analysis)
        except BaseException:
            self.settle(uid, None)
            raise
        self.settle(uid, outcome.article_id)
        if outcome.created and story_id is not None:
            try:
                if self.events is not None:
                    await self.events.story_grew(story_id)
            except Exception:
                log.exception("could not refresh alert cards of story %s", story_id)
        return outcome

    def settle(self, uid: str, article_id: int | None) -> None:
        """The article `uid` was stored as `article_id` (None: it was not stored)."""
        fut = self._pending.pop(uid, None)
        if fut is not None and not fut.done():
            fut.set_result(article_id)
