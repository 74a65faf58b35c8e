"""A runtime on a temporary SQLite file with the default config, seeds ingested on demand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Runtime, build
from bot.config_loader import load_config
from bot.settings import ChannelConfig, Config


def default_config(repo_root: Path) -> Config:
    """The bundled default config."""
    return load_config(repo_root / "config" / "policywire.yaml")


def console_config(repo_root: Path) -> Config:
    """The bundled default config, its one channel the console, subscribed to every topic."""
    config = default_config(repo_root)
    return config.model_copy(update={"channels": [
        ChannelConfig(platform="console", id="console", topics=config.topic_names()),
    ]})


@pytest.fixture
async def app(repo_root: Path, tmp_path: Path) -> AsyncIterator[Runtime]:
    """A fresh Runtime (thread executor) whose database lives in tmp_path."""
    config = console_config(repo_root)
    app = await build(config, config_path=repo_root / "config" / "policywire.yaml",
                           db_path=tmp_path / "pw.db", env={}, executor="thread")
    yield app
    await app.close()
