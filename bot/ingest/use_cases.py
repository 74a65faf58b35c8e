"""What the CLI (and seeding at start) does with the ingest pipeline: ingest already-read
articles, files and folders, a URL sniffed as feed or page, and import feeds from OPML.

Made once by `bot.app.build` from the parts it already built; `Runtime` only delegates."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.domain.errors import InvalidArgument
from bot.domain.models import ArticleIn
from bot.feeds.fetcher import Fetcher
from bot.feeds.opml import MAX_OPML_BYTES
from bot.feeds.parser import parse_feed_async
from bot.feeds.sandbox import JobLimits, limits_for
from bot.ingest.feed_admin import FeedAdmin
from bot.ingest.polling import FeedPoller
from bot.ingest.service import IngestBatch, IngestOutcome, IngestService
from bot.ingest.sources import (
    PAGE_OR_FEED_ACCEPT,
    expand_paths,
    feed_articles,
    looks_like_feed,
    read_html_article,
    read_path,
)
from bot.settings import FetchConfig

OPML_ACCEPT = "text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class IngestUseCases:
    """Ingest articles, paths and URLs and import OPML feed lists, through the one ingest
    service, the poller's stories, the shared fetcher and the feed admin."""

    def __init__(self, ingest: IngestService, poller: FeedPoller, fetcher: Fetcher,
                 feed_admin: FeedAdmin, fetch_config: Callable[[], FetchConfig]) -> None:
        self._ingest = ingest
        self._poller = poller
        self._fetcher = fetcher
        self._feed_admin = feed_admin
        self._fetch_config = fetch_config  # read per call: a reload swaps it

    async def ingest_articles(self, articles: Sequence[ArticleIn]) -> list[IngestOutcome]:
        """Ingest already-read articles as one batch (`ingest_batch`); near-duplicates join the
        story of an earlier one. When an article failed, the others are stored and then the
        first failure is raised."""
        batch = await self.ingest_batch(articles)
        if batch.failed:
            raise batch.failed[0].error
        return batch.outcomes

    async def ingest_batch(self, articles: Sequence[ArticleIn]) -> IngestBatch:
        """Ingest articles as one batch, understood through the pool's `analyze_many` and
        stored in order under their stories: a failing article fails alone, logged with its
        reason, and the others are stored."""
        if not self._poller.stories.loaded:
            await self._poller.start()
        stories, ingest = self._poller.stories, self._ingest
        return await ingest.ingest_many(articles, lambda a, an: stories.ingest(ingest, a, an))

    def read_limits(self) -> JobLimits:
        """The sandbox limits for reading a page or file (from `fetch`)."""
        return limits_for(self._fetch_config())

    async def ingest_paths(self, paths: Sequence[str | Path]) -> list[IngestOutcome]:
        """Ingest files and folders (txt, md, html, json, jsonl)."""
        articles: list[ArticleIn] = []
        for p in expand_paths(paths):
            articles.extend(await read_path(p, self.read_limits()))
        return await self.ingest_articles(articles)

    async def fetcher(self) -> Fetcher:
        """The one shared fetcher (and aiohttp session), started on first use."""
        await self._fetcher.start()
        return self._fetcher

    async def ingest_url(self, url: str) -> list[IngestOutcome]:
        """Fetch a URL through the guarded fetcher: a feed's items, or an article page."""
        fetcher = await self.fetcher()
        result = await fetcher.fetch(url, accept=PAGE_OR_FEED_ACCEPT)
        cfg = self._fetch_config()
        if looks_like_feed(result.body, result.content_type):
            parsed = await parse_feed_async(result.body, url=result.final_url,
                                            content_type=result.content_type,
                                            response_headers=result.headers,
                                            max_bytes=cfg.max_bytes, max_items=cfg.max_items,
                                            limits=limits_for(cfg))
            return await self.ingest_articles(feed_articles(parsed, result.final_url))
        article = await read_html_article(result.body, url, url=result.final_url,
                                          charset=result.charset, limits=limits_for(cfg))
        return await self.ingest_articles([article])

    async def import_feeds(self, source: str, topics: Sequence[str]
                           ) -> tuple[list[tuple[str, str, bool]], str]:
        """Add the feeds of an OPML file or URL (`policywire feeds import`); the outcome per
        feed, and where the list was read from."""
        if source.startswith(("http://", "https://")):
            result = await (await self.fetcher()).fetch(source, accept=OPML_ACCEPT)
            raw = result.body
        else:
            raw = await asyncio.to_thread(_read_opml_file, source)
        return await self._feed_admin.import_opml(raw, source, topics, added_by="cli"), source


def _read_opml_file(source: str) -> bytes:
    """A local OPML file's bytes, refused when missing or over MAX_OPML_BYTES."""
    path = Path(source)
    if not path.is_file():
        raise InvalidArgument(f"{source}: no such file")
    if path.stat().st_size > MAX_OPML_BYTES:
        raise InvalidArgument(f"{source}: larger than {MAX_OPML_BYTES} bytes; refused")
    return path.read_bytes()
