"""Feed parsing: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, RDF via feedparser (bytes only), JSON Feed.

Safety: the body is size-bounded, entity declarations are refused and DOCTYPE internal subsets
stripped before feedparser sees anything, deep nesting and attribute floods are refused and only
the first `max_items` items are read (`bot.feeds.structure`), and item texts are clipped.
`parse_feed_async` runs the whole parse in a sandboxed child process (`bot.feeds.sandbox`), so
the event loop never waits on it and a parse past its CPU or memory budget is really stopped.
"""

from __future__ import annotations

import calendar
import io
import logging
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.feeds.dedup import content_fingerprint, item_key
from bot.feeds.errors import FeedError, TooLarge
from bot.feeds.items import (
    MAX_ITEMS,
    FeedItem,
    ParsedFeed,
    clip_text,
    clip_title,
    html_to_text,
    too_many_items,
)
from bot.feeds.jsonfeed import looks_like_json, parse_json_feed
from bot.feeds.sandbox import JobLimits, shared_sandbox
from bot.feeds.structure import bound_structure
from bot.feeds.xmlsafety import alternate_feed, defuse, root_element

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 10 * 1024 * 1024
_HTML_TYPES = ("html", "xhtml")
# feedparser's HTML sanitiser and relative-URI rewriting only reshape markup that `html_to_text`
# drops anyway (item links are joined to the feed URL in `_item`); off, a parse costs about half.
FEEDPARSER_OPTIONS: Mapping[str, bool] = {"sanitize_html": False, "resolve_relative_uris": False}
# The settings used before (feedparser's defaults), kept for the corpus comparison and bench/perf.
LEGACY_FEEDPARSER_OPTIONS: Mapping[str, bool] = {"sanitize_html": True,
                                                 "resolve_relative_uris": True}


def _dt(parsed: time.struct_time | None) -> datetime | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _entry_link(entry: Any) -> str:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links", []):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                return str(candidate["href"])
    return str(link)


def _title(node: Any) -> str:
    """A feed's or an entry's title as plain text (markup of an HTML-typed title dropped)."""
    title = node.get("title") or ""
    ctype = (node.get("title_detail") or {}).get("type") or ""
    if any(t in ctype for t in _HTML_TYPES):
        title = html_to_text(title).replace("\n", " ")
    return title.strip()


def _content(entry: Any) -> str:
    blocks = entry.get("content") or []
    for block in blocks:
        value = block.get("value") or ""
        if value.strip():
            ctype = block.get("type", "")
            return html_to_text(value) if any(t in ctype for t in _HTML_TYPES) else value.strip()
    return ""


def _item(entry: Any, url: str, dropped: list[tuple[str, str]]) -> FeedItem | None:
    title = _title(entry)
    link = _entry_link(entry).strip()
    guid = (entry.get("id") or "").strip() or None
    what = title or link or guid or "untitled item"
    if link:
        link = urljoin(url, link)
        if urlsplit(link).scheme.lower() not in ("http", "https"):
            log.info("dropped item %r of %s: link %r is not http(s)", what, url, link[:80])
            dropped.append((what, f"link {link[:80]!r} is not http(s)"))
            return None
    content = _content(entry)
    return FeedItem(
        guid=guid,
        url=link or None,
        title=clip_title(title),
        summary=clip_text(html_to_text(entry.get("summary") or "")),
        content=clip_text(content),
        published=_dt(entry.get("published_parsed")),
        updated=_dt(entry.get("updated_parsed")),
        author=(entry.get("author") or "").strip() or None,
        has_full_text=bool(content),
    )


