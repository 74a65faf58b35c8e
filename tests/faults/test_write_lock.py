"""Another writer holds the SQLite write lock longer than the busy timeout: the bot and the CLI
wait it out with a clear log line; nothing is lost, nothing is sent twice, nothing exits 1."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake
from tests.faults.support import (
    LOCK_WAIT_LOG,
    WriteLock,
    bot_env,
    read_until,
    slack_titles,
    start_cli,
)

CONFIG = """
include: [{seeds}/topics.yaml]
channels:
  - {{platform: console, id: console, topics: [reserves]}}
storage: {{busy_timeout: 0.2}}
server: {{enabled: false}}
seeds: {{ingest_on_start: false}}
slack: {{mode: socket}}
"""

ARTICLE = """---
title: Parliament debates reserve bill number {n}
url: https://news.example/reserve-bill-{n}
date: 2026-03-{day:02d}
---
Lawmakers in a small coastal country debated a bill on a national bitcoin reserve on day {n}.
The finance committee said the state holds 1,{n:03d} BTC and plans to buy more each month.
"""


def _config(tmp_path: Path, repo_root: Path) -> Path:
    path = tmp_path / "policywire.yaml"
    path.write_text(CONFIG.format(seeds=repo_root / "seeds"))
    return path


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


async def _migrated(db: Path) -> None:
    store = await Store.open(db)
    await store.close()


@pytest.mark.spacy
async def test_ingest_waits_out_a_held_lock_and_stores_every_article(
        repo_root: Path, tmp_path: Path) -> None:
    """The lock is held at start-up and again mid-batch; all 20 articles end up stored."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(1, 21):
        (articles / f"a{n:02d}.md").write_text(ARTICLE.format(n=n, day=n))
    db = tmp_path / "pw.db"
    await _migrated(db)
    lock = WriteLock(db)
    lock.take()
    proc = await start_cli(repo_root, _config(tmp_path, repo_root), db, "ingest", str(articles),
                           env=bot_env())
    assert proc.stderr is not None and proc.stdout is not None
    try:
        await read_until(proc.stderr, LOCK_WAIT_LOG)  # waiting at start-up, not exiting
        lock.release()
        await read_until(proc.stderr, "write lock was taken")
        while _count(db, "articles") < 3 and proc.returncode is None:
            await asyncio.sleep(0.02)
        lock.take()  # mid-batch: the next article's write has to wait
        await read_until(proc.stderr, LOCK_WAIT_LOG)
        lock.release()
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    finally:
        lock.close()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, err.decode()[-2000:]
    assert out.decode().count(" stored: ") == 20
    assert _count(db, "articles") == 20


@pytest.mark.slow
async def test_bot_starts_behind_a_held_lock_and_answers(repo_root: Path, tmp_path: Path) -> None:
    """`policywire run` started while another writer holds the lock waits, then serves."""
    db = tmp_path / "pw.db"
    await _migrated(db)
    lock = WriteLock(db)
    lock.take()
    proc = await start_cli(repo_root, _config(tmp_path, repo_root), db, "run", "--no-seeds",
                           "--console", env=bot_env(), stdin=asyncio.subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        await read_until(proc.stderr, LOCK_WAIT_LOG)
        lock.release()
        proc.stdin.write(b"/subscriptions\n")
        await proc.stdin.drain()
        await read_until(proc.stdout, "reserves")
        proc.stdin.close()
        assert await asyncio.wait_for(proc.wait(), 60) == 0
    finally:
        lock.close()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.slow
async def test_a_lock_held_during_delivery_doubles_nothing(repo_root: Path,
                                                           tmp_path: Path) -> None:
    """60 alerts to 20 Slack channels; the lock is taken mid-burst and held past the busy
    timeout: every alert arrives exactly once and every row ends `sent`."""
    slack = await SlackFake().start()
    db = tmp_path / "pw.db"
    store = await Store.open(db)
    keys = set()
    try:
        for c in range(20):
            for n in range(3):
                key = f"lock:C{c:03d}LOCK:{n}"
                await store.outbox.enqueue([Outgoing(
                    key=key, article_id=None, platform="slack", channel_id=f"C{c:03d}LOCK",
                    kind="article", card=Card(title=key, summary="Lock test.").model_dump_json())])
                keys.add(key)
    finally:
        await store.close()
    env = bot_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                  SLACK_API_URL=slack.api_url)
    lock = WriteLock(db)
    proc = await start_cli(repo_root, _config(tmp_path, repo_root), db, "run", "--no-seeds",
                           env=env, stdout=asyncio.subprocess.DEVNULL)
    assert proc.stderr is not None
    try:
        await slack.wait_for(lambda: sum(slack_titles(slack).values()) >= 10, timeout=60)
        lock.take()
        await read_until(proc.stderr, LOCK_WAIT_LOG)
        lock.release()
        await slack.wait_for(lambda: set(slack_titles(slack)) >= keys, timeout=120)
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        lock.close()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await slack.stop()
    seen = slack_titles(slack)
    assert {k: n for k, n in seen.items() if n > 1} == {}
    assert set(seen) == keys
    store = await Store.open(db)
    try:
        assert await store.deliveries.counts() == {"sent": len(keys)}
    finally:
        await store.close()
