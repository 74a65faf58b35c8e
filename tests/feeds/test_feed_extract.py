"""Article extraction (trafilatura) of a page fetched from the server, and the teaser rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import trafilatura

from bot.feeds.extract import extract_article, is_teaser, needs_full_text
from bot.feeds.fetcher import HTML_ACCEPT, Fetcher
from bot.feeds.items import FeedItem
from tests.fakes.feed_fixtures import LONG_BODY
from tests.fakes.feed_server import FeedServer


async def test_extracts_main_text_without_comments(server: FeedServer, fetcher: Fetcher) -> None:
    res = await fetcher.fetch(server.url("/article"), accept=HTML_ACCEPT)
    page = extract_article(res.body, res.final_url)
    assert page is not None
    assert page.title == "Licensing bill advances"
    assert "twelve months to apply for a licence" in page.text
    assert "first comment" not in page.text and "Copyright" not in page.text
    assert page.author == "Jane Reporter" and page.sitename == "News Example"
    assert page.date is not None and page.date.date() == datetime(2024, 5, 6, tzinfo=UTC).date()


def test_nothing_to_extract() -> None:
    assert extract_article(b"<html><body></body></html>", "https://x.example/") is None


@pytest.mark.parametrize(
    ("summary", "teaser"),
    [("Short note.", True), (LONG_BODY, False), (LONG_BODY + " ...", True),
     (LONG_BODY + " [\u2026]", True), (LONG_BODY + " Read more", True),
     (LONG_BODY + "\u2026", True), (LONG_BODY + " Continue reading \u2192", True)],
)
def test_is_teaser(summary: str, teaser: bool) -> None:
    assert is_teaser(summary) is teaser


def test_needs_full_text_modes() -> None:
    teaser = FeedItem(guid="1", url="https://x.example/1", title="t", summary="Short...")
    full = FeedItem(guid="2", url="https://x.example/2", title="t", summary="Short",
                    content=LONG_BODY, has_full_text=True)
    long_summary = FeedItem(guid="3", url="https://x.example/3", title="t", summary=LONG_BODY)
    no_link = FeedItem(guid="4", url=None, title="t", summary="Short")
    assert needs_full_text(teaser, "auto") and not needs_full_text(teaser, "never")
    assert not needs_full_text(full, "auto") and needs_full_text(full, "always")
    assert not needs_full_text(long_summary, "auto")
    assert not needs_full_text(no_link, "always")


def _table_page() -> str:
    story = "".join(
        f"<p>Part {i}: the regulator told exchanges they have a year to register, hold reserves "
        f"at home and report every quarter, and lawmakers argued over the bill for hours.</p>"
        for i in range(6)
    )
    return ("<html><head><title>Old layout</title></head><body><table><tr><td>Home | News</td>"
            f"</tr><tr><td>{story}</td></tr></table></body></html>")


def test_table_layout_falls_back_to_default_pass() -> None:
    html = _table_page()
    precise = trafilatura.extract(html, include_comments=False, include_tables=False,
                                  favor_precision=True)
    assert not precise  # the precise pass alone loses this page
    page = extract_article(html, "https://x.example/old")
    assert page is not None
    plain = trafilatura.extract(html, include_comments=False) or ""
    assert "Part 0: the regulator" in page.text and "Part 5:" in page.text
    assert len(page.text) >= 0.9 * len(plain)
