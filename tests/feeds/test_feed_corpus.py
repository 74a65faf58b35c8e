"""Every feed file of ../shared/data served by the local server through fetcher + parser.

No file may crash the pipeline (a FeedError is a fine answer for ill-formed feeds, HTML pages and
OPML); for well-formed feeds our items match what feedparser itself yields for the same bytes
(with our `FEEDPARSER_OPTIONS`; an HTML-typed title as its plain text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from bot.domain.errors import FeedError
from bot.feeds.errors import EntityAttack
from bot.feeds.fetcher import Fetcher
from bot.feeds.items import html_to_text
from bot.feeds.parser import FEEDPARSER_OPTIONS, parse_feed
from bot.settings import FetchConfig
from tests.fakes.feed_corpus import corpus_files, well_formed
from tests.fakes.feed_server import FeedServer

pytestmark = pytest.mark.shared


def _reference(body: bytes, url: str, headers: dict[str, str]) -> list[tuple[str, str]]:
    ref_headers = {k: v for k, v in headers.items() if k != "content-encoding"}
    ref_headers.setdefault("content-location", url)
    d: Any = feedparser.parse(body, response_headers=ref_headers, **FEEDPARSER_OPTIONS)
    out = []
    for e in d.entries:
        link = urljoin(url, e.get("link") or "")
        title = e.get("title") or ""
        if "html" in (e.get("title_detail") or {}).get("type", ""):
            title = html_to_text(title).replace("\n", " ")
        if urlsplit(link).scheme in ("http", "https") and (e.get("link") or "").strip():
            out.append((title.strip(), link))
    return out


@pytest.mark.slow
async def test_every_corpus_file(feed_data: Path) -> None:
    files = corpus_files(feed_data)
    if not files:
        pytest.skip("no feed corpus under ../shared/data")
    good = well_formed(feed_data, json_feeds=False)
    parsed = refused = compared = 0
    entity_refused: list[str] = []
    mismatches: list[str] = []
    cfg = FetchConfig(allow_loopback=True, total_timeout=10)
    async with FeedServer(root=feed_data) as srv, Fetcher(cfg) as fetcher:
        for path in files:
            rel = str(path.relative_to(feed_data))
            res = await fetcher.fetch(srv.url(f"/files/{rel}"))
            assert res.body == path.read_bytes(), rel
            try:
                feed = parse_feed(res.body, url=res.final_url, response_headers=res.headers)
            except EntityAttack:
                entity_refused.append(rel)
                continue
            except FeedError:
                refused += 1
                assert rel not in good or rel.endswith(".json"), f"well-formed {rel} refused"
                continue
            parsed += 1
            if rel.endswith(".json"):
                assert feed.version.startswith("json") and feed.items, rel
            if rel in good:
                compared += 1
                ours = [(i.title, i.url) for i in feed.items if i.url]
                if ours != _reference(res.body, res.final_url, res.headers):
                    mismatches.append(rel)
    declares = sorted(str(p.relative_to(feed_data)) for p in files if b"<!ENTITY" in p.read_bytes())
    assert sorted(entity_refused) == declares
    assert parsed + refused + len(entity_refused) == len(files)
    print(f"\ncorpus: {len(files)} files, {parsed} parsed, {refused} refused, "
          f"{len(entity_refused)} entity-refused, {compared} compared")
    assert compared > 500 and mismatches == []
