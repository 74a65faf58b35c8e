"""A feed item as the article to ingest: the feed's text, or its page's when that is fetched
and longer (`FeedConfig.full_text`); built by the poller before a poll's batch is understood."""

from __future__ import annotations

import logging

from bot.domain.errors import FeedError
from bot.domain.models import ArticleIn
from bot.feeds.dedup import strip_tracking
from bot.feeds.extract import extract_article_async, needs_full_text
from bot.feeds.fetcher import HTML_ACCEPT, Fetcher
from bot.feeds.items import FeedItem
from bot.feeds.sandbox import limits_for
from bot.ingest import feed_rules as rules
from bot.settings import FeedConfig, FetchConfig

log = logging.getLogger("bot.ingest.polling")  # the poller's log, as before the split


async def item_article(fetcher: Fetcher, fetch_config: FetchConfig, feed: FeedConfig,
                       item: FeedItem, source: str) -> tuple[ArticleIn | None, str | None]:
    """The item as an article (with its page's text when that is fetched and longer), and
    a note when the page was refused (the item then keeps the feed's own text); None when the
    item has neither title nor text."""
    title, text, date = item.title, item.content or item.summary, rules.item_date(item)
    note = None
    if item.url and needs_full_text(item, feed.full_text):
        try:
            page_res = await fetcher.fetch(item.url, accept=HTML_ACCEPT)
            page = await extract_article_async(page_res.body, page_res.final_url,
                                               charset=page_res.charset,
                                               limits=limits_for(fetch_config))
        except FeedError as exc:
            log.info("full text of %s not fetched: %s", item.url, exc, extra={"feed": feed.url})
            page, note = None, f"full page not used: {exc}"
        if page is not None and len(page.text) > len(text):
            text, title, date = page.text, title or page.title, date or page.date
    if not title.strip() and not text.strip():
        return None, note
    title = title.strip() or text.strip().split("\n", 1)[0][:120]
    url = strip_tracking(item.url) if item.url else None
    return ArticleIn(url=url, title=title, text=text.strip() or title, date=date,
                     source=source, feed_url=feed.url, guid=item.guid), note
