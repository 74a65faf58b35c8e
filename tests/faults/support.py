"""Helpers for the fault tests: a real second SQLite writer, the bot as a subprocess, and
counting what the chat fakes received."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import SlackFake

LOCK_WAIT_LOG = "locked by another writer"
STARTED_LOG = '"message": "started"'  # the JSON log line of a `policywire run` that is up
# The start of a fault test's config: chat over Slack's socket mode, no ops server, no seeds.
BASE_CONFIG = """
slack:
  mode: socket
server:
  enabled: false
seeds:
  ingest_on_start: false
"""


class WriteLock:
    """Another connection (here: the test process) holding the database's write lock."""

    def __init__(self, db: Path) -> None:
        self._conn = sqlite3.connect(db, isolation_level=None, timeout=30)
        self.held = False

    def take(self) -> None:
        """BEGIN IMMEDIATE: every other writer now waits (or fails) until `release()`."""
        self._conn.execute("BEGIN IMMEDIATE")
        self.held = True

    def release(self) -> None:
        """COMMIT the empty transaction, freeing the lock."""
        if self.held:
            self._conn.execute("COMMIT")
            self.held = False

    def close(self) -> None:
        """Release and close the connection."""
        self.release()
        self._conn.close()


def bot_env(**extra: str) -> dict[str, str]:
    """The environment of a bot subprocess: no chat tokens unless given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(extra)
    return env


async def start_cli(repo: Path, config: Path, db: Path, *args: str, env: dict[str, str],
                    stdin: int | None = asyncio.subprocess.DEVNULL,
                    stdout: int | None = asyncio.subprocess.PIPE) -> asyncio.subprocess.Process:
    """`python -m bot --config C --db D ARGS...` with stderr piped."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(config), "--db", str(db), *args,
        cwd=repo, env=env, stdin=stdin, stdout=stdout, stderr=asyncio.subprocess.PIPE)


async def start_run(repo: Path, config: Path, env: dict[str, str], *,
                    keep_stdin: bool = False) -> tuple[asyncio.subprocess.Process, LogWatch]:
    """`python -m bot --config C run --no-seeds` (the store from the env) and a watch on its
    stderr. `keep_stdin`: a pipe that stays open, for the console adapter (it stops at EOF)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(config), "run", "--no-seeds", cwd=repo,
        env=env, stdin=asyncio.subprocess.PIPE if keep_stdin else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    return proc, LogWatch(proc)


async def reap(procs: list[tuple[asyncio.subprocess.Process, LogWatch]]) -> None:
    """Kill whichever of `procs` still run and wait until each one's stderr is closed."""
    for proc, watch in procs:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await watch.close()


async def read_until(stream: asyncio.StreamReader, needle: str, timeout: float = 120) -> str:
    """The first line of `stream` containing `needle` (fails if the stream ends first)."""
    async def scan() -> str:
        seen: list[str] = []
        while True:
            line = (await stream.readline()).decode(errors="replace")
            if not line:
                raise AssertionError(f"stream ended before {needle!r}: {''.join(seen)[-3000:]}")
            seen.append(line)
            if needle in line:
                return line
    return await asyncio.wait_for(scan(), timeout)


class LogWatch:
    """Reads a bot's stderr in the background (so the pipe never fills) and lets a test wait
    for a log line."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._task = asyncio.create_task(self._read(proc))

    async def _read(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stderr is not None
        while line := (await proc.stderr.readline()).decode(errors="replace"):
            async with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        async with self._changed:
            self._changed.notify_all()

    def count(self, needle: str) -> int:
        """How many lines so far contain `needle`."""
        return sum(needle in line for line in self.lines)

    async def wait_for(self, needle: str, more_than: int = 0, timeout: float = 120) -> None:
        """Until more than `more_than` lines contain `needle` (fails if stderr ends first)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(
                lambda: self.count(needle) > more_than or self._task.done()), timeout)
        assert self.count(needle) > more_than, (
            f"stderr ended before {needle!r}: " + "".join(self.lines)[-3000:])

    async def close(self) -> None:
        """Wait until stderr is closed (the process has exited)."""
        await self._task


def slack_titles(fake: SlackFake) -> Counter[str]:
    """How often each alert title (the first line of its text) was posted on the Slack fake."""
    counts: Counter[str] = Counter()
    for messages in fake.history.values():
        for msg in messages:
            if msg.get("user") == "U0BOT" or msg.get("bot_id"):
                counts[str(msg.get("text", "")).split("\n", 1)[0]] += 1
    return counts


def discord_titles(fake: FakeDiscord) -> Counter[str]:
    """How often each alert title was posted by the bot on the Discord fake."""
    return Counter(m["embeds"][0]["title"] for ms in fake.messages.values() for m in ms
                   if m["author"]["id"] == fake.bot_id and m.get("embeds"))
