"""Full-text extraction of article pages (trafilatura) and the rule for when to fetch them.

Extraction favours precision (`favor_precision=True`): for alerts and summaries a missing
paragraph costs less than navigation, related-story lists or comments leaking into the text.
Comments are always excluded. When the precise pass loses the body (nothing, or a short
fragment where trafilatura's default settings find at least twice as much text, as on pages laid
out in tables) a second, default pass is used instead, so ingestion is never worse than calling
trafilatura alone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import trafilatura

from bot.feeds.items import FeedItem

log = logging.getLogger(__name__)

FullTextMode = Literal["auto", "always", "never"]
TEASER_CHARS = 600
SHORT_BODY_CHARS = 1000  # a precise extraction shorter than this is checked against the default
_TEASER_END = re.compile(
    r"(\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|\bread more\b\W*|\bcontinue reading\b\W*)\s*$", re.I
)


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


def extract_article(html: bytes | str, url: str) -> ExtractedPage | None:
    """Main text of an article page, or None when nothing article-like was found.

    A precise pass first; a default pass replaces it when the precise text is empty, or short
    and less than half of what the default pass finds.
    """
    try:
        doc, text = _bare(html, url, precise=True)
        if len(text) < SHORT_BODY_CHARS:
            doc2, text2 = _bare(html, url, precise=False)
            if text2 and (not text or len(text2) >= 2 * len(text)):
                doc, text = doc2, text2
    except Exception:  # trafilatura raises assorted lxml/parsing errors on broken pages
        log.warning("extraction failed for %s", url, exc_info=True)
        return None
    if doc is None or not text:
        return None
    return ExtractedPage(
        title=(getattr(doc, "title", None) or "").strip(),
        text=text,
        date=_date(getattr(doc, "date", None)),
        author=getattr(doc, "author", None) or None,
        sitename=getattr(doc, "sitename", None) or None,
    )


def is_teaser(summary: str) -> bool:
    """True when a summary looks cut short (short, or ends in "...", "[…]", "Read more")."""
    s = summary.strip()
    return len(s) < TEASER_CHARS or bool(_TEASER_END.search(s))


def needs_full_text(item: FeedItem, mode: FullTextMode) -> bool:
    """Whether the article page should be fetched for `item` under the feed's mode."""
    if item.url is None or mode == "never":
        return False
    if mode == "always":
        return True
    return not item.has_full_text and is_teaser(item.summary)
