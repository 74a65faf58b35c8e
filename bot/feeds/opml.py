"""OPML subscription lists: the feed URLs an OPML file names (`<outline xmlUrl="...">`).

The same pre-parse checks as a feed run first (entity declarations refused, nesting and
attributes bounded), then expat reads the outlines. Outlines nest (folders of feeds); every
`xmlUrl` at any depth counts once, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from bot.feeds.errors import FeedError
from bot.feeds.structure import bound_structure
from bot.feeds.xmlsafety import defuse, root_element

MAX_OPML_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed an OPML list names."""

    url: str
    title: str = ""


def parse_opml(raw: bytes, *, where: str = "") -> list[Subscription]:
    """The feeds of an OPML document; FeedError when it is not one or is refused."""
    if len(raw) > MAX_OPML_BYTES:
        raise FeedError(f"{where}: the OPML file is larger than {MAX_OPML_BYTES} bytes")
    body = defuse(raw, url=where)
    if root_element(body) != "opml":
        raise FeedError(f"{where}: not an OPML subscription list")
    bound_structure(body, max_items=1_000_000)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise FeedError(f"{where}: the OPML file is not well-formed XML ({exc})") from exc
    seen: set[str] = set()
    out = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in seen:
            seen.add(url)
            out.append(Subscription(url, (outline.get("title") or outline.get("text") or "")))
    return out


__all__ = ["MAX_OPML_BYTES", "Subscription", "parse_opml"]
