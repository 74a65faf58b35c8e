"""Full-text extraction of article pages (trafilatura) and the rule for when to fetch them.

Extraction favours precision (`favor_precision=True`): for alerts and summaries a missing
paragraph costs less than navigation, related-story lists or comments leaking into the text.
Comments are always excluded.
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


def extract_article(html: bytes | str, url: str) -> ExtractedPage | None:
    """Main text of an article page, or None when nothing article-like was found."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted lxml/parsing errors on broken pages
        log.warning("extraction failed for %s", url, exc_info=True)
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
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
