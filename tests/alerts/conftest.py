"""A runtime on a temporary SQLite file with figure tracking, digests and hourly limits wired.

Channels: console "live" (instant, all topics, 3 alerts per hour), slack "C-DIGEST" (daily digest
at 08:00 Europe/Berlin), discord "D-WEEK" (weekly digest, legal-tender only).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from bot.app import Runtime, build
from bot.config_loader import load_config
from bot.delivery.digests import DigestService
from bot.delivery.figure_tracking import FigureTracker
from bot.domain.models import ArticleIn
from bot.settings import ChannelConfig, DigestConfig


@dataclass
class AlertRig:
    """The app and the services under test."""

    app: Runtime
    tracker: FigureTracker
    digests: DigestService
    channels: list[ChannelConfig]

    async def deliveries(self, platform: str, channel_id: str) -> list:
        """Every outbox row of one channel, oldest first."""
        return await self.app.store.deliveries.for_channel(platform, channel_id)


def article(text: str, *, source: str, day: str, slug: str) -> ArticleIn:
    """A test article with its outlet, publication day and URL."""
    return ArticleIn(url=f"https://{source.lower().replace(' ', '')}.example/{slug}",
                     title=text.split(".")[0][:90], text=text, source=source,
                     date=datetime.fromisoformat(day + "T09:00:00+00:00"))


def channels_for(topics: list[str]) -> list[ChannelConfig]:
    """The three test channels."""
    return [
        ChannelConfig(platform="console", id="live", topics=topics, max_per_hour=3),
        ChannelConfig(platform="slack", id="C-DIGEST", topics=topics, mode="digest",
                      digest=DigestConfig(every="daily", time="08:00",
                                          timezone="Europe/Berlin")),
        ChannelConfig(platform="discord", id="D-WEEK", topics=["legal-tender"], mode="digest",
                      digest=DigestConfig(every="weekly", day="fri", time="17:30")),
    ]


@pytest.fixture
async def rig(repo_root: Path, tmp_path: Path) -> AsyncIterator[AlertRig]:
    """The runtime with its own FigureTracker and DigestService, as `bot.app.build` wires
    them."""
    config = load_config(repo_root / "config" / "policywire.yaml")
    channels = channels_for(config.topic_names())
    config = config.model_copy(update={"channels": channels})
    async with await build(config, config_path=repo_root / "config" / "policywire.yaml",
                           db_path=tmp_path / "pw.db", env={}, executor="thread") as app:
        yield AlertRig(app, app.tracker, app.digests, channels)
