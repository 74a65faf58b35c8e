"""Full-text extraction of article pages (trafilatura) and the rule for when to fetch them.

Extraction favours precision (`favor_precision=True`): for alerts and summaries a missing
paragraph costs less than navigation, related-story lists or comments leaking into the text.
Comments are always excluded. When the precise pass loses the body (nothing, or a short
fragment where trafilatura's default settings find at least twice as much text, as on pages laid
out in tables) a second, default pass is used instead, so ingestion is never worse than calling
trafilatura alone.

Bounds: trafilatura is only ever given text, never bytes, so it cannot decompress a body itself
(a gzip'd page sent without Content-Encoding is refused, and a brotli one is just not a page);
a page whose text passes `MAX_TEXT_CHARS` is refused; and `extract_article_async` runs the
extraction in a sandboxed child process with CPU and memory limits (`bot.feeds.sandbox`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from bot.feeds.errors import PageRefused
from bot.feeds.items import MAX_TEXT_CHARS, FeedItem
from bot.feeds.sandbox import JobLimits, shared_sandbox

log = logging.getLogger(__name__)

FullTextMode = Literal["auto", "always", "never"]
TEASER_CHARS = 600
SHORT_BODY_CHARS = 1000  # a precise extraction shorter than this is checked against the default
_CUT_MARKS = ("...", "…")
_MORE_PHRASES = ("read more", "continue reading")
_COMPRESSED = ((b"\x1f\x8b", "gzip"), (b"\x28\xb5\x2f\xfd", "zstd"))


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The main text and metadata of an article page."""

    title: str
    text: str
    date: datetime | None = None
    author: str | None = None
    sitename: str | None = None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def _bare(html: bytes | str, url: str, precise: bool) -> tuple[object | None, str]:
    """One trafilatura pass: (document, stripped text); precise=False is the library default."""
    import trafilatura  # on first use: 80 ms of imports that most commands never need

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=not precise,
        favor_precision=precise,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return doc, (getattr(doc, "text", None) or "").strip() if doc is not None else ""


def page_text(raw: bytes | str, charset: str | None = None) -> str:
    """The page as text: UTF-8, else the HTTP charset, else trafilatura's encoding guess.

    Raises PageRefused for a compressed body (gzip, zstd) that came without Content-Encoding.
    """
    if isinstance(raw, str):
        return raw
    for magic, name in _COMPRESSED:
        if raw.startswith(magic):
            raise PageRefused(f"the page body is {name}-compressed data sent without a "
                              "Content-Encoding header")
    from trafilatura.utils import detect_encoding

    candidates = ["utf-8", *([charset] if charset else []), *detect_encoding(raw[:65536])]
    for codec in candidates:
        try:
            return raw.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def extract_article(html: bytes | str, url: str, charset: str | None = None
                    ) -> ExtractedPage | None:
    """Main text of an article page, or None when nothing article-like was found.

    A precise pass first; a default pass replaces it when the precise text is empty, or short
    and less than half of what the default pass finds. Raises PageRefused for a compressed body
    or a text longer than `MAX_TEXT_CHARS`.
    """
    markup = page_text(html, charset)
    try:
        doc, text = _bare(markup, url, precise=True)
        if len(text) < SHORT_BODY_CHARS:
            doc2, text2 = _bare(markup, url, precise=False)
            if text2 and (not text or len(text2) >= 2 * len(text)):
                doc, text = doc2, text2
    except MemoryError:
        raise
    except Exception:  # trafilatura raises assorted lxml/parsing errors on broken pages
        log.warning("extraction failed for %s", url, exc_info=True)
        return None
    if doc is None or not text:
        return None
    if len(text) > MAX_TEXT_CHARS:
        raise PageRefused(f"the page text is {len(text):,} characters, more than the "
                          f"{MAX_TEXT_CHARS:,}-character limit")
    return ExtractedPage(
        title=(getattr(doc, "title", None) or "").strip(),
        text=text,
        date=_date(getattr(doc, "date", None)),
        author=getattr(doc, "author", None) or None,
        sitename=getattr(doc, "sitename", None) or None,
    )


async def extract_article_async(html: bytes | str, url: str, *, charset: str | None = None,
                                limits: JobLimits | None = None) -> ExtractedPage | None:
    """`extract_article` in a sandboxed child process (ParseLimit past `limits`)."""
    return await shared_sandbox().run_async(limits or JobLimits(), "extracting the page",
                                            extract_article, html, url, charset)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _ends_cut(s: str) -> bool:
    """Ends in "..." or "…", bare or in brackets ("[…]", "[ ... ]")."""
    if s.endswith(_CUT_MARKS):
        return True
    if not s.endswith("]"):
        return False
    inner = s[:-1].rstrip()
    for mark in _CUT_MARKS:
        if inner.endswith(mark) and inner[: -len(mark)].rstrip().endswith("["):
            return True
    return False


def _ends_more(s: str) -> bool:
    """Ends in "read more" or "continue reading", then nothing but non-word characters."""
    end = len(s)
    while end and not _is_word(s[end - 1]):
        end -= 1
    head = s[:end].lower()
    return any(head.endswith(p) and (len(head) == len(p) or not _is_word(head[-len(p) - 1]))
               for p in _MORE_PHRASES)


def is_teaser(summary: str) -> bool:
    """True when a summary looks cut short (short, or ends in "...", "[…]", "Read more").

    Plain string checks from the end, linear in the length (the regex this replaces ended in
    "non-word characters, then spaces, then the end", which backtracks quadratically on a long
    run of spaces).
    """
    s = summary.strip()
    return len(s) < TEASER_CHARS or _ends_cut(s) or _ends_more(s)


def needs_full_text(item: FeedItem, mode: FullTextMode) -> bool:
    """Whether the article page should be fetched for `item` under the feed's mode."""
    if item.url is None or mode == "never":
        return False
    if mode == "always":
        return True
    return not item.has_full_text and is_teaser(item.summary)