def _headers(url: str, content_type: str | None, given: Mapping[str, str] | None) -> dict[str, str]:
    headers = {k.lower(): v for k, v in (given or {}).items()}
    if content_type and "content-type" not in headers:
        headers["content-type"] = content_type
    headers.setdefault("content-location", url)
    # feedparser must not act on transfer metadata: the body we give it is already decoded.
    headers.pop("content-encoding", None)
    return headers


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def feedparser_parse(
    body: bytes, headers: dict[str, str], options: Mapping[str, bool] = FEEDPARSER_OPTIONS
) -> Any:
    """feedparser on bytes (never a str: it would treat it as a path or URL)."""
    return feedparser.parse(io.BytesIO(body), response_headers=headers, **options)


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    response_headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_FEED_BYTES,
    max_items: int = MAX_ITEMS,
    feedparser_options: Mapping[str, bool] = FEEDPARSER_OPTIONS,
    feed_url: str | None = None,
) -> ParsedFeed:
    """Parse feed bytes fetched from `url`; raise FeedError with the reason when refused.

    Given `feed_url` (the feed's configured URL, which item identity is scoped to), every item
    also gets its `key` and `fingerprint`, so a poll does that hashing here, in the sandbox.

    Only the first `max_items` items are read; a note in `dropped` says when more were left.
    `feedparser_options` exists for comparisons with `LEGACY_FEEDPARSER_OPTIONS`.
    """
    if not isinstance(body, bytes | bytearray):
        raise TypeError("parse_feed takes bytes")
    if len(body) > max_bytes:
        raise TooLarge(f"feed is larger than the {max_bytes}-byte limit")
    if not body.strip():
        raise FeedError("not a feed: the response was empty")
    headers = _headers(url, content_type, response_headers)
    if looks_like_json(body, headers.get("content-type")) and body.lstrip()[:1] != b"<":
        return _identified(parse_json_feed(bytes(body), url=url, max_items=max_items), feed_url)
    charset = _charset(headers.get("content-type"))
    body = defuse(bytes(body), url=url, charset=charset)
    root = root_element(body)
    if root == "html":
        alt = alternate_feed(body, url)
        hint = f" (the page names a feed at {alt})" if alt else ""
        raise FeedError(f"not a feed: got an HTML page{hint}")
    if root == "opml":
        raise FeedError("not a feed: got an OPML subscription list")
    bounded = bound_structure(body, max_items=max_items, charset=charset)
    d = feedparser_parse(bounded.body, headers, feedparser_options)
    if not d.get("version") and not d.entries and not d.feed.get("title"):
        why = d.get("bozo_exception") or "no RSS, Atom or RDF structure found"
        raise FeedError(f"not a feed: {why}")
    if d.get("bozo"):
        log.debug("feed %s is ill-formed (%s); parsed leniently", url, d.get("bozo_exception"))
    parsed = ParsedFeed(
        title=clip_title(_title(d.feed)),
        link=d.feed.get("link") or None,
        version=d.get("version") or "",
    )
    for entry in d.entries[:max_items]:
        item = _item(entry, url, parsed.dropped)
        if item is not None:
            parsed.items.append(item)
    if bounded.cut or len(d.entries) > max_items:
        parsed.dropped.append(too_many_items(max_items))
    return _identified(parsed, feed_url)


def _identified(parsed: ParsedFeed, feed_url: str | None) -> ParsedFeed:
    if feed_url is not None:
        parsed.items = [
            replace(item, key=item_key(feed_url, item),
                    fingerprint=content_fingerprint(item.title, item.content or item.summary))
            for item in parsed.items]
    return parsed


async def parse_feed_async(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    response_headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_FEED_BYTES,
    max_items: int = MAX_ITEMS,
    limits: JobLimits | None = None,
    feed_url: str | None = None,
) -> ParsedFeed:
    """`parse_feed` in a sandboxed child process under `limits` (ParseLimit past them)."""
    if len(body) > max_bytes:
        raise TooLarge(f"feed is larger than the {max_bytes}-byte limit")
    return await shared_sandbox().run_async(
        limits or JobLimits(), "parsing the feed", parse_feed, bytes(body), url=url,
        content_type=content_type, response_headers=dict(response_headers or {}),
        max_bytes=max_bytes, max_items=max_items, feed_url=feed_url)
