"""Fetch + parse against the local server: formats, charsets, links, HTML, entity bombs."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import pytest

from bot.domain.errors import FeedError
from bot.feeds.errors import EntityAttack, TooLarge
from bot.feeds.fetcher import Fetcher
from bot.feeds.items import ParsedFeed
from bot.feeds.parser import parse_feed, parse_feed_async
from bot.feeds.xmlsafety import defuse, root_element
from tests.fakes import feed_fixtures as fx
from tests.fakes.feed_server import FeedServer


async def fetch_parse(fetcher: Fetcher, server: FeedServer, path: str) -> ParsedFeed:
    res = await fetcher.fetch(server.url(path))
    return await parse_feed_async(res.body, url=res.final_url, response_headers=res.headers)


async def test_rss_items_links_and_drops(server: FeedServer, fetcher: Fetcher) -> None:
    feed = await fetch_parse(fetcher, server, "/feed/basic")
    assert feed.title == "Basic policy feed" and feed.version == "rss20"
    assert [i.url for i in feed.items] == [server.url("/news/relative-1"),
                                           "https://news.example/full"]
    assert [i.guid for i in feed.items] == ["basic-1", "https://news.example/full"]
    assert feed.items[0].published == datetime(2024, 5, 6, 10, 0, tzinfo=UTC)
    assert {what for what, _ in feed.dropped} == {"Script link story", "Data link story"}
    assert all("not http(s)" in why for _, why in feed.dropped)


async def test_guidless_items_are_kept(server: FeedServer, fetcher: Fetcher) -> None:
    feed = await fetch_parse(fetcher, server, "/feed/guidless")
    assert [i.guid for i in feed.items] == [None, None]
    assert feed.items[0].url == "https://news.example/a?utm_source=x&b=2&a=1#top"
    assert feed.items[1].url is None and feed.items[1].title == "Neither guid nor link"


@pytest.mark.parametrize(
    ("path", "title"), [("/feed/cp1252", fx.CP1252_TITLE), ("/feed/latin1", fx.LATIN1_TITLE)]
)
async def test_non_utf8_charsets(server: FeedServer, fetcher: Fetcher, path: str,
                                 title: str) -> None:
    feed = await fetch_parse(fetcher, server, path)
    assert feed.items[0].title == title


async def test_wrong_content_type_still_parses(server: FeedServer, fetcher: Fetcher) -> None:
    res = await fetcher.fetch(server.url("/feed/wrong-type"))
    assert res.content_type == "text/plain"
    feed = parse_feed(res.body, url=res.final_url, response_headers=res.headers)
    assert len(feed.items) == 2


@pytest.mark.parametrize("path", ["/feed/json", "/feed/json-untyped"])
async def test_json_feed(server: FeedServer, fetcher: Fetcher, path: str) -> None:
    feed = await fetch_parse(fetcher, server, path)
    assert feed.version == "json11" and feed.title == "JSON policy feed"
    first, external = feed.items
    assert first.url == server.url("/posts/1") and first.has_full_text
    assert first.author == "A. Writer" and "finance ministry" in first.content
    assert external.url == "https://elsewhere.example/3" and external.published is None
    assert external.updated == datetime(2024, 5, 11, tzinfo=UTC)
    assert feed.dropped == [("Bad scheme item", "link 'ftp://json.example/file' is not http(s)")]


async def test_html_page_is_not_a_feed(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedError, match="not a feed: got an HTML page") as info:
        await fetch_parse(fetcher, server, "/html")
    assert server.url("/feed/basic") in str(info.value)


@pytest.mark.parametrize("path", ["/bomb/billion-laughs", "/bomb/quadratic", "/bomb/external"])
async def test_entity_bombs_are_refused_before_parsing(
        server: FeedServer, fetcher: Fetcher, path: str, caplog: pytest.LogCaptureFixture) -> None:
    res = await fetcher.fetch(server.url(path))
    with pytest.raises(EntityAttack, match="declares XML entities"):
        parse_feed(res.body, url=res.final_url)
    assert "declares XML entities" in caplog.text


def test_entities_in_utf16_are_refused() -> None:
    with pytest.raises(EntityAttack):
        parse_feed(fx.BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1)
                   .encode("utf-16"), url="http://x.example/")


def _utf7(text: str) -> bytes:
    """`text` as a UTF-7 document whose markup characters are written the UTF-7 way."""
    return text.replace("<", "+ADw-").replace(">", "+AD4-").replace("[", "+AFs-") \
        .replace("]", "+AF0-").encode("ascii")


NESTED = ('<!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
ITEM = ('<rss version="2.0"><channel><title>t</title><item><title>&c;&c;&c;</title>'
        '<link>http://x.example/1</link></item></channel></rss>')


@pytest.mark.parametrize("how", ["xml-declaration", "http-charset"])
def test_entities_hidden_by_utf7_are_refused(how: str) -> None:
    """UTF-7 writes "<" as "+ADw-", so the declarations are invisible to a byte search;
    feedparser would decode and expand them. Declared in the XML or in the HTTP header."""
    decl = '<?xml version="1.0" encoding="utf-7"?>' if how == "xml-declaration" else ""
    body = decl.encode() + _utf7(NESTED) + ITEM.encode()
    ctype = "application/rss+xml; charset=UTF-7" if how == "http-charset" else None
    with pytest.raises(EntityAttack, match="utf-7"):
        parse_feed(body, url="http://x.example/", content_type=ctype)


def test_entities_in_ebcdic_are_refused() -> None:
    """An EBCDIC (cp037) document, sniffed by feedparser from its first bytes."""
    doc = '<?xml version="1.0" encoding="cp037"?>' + NESTED + ITEM
    with pytest.raises(EntityAttack, match="cp037"):
        parse_feed(doc.encode("cp037"), url="http://x.example/")


def test_a_plain_utf7_feed_still_parses() -> None:
    """An exotic encoding alone is not refused: only hidden declarations are."""
    body = b'<?xml version="1.0" encoding="utf-7"?>' + _utf7(fx.BASIC.split("?>", 1)[1])
    assert len(parse_feed(body, url="http://x.example/").items) == 2


def test_doctype_subset_without_entities_is_stripped() -> None:
    body = fx.BASIC.replace("<rss ", '<!DOCTYPE rss [ <!ELEMENT rss ANY> ]>\n<rss ', 1).encode()
    cleaned = defuse(body)
    assert b"<!ELEMENT" not in cleaned and b"<!DOCTYPE rss >" in cleaned
    assert len(parse_feed(body, url="http://x.example/").items) == 2


def test_root_sniffing() -> None:
    assert root_element(b"\xef\xbb\xbf<?xml version='1.0'?><!-- hi --><rss/>") == "rss"
    assert root_element(b"<!DOCTYPE html>\n<html><body/></html>") == "html"
    assert root_element("<feed xmlns='x'/>".encode("utf-16")) == "feed"
    assert root_element(b"just text") is None


def test_refusals_in_words() -> None:
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  \n", url="http://x.example/")
    with pytest.raises(TooLarge):
        parse_feed(b"<rss>" + b" " * 2000 + b"</rss>", url="http://x.example/", max_bytes=1024)
    with pytest.raises(FeedError, match="OPML"):
        parse_feed(b"<opml version='1.0'><body/></opml>", url="http://x.example/")
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b"this is plain text, not xml", url="http://x.example/")
    with pytest.raises(FeedError, match=r"jsonfeed\.org version"):
        parse_feed(b'{"items": []}', url="http://x.example/")
    with pytest.raises(TypeError):
        parse_feed(fx.BASIC, url="http://x.example/")  # type: ignore[arg-type]


def test_matches_feedparser_on_our_fixture() -> None:
    body = fx.story_feed("beta").encode()
    ours = parse_feed(body, url="http://b.example/feed")
    ref = feedparser.parse(body)
    assert [i.title for i in ours.items] == [e.title for e in ref.entries]
    assert [i.url for i in ours.items] == [e.link for e in ref.entries]


async def test_the_sandbox_gives_each_item_its_key_and_fingerprint(
        server: FeedServer, fetcher: Fetcher) -> None:
    """Given the feed's URL, the parse (in its sandbox) hashes what the poller keys items by;
    the values are exactly `dedup`'s, so seen-state written before this change still matches."""
    from dataclasses import replace

    from bot.feeds.dedup import content_fingerprint, item_key

    res = await fetcher.fetch(server.url("/feed/guidless"))
    configured = server.url("/feed/guidless?from=config")
    feed = await parse_feed_async(res.body, url=res.final_url, response_headers=res.headers,
                                  feed_url=configured)
    assert len(feed.items) == 2 and all(i.key and i.fingerprint for i in feed.items)
    for item in feed.items:
        bare = replace(item, key="", fingerprint="")
        assert item.key == item_key(configured, bare)
        assert item.fingerprint == content_fingerprint(item.title, item.content or item.summary)
    plain = await parse_feed_async(res.body, url=res.final_url, response_headers=res.headers)
    assert [(i.key, i.fingerprint) for i in plain.items] == [("", ""), ("", "")]
