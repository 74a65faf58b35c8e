"""`policywire ingest URL` goes through the guarded fetcher: refused URLs exit 2 with the reason."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.polling.conftest import NOW, ROOT, feed_xml, news_item
from tests.polling.feedhost import FeedHost


async def _cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYWIRE_")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=str(cwd), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=180)
    return proc.returncode or 0, out.decode(), err.decode()


@pytest.mark.slow
async def test_loopback_url_is_refused_with_exit_2_by_default(tmp_path: Path) -> None:
    async with FeedHost() as host:
        url = host.set("x", feed_xml("X", [news_item(1, NOW)]))
        code, _out, err = await _cli("ingest", url, "--db", str(tmp_path / "pw.db"), cwd=ROOT)
        assert host.hits["x"] == 0  # refused before any connection
    assert code == 2
    assert "loopback" in err and "127.0.0.1" in err


@pytest.mark.spacy
@pytest.mark.slow
async def test_loopback_feed_is_ingested_when_the_config_allows_it(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    config = tmp_path / "local.yaml"
    config.write_text(
        f"include: [{ROOT / 'seeds' / 'topics.yaml'}]\n"
        "fetch: {allow_loopback: true}\n"
        "nlp: {executor: thread}\n"
        f"storage: {{path: {db}}}\n", encoding="utf-8")
    async with FeedHost() as host:
        url = host.set("wire", feed_xml("Local Wire", [news_item(1, NOW), news_item(2, NOW)]))
        code, _out, err = await _cli("ingest", url, "--config", str(config), cwd=tmp_path)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, feed_url FROM articles ORDER BY url").fetchall()
    assert rows == [("https://news.example/story-1", url), ("https://news.example/story-2", url)]
    assert code == 0, err
