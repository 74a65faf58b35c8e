"""Parsed-feed value types and small text helpers shared by the feed modules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "pre", "tr", "table", "section", "article", "header", "footer", "figure", "hr"}
)
_SKIP = frozenset({"script", "style", "noscript", "template"})

MAX_ITEMS = 500  # items read from one feed (fetch.max_items)
MAX_TITLE_CHARS = 1_000
# An item's or a page's text: longer than any real article (a long feature is ~60,000
# characters), far below spaCy's 1,000,000-character limit, and small enough that hashing and
# clustering one item stays a few milliseconds on the event loop.
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, normalised. Dates are timezone-aware UTC."""

    guid: str | None
    url: str | None
    title: str
    summary: str = ""  # plain text
    content: str = ""  # plain text of the full body when the feed carries one
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    has_full_text: bool = False
    # Set by `parse_feed` when given the feed's URL, so they are computed in the parse sandbox,
    # off the event loop: `dedup.item_key` and `dedup.content_fingerprint` of this item.
    key: str = ""
    fingerprint: str = ""


@dataclass(slots=True)
class ParsedFeed:
    """A feed's metadata, its usable items and what was dropped (and why)."""

    title: str
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    version: str = ""


class _TextOut(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return (head[:cut] if cut > limit * 0.8 else head).rstrip() + "…"


def clip_text(text: str) -> str:
    """`text` cut to `MAX_TEXT_CHARS` at a word boundary (ending in "…" when cut)."""
    return _clip(text, MAX_TEXT_CHARS)


def clip_title(text: str) -> str:
    """A title cut to `MAX_TITLE_CHARS`."""
    return _clip(text, MAX_TITLE_CHARS)


def too_many_items(max_items: int) -> tuple[str, str]:
    """The `ParsedFeed.dropped` note of a feed read only up to `max_items` items."""
    return (f"items after the first {max_items}",
            f"not read: a feed is read up to fetch.max_items ({max_items}) items")


def html_to_text(html: str) -> str:
    """Plain text from an HTML fragment: tags dropped, blocks on their own lines."""
    if "<" not in html and "&" not in html:
        return re.sub(r"[ \t\r\f\v]+", " ", html).strip()
    p = _TextOut()
    p.feed(html)
    p.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(p.parts).split("\n"))
    return "\n".join(line for line in lines if line)
