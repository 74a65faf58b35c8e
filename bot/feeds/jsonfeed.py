"""A small JSON Feed 1.0/1.1 parser (https://jsonfeed.org/version/1.1)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bot.feeds.errors import FeedError
from bot.feeds.items import (
    MAX_ITEMS,
    FeedItem,
    ParsedFeed,
    clip_text,
    clip_title,
    html_to_text,
    too_many_items,
)

log = logging.getLogger(__name__)


def looks_like_json(body: bytes, content_type: str | None) -> bool:
    """True when the content type says JSON or the body starts with `{`."""
    if content_type and "json" in content_type.lower():
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def _author(obj: dict[str, Any], feed_author: str | None) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list):
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        if names:
            return ", ".join(str(n) for n in names)
    single = obj.get("author")
    if isinstance(single, dict) and single.get("name"):
        return str(single["name"])
    return feed_author


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_json_feed(body: bytes, *, url: str, max_items: int = MAX_ITEMS) -> ParsedFeed:
    """Parse a JSON Feed document (its first `max_items` items); FeedError when it is not one."""
    try:
        doc = json.loads(body)
    except RecursionError as exc:
        raise FeedError("not a feed: JSON nested too deeply to read") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not a feed: invalid JSON ({str(exc)[:200]})") from exc
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    items_in = doc.get("items")
    if not isinstance(items_in, list):
        raise FeedError("not a feed: JSON Feed without an items list")
    feed_author = _author(doc, None)
    base = _str(doc.get("feed_url")) or url
    parsed = ParsedFeed(
        title=_str(doc.get("title")),
        link=_str(doc.get("home_page_url")) or None,
        version="json" + version.rsplit("/", 1)[-1].replace(".", ""),
    )
    if len(items_in) > max_items:
        parsed.dropped.append(too_many_items(max_items))
    for raw in items_in[:max_items]:
        if not isinstance(raw, dict):
            parsed.dropped.append(("item", "not a JSON object"))
            continue
        link = _str(raw.get("url")) or _str(raw.get("external_url"))
        title = _str(raw.get("title"))
        what = title or link or str(raw.get("id", "item"))
        if link:
            link = urljoin(base, link)
            if urlsplit(link).scheme.lower() not in ("http", "https"):
                log.info("dropped item %r of %s: link %r is not http(s)", what, url, link[:80])
                parsed.dropped.append((what, f"link {link[:80]!r} is not http(s)"))
                continue
        content = html_to_text(_str(raw.get("content_html"))) or _str(raw.get("content_text"))
        guid = raw.get("id")
        parsed.items.append(
            FeedItem(
                guid=str(guid) if guid not in (None, "") else None,
                url=link or None,
                title=clip_title(title),
                summary=clip_text(_str(raw.get("summary"))),
                content=clip_text(content),
                published=_date(raw.get("date_published")),
                updated=_date(raw.get("date_modified")),
                author=_author(raw, feed_author),
                has_full_text=bool(content),
            )
        )
    return parsed
