"""The running bot as operators see it: /healthz, /metrics, SIGHUP reload, graceful exit."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

CONFIG = """
include: [{seeds}/topics.yaml]
channels:
  - platform: console
    id: console
    topics: [reserves, bilateral]
server:
  host: 127.0.0.1
  port: 0
seeds:
  articles: {seeds}/articles
"""


async def _read_until(stream: asyncio.StreamReader, needle: str, timeout: float = 120) -> str:
    async def scan() -> str:
        while True:
            line = (await stream.readline()).decode()
            if not line:
                raise AssertionError(f"stream ended before {needle!r}")
            if needle in line:
                return line
    return await asyncio.wait_for(scan(), timeout)


async def _run_bot(repo_root: Path, tmp_path: Path,
                   stderr: int) -> tuple[Path, asyncio.subprocess.Process]:
    """`policywire run` on the console with the ops endpoint on a free port (INFO logs)."""
    config = tmp_path / "policywire.yaml"
    config.write_text(CONFIG.format(seeds=repo_root / "seeds"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(config), "--db", str(tmp_path / "pw.db"),
        "--log-level", "INFO", "run", cwd=repo_root, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=stderr)
    return config, proc


@pytest.mark.spacy
@pytest.mark.slow
async def test_health_metrics_reload_and_exit(repo_root: Path, tmp_path: Path) -> None:
    """Health is ready, metrics count the seed, a bad SIGHUP reload is refused, EOF exits 0."""
    config, proc = await _run_bot(repo_root, tmp_path, asyncio.subprocess.PIPE)
    assert proc.stdin and proc.stdout and proc.stderr
    try:
        line = await _read_until(proc.stderr, "health and metrics listening")
        url = json.loads(line)["url"]
        await _read_until(proc.stdout, "ALERT #console")
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{url}/healthz") as resp:
                body = await resp.json()
                assert resp.status == 200, body
                assert body["checks"] == {"store": True, "adapters": True, "scheduler": True}
            async with http.get(f"{url}/metrics") as resp:
                text = await resp.text()
                assert "policywire_articles_ingested_total 1.0" in text
                assert 'policywire_alerts_sent_total{platform="console"} 1.0' in text
            config.write_text("topics: [oops\n")
            proc.send_signal(signal.SIGHUP)
            await _read_until(proc.stderr, "config reload refused")
            async with http.get(f"{url}/healthz") as resp:
                assert resp.status == 200
        proc.stdin.write(b"/topics\n")
        await proc.stdin.drain()
        await _read_until(proc.stdout, "Tracked topics")
        proc.stdin.close()
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.spacy
@pytest.mark.slow
async def test_sigterm_stops_the_bot_while_stdin_is_open(repo_root: Path, tmp_path: Path) -> None:
    """SIGTERM ends `run` promptly (exit 0) even though the console is waiting for a line."""
    _config, proc = await _run_bot(repo_root, tmp_path, asyncio.subprocess.DEVNULL)
    assert proc.stdin and proc.stdout
    try:
        await _read_until(proc.stdout, "ALERT #console")
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 20) == 0  # stdin is still open
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
