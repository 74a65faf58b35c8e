"""Item 1: entity declarations hidden by a BOM-less UTF-16/UTF-32 encoding are refused.

The charset is given only in the HTTP header (or left for feedparser to sniff) and the document
starts with a newline, so neither a byte-order mark nor the first bytes name the encoding.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import Rig
from tests.security.payloads import wide_entity_feed

CASES = [("utf-16-le", "utf-16"), ("utf-16-be", "utf-16be"), ("utf-32-le", "utf-32"),
         ("utf-32-be", "utf-32-be"), ("utf-16-le", None)]


@pytest.mark.parametrize(("codec", "charset"), CASES)
async def test_wide_entity_feed_is_refused_and_counted(rig: Rig, codec: str,
                                                       charset: str | None) -> None:
    ctype = "application/rss+xml" + (f"; charset={charset}" if charset else "")
    url = rig.server.serve(f"/wide/{codec}", wide_entity_feed(codec), {"Content-Type": ctype})
    report = await rig.poll(url, backfill=1)
    assert report.error is not None and "entit" in report.error, report.summary()
    state = await rig.state(url)
    assert state.consecutive_failures == 1 and "entit" in (state.last_error or "")
    assert await rig.item_counts(url) == {}
    assert await rig.largest_text() == 0


async def test_a_wide_feed_without_declarations_still_parses(rig: Rig) -> None:
    from tests.security.payloads import item, rss

    body = ("\n" + rss(item(1, "Plain text in UTF-16."))).encode("utf-16-le")
    url = rig.server.serve("/wide/plain", body,
                           {"Content-Type": "application/rss+xml; charset=utf-16"})
    report = await rig.poll(url)
    assert report.error is None and report.baseline == 1
