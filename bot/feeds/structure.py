"""Structural limits on XML feeds, checked in one streaming pass before feedparser runs.

expat reads the document once (in C, in linear time), and its handlers stop it as soon as an
element is nested deeper than `MAX_DEPTH` or carries more than `MAX_ATTRIBUTES` attributes: such
a feed is refused (no real feed comes near either limit). A feed with more than `max_items`
items is cut just before the next item, and the elements still open there are closed, so
feedparser only ever reads the first `max_items`. A document expat cannot read (an ill-formed
one, which feedparser then parses leniently) gets the same cut from a plain scan for item start
tags; the rest of its cost is bounded by the sandbox's CPU and memory limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from bot.feeds.errors import TooComplex

MAX_DEPTH = 100
MAX_ATTRIBUTES = 256
_ITEMS = frozenset({"item", "entry"})
_ITEM_START = re.compile(rb"<(?:[\w.-]++:)?(?:item|entry)[\s/>]", re.I)
# How "<" is written in the wide encodings (anything else is taken as ASCII-compatible).
_WIDE_LT = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
            (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"), (b"\x4c", "cp037"))


@dataclass(frozen=True, slots=True)
class Bounded:
    """The bytes feedparser may read, and whether items past the limit were left out."""

    body: bytes
    cut: bool = False


class _Cut(Exception):
    """Stops expat at the first item past the limit."""


def _codec_at(body: bytes, index: int) -> str:
    for prefix, codec in _WIDE_LT:
        if body.startswith(prefix, index) and (codec != "cp037" or body[:1] == b"\x4c"):
            return codec
    return "utf-8"


def _loose_cut(body: bytes, max_items: int) -> Bounded:
    """Cut an ill-formed document before its (max_items+1)-th item start tag."""
    for n, m in enumerate(_ITEM_START.finditer(body), 1):
        if n > max_items:
            return Bounded(body[: m.start()], cut=True)
    return Bounded(body)


def _parser(charset: str | None) -> expat.XMLParserType:
    if charset:
        try:
            return expat.ParserCreate(encoding=charset)
        except (ValueError, LookupError):
            pass
    return expat.ParserCreate()


def bound_structure(body: bytes, *, max_items: int, charset: str | None = None) -> Bounded:
    """Refuse deep nesting and attribute floods; keep only the first `max_items` items.

    Raises TooComplex with the reason in words.
    """
    parser = _parser(charset)
    parser.ordered_attributes = True
    stack: list[str] = []
    items = 0
    item_depth: int | None = None
    cut_at = 0

    def start(name: str, attrs: list[str]) -> None:
        nonlocal items, item_depth, cut_at
        if len(attrs) > 2 * MAX_ATTRIBUTES:
            raise TooComplex(f"an element <{name[:40]}> has more than {MAX_ATTRIBUTES} "
                             "attributes")
        if item_depth is None and name.rpartition(":")[2].lower() in _ITEMS:
            items += 1
            if items > max_items:
                cut_at = parser.CurrentByteIndex
                raise _Cut
            item_depth = len(stack)
        stack.append(name)
        if len(stack) > MAX_DEPTH:
            raise TooComplex(f"elements are nested more than {MAX_DEPTH} deep")

    def end(name: str) -> None:
        nonlocal item_depth
        stack.pop()
        if item_depth == len(stack):
            item_depth = None

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(body, True)
    except _Cut:
        closing = "".join(f"</{name}>" for name in reversed(stack))
        tail = closing.encode(_codec_at(body, cut_at), errors="replace")
        return Bounded(body[:cut_at] + tail, cut=True)
    except (expat.ExpatError, ValueError, LookupError):  # ill-formed, or an unknown encoding
        return _loose_cut(body, max_items)
    return Bounded(body)


__all__ = ["MAX_ATTRIBUTES", "MAX_DEPTH", "Bounded", "bound_structure"]
