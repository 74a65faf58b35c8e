"""Three `policywire run` processes on one PostgreSQL with two Slack digest channels due
25 s apart: the process that posted the first digest (the cron leader) is SIGKILLed, and
the second digest is still posted, once, by another process; neither digest is doubled."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.store.outbox import Outgoing
from bot.store.postgres.store import PgStore
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake
from tests.faults.support import BASE_CONFIG, STARTED_LOG, LogWatch, bot_env, reap, start_run

CHANNELS = ("C0001DIG", "C0002DIG")
LEADS = "now leads the cron jobs"
CONFIG = BASE_CONFIG + """schedule:
  jitter: 0
storage:
  lease: 2
topics:
  - name: reserves
    keywords: [bitcoin reserve]
channels:
"""
CHANNEL = """  - platform: slack
    id: {id}
    topics: [reserves]
    mode: digest
    digest:
      every: daily
      time: "{hh_mm_ss}"
      timezone: UTC
"""


START_S = 25  # time for three processes to start
APART_S = 25  # the kill, the takeover and some slack between the two digests


def due_times(now: datetime) -> tuple[datetime, datetime]:
    """The two digest times: START_S from now, and APART_S after that, on whole seconds."""
    first = (now + timedelta(seconds=START_S + 1)).replace(microsecond=0)
    return first, first + timedelta(seconds=APART_S)


def bot_posts(fake: SlackFake, channel: str) -> int:
    return sum(1 for m in fake.history.get(channel, []) if m.get("user") == "U0BOT"
               or m.get("bot_id"))


async def hold_alerts(dsn: str) -> None:
    """Three held alerts per digest channel (what a digest subscription enqueues)."""
    store = await PgStore.open(dsn)
    try:
        await store.outbox.enqueue([
            Outgoing(key=f"dig:{c}:{n}", article_id=None, platform="slack", channel_id=c,
                     kind="article", digest=True,
                     card=Card(title=f"Held story {n} for {c}",
                               summary="Waiting for the digest.").model_dump_json())
            for c in CHANNELS for n in range(3)])
    finally:
        await store.close()


async def wait_until(moment: datetime) -> None:
    await asyncio.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))


async def posts_settle(fake: SlackFake, channel: str, timeout: float) -> int:
    """Wait (up to `timeout`) for the channel's first bot post, then 3 s more for any repeat."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while bot_posts(fake, channel) == 0 and loop.time() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.sleep(3)
    return bot_posts(fake, channel)


@pytest.mark.slow
async def test_the_cron_leader_killed_between_digests_each_digest_once(
        repo_root: Path, tmp_path: Path, pg_dsn: str) -> None:
    first, second = due_times(datetime.now(UTC))
    config = tmp_path / "policywire.yaml"
    config.write_text(CONFIG + "".join(
        CHANNEL.format(id=c, hh_mm_ss=f"{t:%H:%M:%S}") for c, t in zip(CHANNELS, (first, second),
                                                                   strict=True)))
    await hold_alerts(pg_dsn)
    slack = SlackFake()
    await slack.start()
    env = bot_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                  SLACK_API_URL=slack.api_url, POLICYWIRE_LOG_LEVEL="INFO",
                  POLICYWIRE_DATABASE_URL=pg_dsn)
    procs: list[tuple[asyncio.subprocess.Process, LogWatch]] = []
    try:
        for _ in range(3):
            procs.append(await start_run(repo_root, config, env))
        for _, watch in procs:
            await watch.wait_for(STARTED_LOG, timeout=60)
        assert datetime.now(UTC) < first, "the processes started too late for the first digest"

        await wait_until(first)
        assert await posts_settle(slack, CHANNELS[0], timeout=30) == 1
        leaders = [i for i, (_, w) in enumerate(procs) if w.count(LEADS)]
        assert len(leaders) == 1, f"{len(leaders)} processes say they lead"
        proc, watch = procs[leaders[0]]
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        await watch.close()

        await wait_until(second)
        assert await posts_settle(slack, CHANNELS[1], timeout=30) == 1
        assert bot_posts(slack, CHANNELS[0]) == 1
        took_over = [i for i, (p, w) in enumerate(procs) if p.returncode is None and w.count(LEADS)]
        assert len(took_over) == 1 and took_over[0] != leaders[0]
        texts = Counter(str(m.get("text", "")).split("\n", 1)[0]
                        for c in CHANNELS for m in slack.history.get(c, []))
        assert all("3 stories" in t for t in texts), texts
    finally:
        await reap(procs)
        await slack.stop()
