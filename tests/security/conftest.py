"""Fixtures for the hostile-input tests: a runtime on a temporary SQLite file, a raw-bytes server,
and the real CLI as a subprocess under hard CPU and memory limits."""

from __future__ import annotations

import asyncio
import os
import resource
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Runtime, build
from bot.config_loader import load_config
from bot.ingest.polling import PollReport
from bot.settings import AdminsConfig, ChannelConfig, FeedConfig, FetchConfig, NoticeChannel
from bot.store.feeds import FeedState
from tests.fakes.hostile_server import HostileServer

ROOT = Path(__file__).resolve().parents[2]
CPU_CAP_S = 60  # a CLI run under test that passes this was not bounded: the kernel stops it


@dataclass
class Rig:
    """The Runtime, its poller, and the hostile server."""

    app: Runtime
    server: HostileServer

    async def poll(self, url: str, **options: object) -> PollReport:
        """Poll `url` once as a configured feed would be."""
        assert self.app.poller is not None
        return await self.app.poller.poll(FeedConfig(url=url, **options))  # type: ignore[arg-type]

    async def state(self, url: str) -> FeedState:
        """The feed's stored health."""
        assert self.app.poller is not None
        return await self.app.poller.repo.state(url)

    async def item_counts(self, url: str) -> dict[str, int]:
        """How many items of the feed were recorded, per state."""
        assert self.app.poller is not None
        return await self.app.poller.repo.counts(url)

    async def notices(self) -> list[str]:
        """Admin notice cards queued in the outbox."""
        rows = await self.app.store.db.fetchall(
            "SELECT card FROM deliveries WHERE kind = 'notice' ORDER BY id")
        return [str(r["card"]) for r in rows]

    def set_fetch(self, **overrides: object) -> None:
        """Change the running fetch limits (the poller re-reads them on every poll)."""
        self.app.live.swap(self.app.config.model_copy(update={"fetch": fetch_config(**overrides)}))

    async def largest_text(self) -> int:
        """The longest stored article text, in characters (0 when none)."""
        row = await self.app.store.db.fetchone("SELECT max(length(body)) AS n FROM articles")
        return int(row["n"] or 0) if row else 0


def fetch_config(**overrides: object) -> FetchConfig:
    """Loopback allowed (the server is local); everything else at its defaults."""
    return FetchConfig(allow_loopback=True, total_timeout=30, **overrides)  # type: ignore[arg-type]


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    """A runtime (thread NLP) with the bundled topics and a console channel on all of them."""
    config = load_config(ROOT / "config" / "policywire.yaml")
    config = config.model_copy(update={
        "fetch": fetch_config(),
        "feeds": [],
        "admins": AdminsConfig(notify=[NoticeChannel(platform="console", id="ops")]),
        "channels": [ChannelConfig(platform="console", id="console",
                                   topics=config.topic_names())]})
    app = await build(config, config_path=ROOT / "config" / "policywire.yaml",
                           db_path=tmp_path / "pw.db", env={}, executor="thread")
    await app.fetcher()
    async with HostileServer() as server:
        yield Rig(app, server)
    await app.close()


@pytest.fixture
async def server() -> AsyncIterator[HostileServer]:
    """The raw-bytes server alone."""
    async with HostileServer() as srv:
        yield srv


def _limiter(cpu: int, mem_mb: int | None) -> Callable[[], None]:
    def limit() -> None:  # runs in the CLI child before exec
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        if mem_mb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))
    return limit


def local_config(tmp_path: Path, extra: str = "") -> Path:
    """A config with the bundled topics, loopback fetching and a database in tmp_path."""
    path = tmp_path / "local.yaml"
    path.write_text(
        f"include: [{ROOT / 'seeds' / 'topics.yaml'}]\n"
        "fetch: {allow_loopback: true}\n"
        "nlp: {executor: thread}\n"
        f"storage: {{path: {tmp_path / 'pw.db'}}}\n" + extra, encoding="utf-8")
    return path


async def cli(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, cpu: int = CPU_CAP_S,
              mem_mb: int | None = None) -> tuple[int, str, str]:
    """`python -m bot ARGS` under a hard CPU limit (and address-space limit, when given);
    returns (exit code, stdout, stderr).

    A run the kernel had to stop ends with a negative code (killed by a signal), which no test
    accepts as success.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYWIRE_")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=str(cwd), env=env,
        preexec_fn=_limiter(cpu, mem_mb),
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate(stdin)
    return proc.returncode if proc.returncode is not None else -1, out.decode(
        errors="replace"), err.decode(errors="replace")


async def python(code: str, stdin: bytes = b"", cpu: int = 10) -> tuple[int, str, str]:
    """`python -c CODE` with the repository importable, under a hard CPU limit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, cwd=str(ROOT), env=env, preexec_fn=_limiter(cpu, None),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate(stdin)
    return proc.returncode if proc.returncode is not None else -1, out.decode(), err.decode()
