"""Identity, fingerprints and story clustering (unit tests and fixtures from the server)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from bot.feeds.dedup import (
    StoryClusterer,
    canonical_url,
    content_fingerprint,
    item_key,
    strip_tracking,
)
from bot.feeds.fetcher import Fetcher
from bot.feeds.items import FeedItem
from bot.feeds.parser import parse_feed
from tests.fakes import feed_fixtures as fx
from tests.fakes.feed_server import FeedServer

FEED = "https://feeds.example/rss"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.COM:443/a/b?utm_source=tw&utm_medium=x&id=3#frag",
         "https://news.example.com/a/b?id=3"),
        ("http://news.example:80", "http://news.example/"),
        ("http://news.example:8080/x", "http://news.example:8080/x"),
        ("https://n.example/p?b=2&a=1&fbclid=z&gclid=y&ref=home&spm=1.2",
         "https://n.example/p?a=1&b=2"),
        ("https://n.example/p?mc_cid=1&mc_eid=2&ocid=3&igshid=4&_hsenc=5&_hsmi=6&yclid=7",
         "https://n.example/p"),
        ("https://n.example/p?q=", "https://n.example/p?q="),
        ("https://n.example/Case/Path", "https://n.example/Case/Path"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def _item(**kw: object) -> FeedItem:
    base: dict[str, object] = {"guid": None, "url": None, "title": "A title"}
    base.update(kw)
    return FeedItem(**base)  # type: ignore[arg-type]


def test_item_key_precedence() -> None:
    assert item_key(FEED, _item(guid="abc-1", url="https://x.example/a")) == (
        "guid:https://feeds.example/rss|abc-1")
    assert item_key("https://other.example/rss", _item(guid="abc-1")) != item_key(
        FEED, _item(guid="abc-1"))  # non-URL GUIDs are scoped to their feed
    assert item_key(FEED, _item(guid="https://X.example/a?utm_source=1")) == (
        "url:https://x.example/a")
    assert item_key(FEED, _item(url="https://x.example/a#top")) == "url:https://x.example/a"
    assert item_key(FEED, _item(guid="https://x.example/a")) == item_key(
        "https://elsewhere.example/", _item(url="https://x.example/a?fbclid=9"))


def test_item_key_hash_fallback_ignores_time_of_day() -> None:
    morning = _item(title="Bill passes", published=datetime(2024, 5, 1, 8, tzinfo=UTC))
    evening = _item(title="  bill PASSES ", published=datetime(2024, 5, 1, 20, tzinfo=UTC))
    next_day = _item(title="Bill passes", published=datetime(2024, 5, 2, 8, tzinfo=UTC))
    assert item_key(FEED, morning).startswith("hash:")
    assert item_key(FEED, morning) == item_key(FEED, evening)
    assert item_key(FEED, morning) != item_key(FEED, next_day)
    assert item_key(FEED, _item(title="x")) != item_key(FEED, _item(title="y"))


def test_content_fingerprint_tells_edits_from_churn() -> None:
    base = content_fingerprint("Bill passes", "<p>The bill passed 52-48. Updated 10:32 GMT</p>")
    assert base == content_fingerprint("Bill  PASSES", "The bill passed 52-48. Updated 11:05 GMT")
    assert base == content_fingerprint("Bill passes", "The bill passed 52-48.  Updated 2024-05-01")
    assert base != content_fingerprint("Bill passes", "The bill passed 51-49. Updated 10:32 GMT")


async def test_changed_timestamp_keeps_key_and_fingerprint(server: FeedServer,
                                                          fetcher: Fetcher) -> None:
    seen = []
    for _ in range(3):
        res = await fetcher.fetch(server.url("/feed/churn"))
        (item,) = parse_feed(res.body, url=res.final_url).items
        seen.append((item.published, item_key(res.final_url, item),
                     content_fingerprint(item.title, item.summary)))
    assert len({s[0] for s in seen}) == 3  # the feed really changed its timestamps
    assert len({s[1] for s in seen}) == 1 and len({s[2] for s in seen}) == 1


async def test_guidless_items_get_url_and_hash_keys(server: FeedServer, fetcher: Fetcher) -> None:
    res = await fetcher.fetch(server.url("/feed/guidless"))
    linked, bare = parse_feed(res.body, url=res.final_url).items
    assert item_key(res.final_url, linked) == "url:https://news.example/a?a=1&b=2"
    assert item_key(res.final_url, bare).startswith("hash:")


async def test_same_story_on_three_feeds_clusters(server: FeedServer, fetcher: Fetcher) -> None:
    clusterer = StoryClusterer()
    joined: dict[str, str | None] = {}  # item URL -> cluster it joined
    keys: dict[str, str] = {}  # item URL -> item key
    for outlet in ("alpha", "beta", "gamma"):
        res = await fetcher.fetch(server.url(f"/feed/story/{outlet}"))
        for item in parse_feed(res.body, url=res.final_url).items:
            assert item.url is not None
            keys[item.url] = item_key(res.final_url, item)
            joined[item.url] = clusterer.add(keys[item.url], f"{item.title}\n{item.summary}")
    first = "https://alpha.example/stablecoin-cap"
    assert joined[first] is None
    assert joined["https://beta.example/stablecoin-cap"] == keys[first]
    assert joined["https://gamma.example/stablecoin-cap"] == keys[first]
    others = [u for u in joined if u.endswith("/other")]
    assert len(others) == 3 and all(joined[u] is None for u in others)


def test_clusterer_rebuild_and_remove() -> None:
    pairs = [(f"{o}-1", f"{t}\n{d}") for o, (t, d) in fx.STORY.items()]
    pairs += [(f"{o}-2", f"{t}\n{d}") for o, (t, d) in fx.OTHER.items()]
    fresh = StoryClusterer()
    fresh.rebuild(pairs)
    assert len(fresh) == 6 and "beta-1" in fresh
    assert fresh.cluster_of("gamma-1") == "alpha-1" and fresh.cluster_of("beta-2") == "beta-2"
    assert fresh.add("beta-1", "ignored: already known") == "alpha-1"
    fresh.remove("alpha-1")
    assert "alpha-1" not in fresh
    assert fresh.add("delta-1", "\n".join(fx.STORY["beta"])) == "alpha-1"  # joins beta-1's cluster


LAZY_LSH = """
import sys
from bot.feeds.dedup import StoryClusterer
clusterer = StoryClusterer()
clusterer.remove("never-added")
print("datasketch" in sys.modules)
print(clusterer.add("a", "the central bank weighs a bitcoin reserve"), "datasketch" in sys.modules)
"""


def test_a_clusterer_loads_its_lsh_library_only_when_it_first_clusters() -> None:
    """datasketch's LSH imports SciPy (0.35 s of a CLI command's 0.76 s of imports); what
    start-up imports as a whole is tests/spine/test_startup_imports.py's."""
    out = subprocess.run([sys.executable, "-c", LAZY_LSH], capture_output=True, text=True,
                         timeout=60, check=True).stdout.split("\n")
    assert out[:2] == ["False", "None True"]


@pytest.mark.parametrize(("url", "shown"), [
    ("https://News.example/a?utm_source=rss&id=7&fbclid=x#p2", "https://News.example/a?id=7#p2"),
    ("https://news.example/a?b=2&a=1", "https://news.example/a?b=2&a=1"),
    ("https://news.example/plain", "https://news.example/plain"),
    ("https://news.example/a?utm_medium=feed", "https://news.example/a"),
])
def test_strip_tracking_keeps_everything_else(url: str, shown: str) -> None:
    """The link an alert shows loses tracking parameters only (order and fragment kept)."""
    assert strip_tracking(url) == shown
