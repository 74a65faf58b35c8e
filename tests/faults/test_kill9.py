"""Fault injection: the bot is SIGKILLed at random moments while it delivers a burst of alerts
to a local Slack and a local Discord; after restarts every alert has arrived exactly once."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.chat.messages import Card
from bot.store.sqlite import Store
from tests.fakes.discord_api import FakeDiscord, Guild, snowflake
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake

CHANNELS = 30
PER_CHANNEL = 5  # 2 platforms x 30 channels x 5 = 300 alerts
KILLS = 5
SEED = int(os.environ.get("POLICYWIRE_FAULT_SEED", "20261128"))

CONFIG = """
slack:
  mode: socket
server:
  enabled: false
seeds:
  ingest_on_start: false
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
                    await store.deliveries.enqueue(key, article_id=None, platform=platform,
                                                   channel_id=channel, kind="article",
                                                   card=card.model_dump_json())
                    keys.add(key)
    finally:
        await store.close()
    return keys


def _slack_titles(fake: SlackFake) -> Counter[str]:
    counts: Counter[str] = Counter()
    for messages in fake.history.values():
        for msg in messages:
            counts[str(msg.get("text", "")).split("\n", 1)[0]] += 1
    return counts


def _discord_titles(fake: FakeDiscord) -> Counter[str]:
    return Counter(m["embeds"][0]["title"] for ms in fake.messages.values() for m in ms)


async def _start_bot(repo: Path, config: Path, db: Path, env: dict[str, str]
                     ) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(config), "--db", str(db), "run",
        "--no-seeds", cwd=repo, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


async def test_sigkill_during_delivery_loses_and_doubles_nothing(
        repo_root: Path, tmp_path: Path) -> None:
    """300 alerts, 5 SIGKILLs at random moments, restarts: each alert exactly once."""
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
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
               SLACK_API_URL=slack.api_url, DISCORD_BOT_TOKEN="fault-token",
               DISCORD_API_URL=discord.api_url, POLICYWIRE_LOG_LEVEL="WARNING")

    def delivered() -> int:
        return sum(_slack_titles(slack).values()) + sum(_discord_titles(discord).values())

    kills = 0
    try:
        for _ in range(KILLS):
            proc = await _start_bot(repo_root, config, db, env)
            before = delivered()
            target = before + rng.randint(5, 50)
            deadline = asyncio.get_running_loop().time() + 60
            while delivered() < target and asyncio.get_running_loop().time() < deadline:
                if proc.returncode is not None:
                    err = (await proc.stderr.read()).decode() if proc.stderr else ""
                    pytest.fail(f"bot exited early ({proc.returncode}): {err[-2000:]}")
                await asyncio.sleep(rng.uniform(0.001, 0.02))
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            kills += 1
        proc = await _start_bot(repo_root, config, db, env)
        deadline = asyncio.get_running_loop().time() + 120
        while (len(set(_slack_titles(slack) + _discord_titles(discord))) < len(keys)
               and asyncio.get_running_loop().time() < deadline):
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # anything still in flight would show up as a duplicate now
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            pytest.fail("the bot did not shut down on SIGTERM")
    finally:
        await slack.stop()
        await discord.close()

    seen = _slack_titles(slack) + _discord_titles(discord)
    lost = keys - set(seen)
    doubled = {k: n for k, n in seen.items() if n > 1}
    print(f"\nfault injection: alerts={len(keys)} kills={kills} lost={len(lost)} "
          f"duplicated={len(doubled)} seed={SEED}")
    assert kills == KILLS
    assert not lost, f"lost {len(lost)} alerts, e.g. {sorted(lost)[:3]}"
    assert not doubled, f"duplicated {len(doubled)} alerts, e.g. {list(doubled.items())[:3]}"
    assert set(seen) == keys
    store = await Store.open(db)
    try:
        assert await store.deliveries.counts() == {"sent": len(keys)}
    finally:
        await store.close()
