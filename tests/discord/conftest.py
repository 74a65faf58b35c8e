"""Fixtures for the Discord adapter tests: the local fake Discord and a started adapter."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # make `tests.fakes` importable without a tests/__init__.py
    sys.path.insert(0, str(ROOT))

from bot.adapters.discord import DiscordAdapter  # noqa: E402
from bot.chat.outbound import OutboundQueue  # noqa: E402
from bot.settings import DiscordConfig  # noqa: E402
from tests.discord.support import Calls, SqliteState, build_deps  # noqa: E402
from tests.fakes.discord_api import FakeDiscord  # noqa: E402


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
async def adapter(fake: FakeDiscord, calls: Calls,
                  tmp_path: Path) -> AsyncIterator[DiscordAdapter]:
    deps = build_deps(calls, admin_roles=(fake.guild.admin_role_id,))
    bot = DiscordAdapter(DiscordConfig(), deps, "fake-token",
                         api_url=fake.api_url, state=SqliteState(tmp_path / "state.db"),
                         queue=OutboundQueue(per_channel_interval=0.0), ready_timeout=10,
                         guild_ready_timeout=0.2)
    await bot.start()
    yield bot
    await bot.stop()
