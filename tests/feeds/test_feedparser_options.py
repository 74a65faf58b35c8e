"""feedparser runs with its sanitiser and relative-URI rewriting off (`FEEDPARSER_OPTIONS`).

Item text becomes plain text and item links are joined to the feed URL by our own code, so over
the whole feed corpus of ../shared/data the items come out as they did with feedparser's defaults
(`LEGACY_FEEDPARSER_OPTIONS`): the same titles and links everywhere, the same text except in the
few items listed below, whose HTML is itself malformed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import FeedError
from bot.feeds.parser import FEEDPARSER_OPTIONS, LEGACY_FEEDPARSER_OPTIONS, parse_feed
from tests.fakes.feed_corpus import corpus_files

pytestmark = pytest.mark.shared

# Files whose item *text* differs, and why. Titles and links never differ.
KNOWN_TEXT_DIFFERENCES = {
    # a stray "<>" in a summary: the sanitiser dropped it, html_to_text keeps it as text
    "feedparser-tests/encoding/bozo_linenoise.xml",
    # a summary of just "<!'": html_to_text reads it as a (broken) declaration and drops it
    "feedparser-tests/wellformed/rss/item_description_not_a_doctype.xml",
    # a lone ">" line after a removed <embed>: the sanitiser's rewrite left it, now gone
    "feeds-feedjira/2009-snapshot/AmitGuptasBlog.xml",
    # "%&gt" without ';' in code: now ">" (as a browser shows it), was "&GT"
    "feeds-feedjira/2009-snapshot/Phvalues.xml",
    # an unknown "<UPRIGHT/LEFT-ARROW>" tag in the text: now dropped as a tag, was kept as text
    "feeds-feedjira/2009-snapshot/RubyonWindows.xml",
}


def _items(path: Path, url: str, options: object) -> list[tuple[str, str | None, str, str]] | str:
    try:
        feed = parse_feed(path.read_bytes(), url=url, feedparser_options=options)  # type: ignore[arg-type]
    except FeedError as exc:
        return type(exc).__name__
    return [(i.title, i.url, i.summary, i.content) for i in feed.items]


@pytest.mark.slow
def test_corpus_items_equal_to_legacy_settings(shared_data: Path) -> None:
    files = corpus_files(shared_data)
    if not files:
        pytest.skip("no feed corpus under ../shared/data")
    compared = items = 0
    text_differs: set[str] = set()
    for path in files:
        rel = str(path.relative_to(shared_data))
        url = f"http://feeds.example.org/files/{rel}"
        old = _items(path, url, LEGACY_FEEDPARSER_OPTIONS)
        new = _items(path, url, FEEDPARSER_OPTIONS)
        if isinstance(old, str) or isinstance(new, str):
            assert old == new, rel  # refused (and why) alike
            continue
        compared += 1
        assert len(old) == len(new), rel
        for o, n in zip(old, new, strict=True):
            items += 1
            assert (o[0], o[1]) == (n[0], n[1]), rel  # title and link
            if o[2:] != n[2:]:
                text_differs.add(rel)
    assert compared > 700 and items > 3000
    assert text_differs == KNOWN_TEXT_DIFFERENCES


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://feeds.example.org/news/">
<title type="html">&lt;script&gt;alert(1)&lt;/script&gt;Policy &lt;b&gt;news&lt;/b&gt;</title>
<entry><title type="html">Q&amp;amp;A &lt;script&gt;alert(1)&lt;/script&gt;&lt;b onclick="x()"&gt;
now&lt;/b&gt;</title>
<id>urn:1</id><link href="2026/rates.html"/>
<content type="html">&lt;p&gt;Rates &lt;a href="../up.html"&gt;rose&lt;/a&gt;.
&lt;script&gt;steal()&lt;/script&gt;&lt;/p&gt;</content>
</entry></feed>"""

RSS = b"""<rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>/a/one.html</link><description>&lt;p&gt;x&lt;/p&gt;</description></item>
<item><title>Two</title><link>two.html?x=1</link></item>
<item><title>Bad</title><link>javascript:alert(1)</link></item>
</channel></rss>"""


def test_html_titles_and_text_come_out_plain_without_the_sanitiser() -> None:
    feed = parse_feed(ATOM, url="http://feeds.example.org/atom.xml")
    assert feed.title == "Policy news"
    [item] = feed.items
    assert item.title == "Q&A now"
    assert item.content == "Rates rose."
    assert "script" not in item.title + item.content + feed.title


def test_relative_item_links_resolve_against_xml_base_and_feed_url() -> None:
    atom = parse_feed(ATOM, url="http://feeds.example.org/atom.xml")
    assert [i.url for i in atom.items] == ["http://feeds.example.org/news/2026/rates.html"]
    rss = parse_feed(RSS, url="https://wire.example.com/feeds/main.xml")
    assert [i.url for i in rss.items] == ["https://wire.example.com/a/one.html",
                                          "https://wire.example.com/feeds/two.html?x=1"]
    assert rss.dropped and "not http(s)" in rss.dropped[0][1]
