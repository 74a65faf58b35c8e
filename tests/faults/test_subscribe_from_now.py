"""Subscribing starts from now: a restart that replays the seed article does not post it to a
channel that subscribed after it was stored; `--backfill` does, once. The real bot process
against the local Slack (Socket Mode), with the seed articles ingested at each start."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake
from tests.faults.support import LogWatch, bot_env, start_cli

pytestmark = pytest.mark.spacy

CONFIG = """
include: [{seeds}/topics.yaml]
channels:
  - {{platform: slack, id: C0FIRST, topics: [reserves, bilateral]}}
slack: {{mode: socket}}
server: {{enabled: false}}
seeds: {{articles: {seeds}/articles}}
"""


def _posts(slack: SlackFake, channel: str) -> list[str]:
    return [str(m.get("text", "")).split("\n", 1)[0] for m in slack.history.get(channel, [])
            if m.get("bot_id")]


async def _command(slack: SlackFake, channel: str, text: str) -> str:
    """Type `/policywire <text>` in a channel; the answer's text."""
    payload = slack.slash_payload("/policywire", text, channel_id=channel)
    token = payload["response_url"].rsplit("/", 1)[1]
    await slack.push_envelope("slash_commands", payload)
    await slack.wait_for(lambda: any(t == token for t, _ in slack.responses), timeout=60)
    return str(next(b for t, b in slack.responses if t == token).get("text", ""))


class Bot:
    """`policywire run` (seeds on) as a subprocess, with its log watched."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.log = LogWatch(proc)

    @classmethod
    async def start(cls, repo: Path, config: Path, db: Path, env: dict[str, str]) -> Bot:
        proc = await start_cli(repo, config, db, "--log-level", "INFO", "run", env=env,
                               stdout=asyncio.subprocess.DEVNULL)
        bot = cls(proc)
        await bot.log.wait_for("seeds ingested")
        return bot

    async def stop(self) -> None:
        """SIGTERM: start-up (seed replay, first delivery pass) finishes, then it exits."""
        self.proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(self.proc.wait(), 60) == 0
        await self.log.close()


@pytest.mark.slow
async def test_a_later_subscriber_gets_old_articles_only_by_backfill(
        repo_root: Path, tmp_path: Path) -> None:
    slack = await SlackFake().start()
    config, db = tmp_path / "policywire.yaml", tmp_path / "pw.db"
    config.write_text(CONFIG.format(seeds=repo_root / "seeds"))
    env = bot_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                  SLACK_API_URL=slack.api_url)
    try:
        bot = await Bot.start(repo_root, config, db, env)
        await slack.wait_for(lambda: len(_posts(slack, "C0FIRST")) == 1, timeout=60)
        answer = await _command(slack, "C0LATER", "subscribe bilateral")
        assert "now receives alerts for bilateral" in answer
        await bot.stop()

        bot = await Bot.start(repo_root, config, db, env)  # the seed is replayed at start
        await bot.stop()
        assert _posts(slack, "C0LATER") == []
        assert len(_posts(slack, "C0FIRST")) == 1

        bot = await Bot.start(repo_root, config, db, env)
        answer = await _command(slack, "C0LATER", "subscribe bilateral --backfill 3")
        assert "1 earlier article is on the way" in answer
        await slack.wait_for(lambda: len(_posts(slack, "C0LATER")) == 1, timeout=60)
        again = await _command(slack, "C0LATER", "subscribe bilateral --backfill")
        assert "0 earlier articles are on the way" in again
        await bot.stop()
    finally:
        await slack.stop()
    assert _posts(slack, "C0LATER") == _posts(slack, "C0FIRST")
    assert len(_posts(slack, "C0LATER")) == 1
