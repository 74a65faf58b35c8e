"""Three `policywire run` processes on one PostgreSQL, posting to the local Slack and Discord
fakes: 300 alerts while a random process is SIGKILLed and restarted 4 times arrive exactly
once; a process stopped (SIGSTOP) past its lease causes no double post."""

from __future__ import annotations

import asyncio
import os
import random
import signal
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.store.outbox import Outgoing
from bot.store.postgres.store import PgStore
from tests.fakes.discord_api import FakeDiscord, Guild, snowflake
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake
from tests.faults.support import (
    BASE_CONFIG,
    LogWatch,
    bot_env,
    discord_titles,
    reap,
    slack_titles,
    start_run,
)

CHANNELS = 15  # per platform
PER_CHANNEL = 10  # 2 x 15 x 10 = 300 alerts
SEED = int(os.environ.get("POLICYWIRE_FAULT_SEED", "20261202"))
CONFIG = BASE_CONFIG + """storage:
  lease: 2
"""


class Deployment:
    """The fakes, the config and the processes of one test."""

    def __init__(self, repo: Path, tmp: Path, dsn: str) -> None:
        self.repo, self.dsn = repo, dsn
        self.config = tmp / "policywire.yaml"
        self.config.write_text(CONFIG)
        self.slack = SlackFake()
        self.discord = FakeDiscord()
        self.discord.guild = Guild(channel_ids=[snowflake() for _ in range(CHANNELS)])
        self.discord.nonce_window = 0.0  # only a history search recognises an earlier post
        self.procs: list[tuple[asyncio.subprocess.Process, LogWatch]] = []

    async def __aenter__(self) -> Deployment:
        await self.slack.start()
        await self.discord.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await reap(self.procs)
        await self.slack.stop()
        await self.discord.close()

    def env(self) -> dict[str, str]:
        return bot_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                       SLACK_API_URL=self.slack.api_url, DISCORD_BOT_TOKEN="fault-token",
                       DISCORD_API_URL=self.discord.api_url, POLICYWIRE_LOG_LEVEL="WARNING",
                       POLICYWIRE_DATABASE_URL=self.dsn)

    async def start(self) -> int:
        """One more `policywire run` process; its index."""
        self.procs.append(await start_run(self.repo, self.config, self.env()))
        return len(self.procs) - 1

    def live(self) -> list[int]:
        return [i for i, (p, _) in enumerate(self.procs) if p.returncode is None]

    async def kill(self, i: int, sig: int = signal.SIGKILL) -> None:
        proc, watch = self.procs[i]
        proc.send_signal(sig)
        await proc.wait()
        await watch.close()

    def seen(self) -> dict[str, int]:
        return dict(slack_titles(self.slack) + discord_titles(self.discord))

    async def fill(self) -> set[str]:
        store = await PgStore.open(self.dsn)
        try:
            alerts = [Outgoing(key=f"pg:{platform}:{c}:{n}", article_id=None, platform=platform,
                               channel_id=c, kind="article",
                               card=Card(title=f"pg:{platform}:{c}:{n}",
                                         summary="Scale-out alert.").model_dump_json())
                      for platform, chans in (
                          ("slack", [f"C{n:04d}PG" for n in range(CHANNELS)]),
                          ("discord", self.discord.guild.channel_ids))
                      for c in chans for n in range(PER_CHANNEL)]
            await store.outbox.enqueue(alerts)
            return {a.key for a in alerts}
        finally:
            await store.close()

    async def wait_for(self, count: int, timeout: float) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.seen()) < count:
            for proc, watch in self.procs:
                if proc.returncode not in (None, -signal.SIGKILL, -signal.SIGTERM, 0):
                    pytest.fail(f"a bot exited ({proc.returncode}): {''.join(watch.lines)[-2000:]}")
            if asyncio.get_running_loop().time() > deadline:
                pytest.fail(f"only {len(self.seen())} of {count} alerts arrived in {timeout}s")
            await asyncio.sleep(0.05)

    async def stop_all(self) -> None:
        for i in self.live():
            await self.kill(i, signal.SIGTERM)

    async def counts(self) -> dict[str, int]:
        store = await PgStore.open(self.dsn)
        try:
            return await store.deliveries.counts()
        finally:
            await store.close()


def _check(keys: set[str], seen: dict[str, int]) -> None:
    lost = keys - set(seen)
    doubled = {k: n for k, n in seen.items() if n > 1}
    assert not lost, f"lost {len(lost)} alerts, e.g. {sorted(lost)[:3]}"
    assert not doubled, f"doubled {len(doubled)} alerts, e.g. {list(doubled.items())[:3]}"
    assert set(seen) == keys


@pytest.mark.slow
async def test_three_processes_four_kills_each_alert_once(
        repo_root: Path, tmp_path: Path, pg_dsn: str) -> None:
    rng = random.Random(SEED)
    async with Deployment(repo_root, tmp_path, pg_dsn) as dep:
        keys = await dep.fill()
        for _ in range(3):
            await dep.start()
        kills = 0
        for threshold in sorted(rng.sample(range(20, 240), 4)):  # by progress, not time
            await dep.wait_for(threshold, 120)
            await dep.kill(rng.choice(dep.live()))
            kills += 1
            await dep.start()
        await dep.wait_for(len(keys), 120)
        await dep.stop_all()
        seen = dep.seen()
        print(f"\npg scale-out: alerts={len(keys)} processes=3 kills={kills} "
              f"lost={len(keys - set(seen))} doubled={sum(n > 1 for n in seen.values())}")
        assert kills == 4
        _check(keys, seen)
        assert await dep.counts() == {"sent": len(keys)}


@pytest.mark.slow
async def test_a_process_stopped_past_its_lease_posts_nothing_twice(
        repo_root: Path, tmp_path: Path, pg_dsn: str) -> None:
    async with Deployment(repo_root, tmp_path, pg_dsn) as dep:
        keys = await dep.fill()
        first = await dep.start()
        await dep.wait_for(10, 120)
        dep.procs[first][0].send_signal(signal.SIGSTOP)  # mid-burst, holding its channels
        await dep.start()
        await dep.start()
        await asyncio.sleep(5)  # well past the 2 s lease of every row it had claimed
        dep.procs[first][0].send_signal(signal.SIGCONT)
        await dep.wait_for(len(keys), 120)
        await dep.stop_all()
        _check(keys, dep.seen())
        assert await dep.counts() == {"sent": len(keys)}
