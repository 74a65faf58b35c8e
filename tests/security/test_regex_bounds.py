"""Regexes on outside text in bot/feeds and bot/config_loader run in linear time.

The "read more" teaser check (item 2's `\\W*\\s*$` tail), the HTML page's feed link search, and
the duration syntax of the config are each given input that made the old pattern backtrack
quadratically; they must answer within a hard CPU limit, with the right answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import Rig, cli, python
from tests.security.payloads import LONG_TEXT, link_flood, teaser_spaces


async def test_teaser_check_on_a_long_run_of_spaces() -> None:
    code, out, err = await python(
        "import sys\n"
        "from bot.feeds.extract import is_teaser\n"
        "text = sys.stdin.read()\n"
        "print(is_teaser(text), is_teaser(text[:-1]), is_teaser(text[:-1] + '...'))",
        stdin=(LONG_TEXT + teaser_spaces(60_000)).encode(), cpu=10)
    assert code == 0, err
    assert out.split() == ["False", "True", "True"]


async def test_html_page_with_a_link_flood_is_not_a_feed(rig: Rig) -> None:
    url = rig.server.serve("/links", link_flood(40_000), {"Content-Type": "text/html"})
    report = await rig.poll(url)
    assert report.error == "not a feed: got an HTML page"


async def test_html_page_names_its_feed(rig: Rig) -> None:
    page = (b'<html><head><LINK rel="alternate" TYPE="application/rss+xml" '
            b"href='/wire.xml'></head><body>News</body></html>")
    url = rig.server.serve("/page", page, {"Content-Type": "text/html"})
    report = await rig.poll(url)
    assert report.error == f"not a feed: got an HTML page (the page names a feed at " \
                           f"{rig.server.url('/wire.xml')})"


@pytest.mark.slow
async def test_config_duration_with_a_long_run_of_spaces(tmp_path: Path) -> None:
    path = tmp_path / "spaces.yaml"
    path.write_text(f'schedule:\n  jitter: "1{" " * 120_000}x"\n', encoding="utf-8")
    code, _out, err = await cli("config", "check", str(path), cpu=10)
    assert code == 2, err
    assert err.startswith(f"{path}:2: schedule.jitter: expected a duration")
