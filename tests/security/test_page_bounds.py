"""Item 3: a page's cost cannot escape the byte cap.

trafilatura never gets bytes it could decompress itself, a page with more text than the cap is
refused, and extraction runs under the sandbox's CPU and memory limits. `policywire ingest URL`
refuses such pages with the reason (exit 2); the poller keeps the feed's own text for the item
and records why the page was not used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import Rig, cli, local_config
from tests.security.payloads import article_html, gzip_page, item, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}


async def _ingest(rig: Rig, tmp_path: Path, path: str, body: bytes) -> tuple[int, str]:
    url = rig.server.serve(path, body, HTML)
    code, _out, err = await cli("ingest", url, "--config", str(local_config(tmp_path)),
                                cwd=tmp_path)
    return code, err


@pytest.mark.slow
async def test_gzip_page_without_content_encoding_is_refused(rig: Rig, tmp_path: Path) -> None:
    code, err = await _ingest(rig, tmp_path, "/gz", gzip_page(20))
    assert code == 2, err
    assert ("the page was refused: the page body is gzip-compressed data sent without a "
            "Content-Encoding header") in err


@pytest.mark.slow
async def test_a_10_mib_page_is_stopped_at_its_cpu_budget(rig: Rig, tmp_path: Path) -> None:
    body = article_html(100_000).encode()
    assert 9 * 2**20 < len(body) < 10 * 2**20
    code, err = await _ingest(rig, tmp_path, "/huge", body)
    assert code == 2, err
    assert "the page was refused: extracting the page took more than 5 s of CPU" in err


@pytest.mark.slow
async def test_a_page_over_the_text_cap_is_refused(rig: Rig, tmp_path: Path) -> None:
    code, err = await _ingest(rig, tmp_path, "/long", article_html(3_000).encode())
    assert code == 2, err
    assert "more than the 200,000-character limit" in err


@pytest.mark.spacy
async def test_poller_keeps_the_feed_text_and_says_why_the_page_was_refused(rig: Rig) -> None:
    page = rig.server.serve("/story.html", gzip_page(2), HTML)
    teaser = "The regulator licensed the first stablecoin issuer... Read more"
    url = rig.server.serve("/teasers", rss(item(1, teaser, link=page)))
    report = await rig.poll(url, backfill=1)
    assert report.new == 1, report.summary()
    assert rig.app.poller is not None
    (seen,) = await rig.app.poller.repo.items_by_url(page)
    assert seen.state == "stored"
    assert "full page not used: the page body is gzip-compressed" in (seen.reason or "")
    assert 0 < await rig.largest_text() < 200
