"""The subscription model, on the real bot process (console adapter, real SQLite file): the
config seeds a channel's topics and chat changes win, across restarts and both reload paths
(`/feeds reload` and SIGHUP); an edit of the config file applies only what it changed."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.faults.support import bot_env, read_until, start_cli

CONFIG = """
include: [{seeds}/topics.yaml]
channels:
  - {{platform: console, id: console, topics: [{topics}]}}
server: {{enabled: false}}
seeds: {{ingest_on_start: false}}
"""


class Console:
    """A `policywire run --console` process driven over its stdin and stdout."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, repo: Path, config: Path, db: Path) -> Console:
        proc = await start_cli(repo, config, db, "--log-level", "INFO", "run", "--no-seeds",
                               "--console", env=bot_env(), stdin=asyncio.subprocess.PIPE)
        return cls(proc)

    async def ask(self, command: str) -> str:
        """Type one command; the reply is every line up to the blank line that ends it."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command.encode() + b"\n")
        await self.proc.stdin.drain()
        lines: list[str] = []
        while (line := (await asyncio.wait_for(self.proc.stdout.readline(), 60)).decode()):
            if not line.strip():
                break
            lines.append(line)
        return "".join(lines)

    async def topics(self) -> set[str]:
        """The channel's topics as /subscriptions lists them."""
        reply = await self.ask("/subscriptions")
        return {line.split(" — ")[0].strip() for line in reply.splitlines()[1:]}

    async def quit(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert await asyncio.wait_for(self.proc.wait(), 60) == 0


def _write(config: Path, repo: Path, topics: list[str]) -> None:
    config.write_text(CONFIG.format(seeds=repo / "seeds", topics=", ".join(topics)))


@pytest.mark.slow
async def test_chat_changes_stick_and_config_edits_apply(repo_root: Path, tmp_path: Path) -> None:
    config, db = tmp_path / "policywire.yaml", tmp_path / "pw.db"
    _write(config, repo_root, ["reserves", "mining-energy"])

    bot = await Console.start(repo_root, config, db)
    assert await bot.topics() == {"reserves", "mining-energy"}
    assert "no longer receives alerts for reserves" in await bot.ask("/unsubscribe reserves")
    assert "now receives alerts for regulators" in await bot.ask("/subscribe regulators")
    assert "Reloaded" in await bot.ask("/feeds reload")
    assert await bot.topics() == {"mining-energy", "regulators"}
    await bot.quit()

    bot = await Console.start(repo_root, config, db)  # restart: the chat changes stay
    assert await bot.topics() == {"mining-energy", "regulators"}
    # The admin edits the file: adds bilateral, drops mining-energy, keeps reserves.
    _write(config, repo_root, ["reserves", "bilateral"])
    assert bot.proc.stderr is not None
    bot.proc.send_signal(signal.SIGHUP)
    await read_until(bot.proc.stderr, "config reloaded")
    assert await bot.topics() == {"bilateral", "regulators"}
    await bot.quit()

    bot = await Console.start(repo_root, config, db)
    assert await bot.topics() == {"bilateral", "regulators"}
    # A topic the file assigns can be dropped in chat again, and comes back only when the
    # file is edited to add it anew (here: removed, then added back).
    await bot.ask("/unsubscribe bilateral")
    _write(config, repo_root, ["reserves"])
    await bot.ask("/feeds reload")
    _write(config, repo_root, ["reserves", "bilateral"])
    await bot.ask("/feeds reload")
    assert await bot.topics() == {"bilateral", "regulators"}
    await bot.quit()
