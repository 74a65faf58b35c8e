"""Fault injection: the bot is SIGKILLed at random moments while it delivers a burst of alerts
to a local Slack and a local Discord; after restarts every alert has arrived exactly once, also
with busy channels and another writer holding the SQLite lock."""

from __future__ import annotations

import asyncio
import os
import random
import signal
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store
from tests.fakes.discord_api import FakeDiscord, Guild, snowflake
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake
from tests.faults.support import (
    BASE_CONFIG,
    LOCK_WAIT_LOG,
    LogWatch,
    WriteLock,
    bot_env,
    discord_titles,
    slack_titles,
    start_cli,
)

CHANNELS = 30
PER_CHANNEL = 5  # 2 platforms x 30 channels x 5 = 300 alerts
KILLS = 5
FOREIGN = 200  # messages by a person added to every channel between kills (hostile run)
SEED = int(os.environ.get("POLICYWIRE_FAULT_SEED", "20261128"))

CONFIG = BASE_CONFIG + """storage:
  busy_timeout: 0.2
"""


async def _fill_outbox(db: Path, slack: list[str], discord: list[str]) -> set[str]:
    store = await Store.open(db)
    keys = set()
    try:
        for platform, channels in (("slack", slack), ("discord", discord)):
            for channel in channels:
                for n in range(PER_CHANNEL):
                    key = f"fault:{platform}:{channel}:{n}"
                    card = Card(title=key, summary="Fault-injection alert.")
                    await store.outbox.enqueue([Outgoing(
                        key=key, article_id=None, platform=platform, channel_id=channel,
                        kind="article", card=card.model_dump_json())])
                    keys.add(key)
    finally:
        await store.close()
    return keys


async def _start_bot(repo: Path, config: Path, db: Path, env: dict[str, str]
                     ) -> asyncio.subprocess.Process:
    return await start_cli(repo, config, db, "run", "--no-seeds", env=env,
                           stdout=asyncio.subprocess.DEVNULL)


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "lock-and-busy-history"])
@pytest.mark.slow
async def test_sigkill_during_delivery_loses_and_doubles_nothing(
        repo_root: Path, tmp_path: Path, hostile: bool) -> None:
    """300 alerts, 5 SIGKILLs at random moments, restarts: each alert exactly once.

    `hostile` adds, between kills, 200 messages by a person to every channel (the earlier post
    is then beyond one history page), and a second connection holding the SQLite write lock
    past the busy timeout: at start-up (released once the bot logs that it waits) or mid-burst
    (the bot is killed while it waits, with sends whose outcome it could not record).
    """
    rng = random.Random(SEED)
    slack = await SlackFake().start()
    discord = FakeDiscord()
    discord.guild = Guild(channel_ids=[snowflake() for _ in range(CHANNELS)])
    # Discord forgets nonces at once here, as after an outage longer than its nonce window:
    # only the restarted bot's history search can then recognise an earlier post.
    discord.nonce_window = 0.0
    await discord.start()
    config = tmp_path / "policywire.yaml"
    config.write_text(CONFIG)
    db = tmp_path / "pw.db"
    slack_channels = [f"C{n:04d}FAULT" for n in range(CHANNELS)]
    keys = await _fill_outbox(db, slack_channels, discord.guild.channel_ids)
    env = bot_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                  SLACK_API_URL=slack.api_url, DISCORD_BOT_TOKEN="fault-token",
                  DISCORD_API_URL=discord.api_url, POLICYWIRE_LOG_LEVEL="WARNING")
    locks = ["start", "mid", "none", "mid", "start"] if hostile else ["none"] * KILLS
    rng.shuffle(locks)
    lock = WriteLock(db)

    def delivered() -> int:
        return sum(slack_titles(slack).values()) + sum(discord_titles(discord).values())

    kills = 0
    try:
        for when in locks:
            if when == "start":
                lock.take()
            proc = await _start_bot(repo_root, config, db, env)
            watch = LogWatch(proc)
            if when == "start":
                await watch.wait_for(LOCK_WAIT_LOG, 0)
                lock.release()
            before = delivered()
            target = before + rng.randint(5, 50)
            deadline = asyncio.get_running_loop().time() + 60
            while delivered() < target and asyncio.get_running_loop().time() < deadline:
                if proc.returncode is not None:
                    await watch.close()
                    pytest.fail(f"bot exited early ({proc.returncode}): "
                                f"{''.join(watch.lines)[-2000:]}")
                await asyncio.sleep(rng.uniform(0.001, 0.02))
            if when == "mid":
                waits = watch.count(LOCK_WAIT_LOG)
                lock.take()
                await watch.wait_for(LOCK_WAIT_LOG, waits)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            await watch.close()
            lock.release()
            kills += 1
            if hostile:
                for channel in slack_channels:
                    slack.add_foreign(channel, FOREIGN)
                for channel in discord.guild.channel_ids:
                    discord.add_foreign(channel, FOREIGN)
        proc = await _start_bot(repo_root, config, db, env)
        watch = LogWatch(proc)
        deadline = asyncio.get_running_loop().time() + 120
        while (len(set(slack_titles(slack) + discord_titles(discord))) < len(keys)
               and asyncio.get_running_loop().time() < deadline):
            await asyncio.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # once it has exited nothing is in flight any more
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            pytest.fail("the bot did not shut down on SIGTERM")
        await watch.close()
    finally:
        lock.close()
        await slack.stop()
        await discord.close()

    seen = slack_titles(slack) + discord_titles(discord)
    lost = keys - set(seen)
    doubled = {k: n for k, n in seen.items() if n > 1}
    print(f"\nfault injection ({'hostile' if hostile else 'plain'}): alerts={len(keys)} "
          f"kills={kills} locks={locks} lost={len(lost)} duplicated={len(doubled)} seed={SEED}")
    assert kills == KILLS
    assert not lost, f"lost {len(lost)} alerts, e.g. {sorted(lost)[:3]}"
    assert not doubled, f"duplicated {len(doubled)} alerts, e.g. {list(doubled.items())[:3]}"
    assert set(seen) == keys
    store = await Store.open(db)
    try:
        assert await store.deliveries.counts() == {"sent": len(keys)}
    finally:
        await store.close()
