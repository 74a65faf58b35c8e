"""The real discord.py client against the local Discord: login, READY, command sync."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.discord import DiscordAdapter
from bot.settings import DiscordConfig
from tests.discord.support import Calls, SqliteState, build_deps
from tests.fakes.discord_api import FakeDiscord


async def test_login_ready_and_sync(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    assert adapter.connected
    assert len(fake.identifies) == 1
    assert fake.identifies[0]["token"] == "fake-token"
    assert fake.compressions == ["zlib-stream"]
    assert adapter.synced is True
    assert len(fake.command_puts) == 1
    scope, body = fake.command_puts[0]
    assert scope is None
    names = [c["name"] for c in body]
    assert names == ["figures", "entity", "slowsum", "feeds", "subscribe"]
    fig = body[0]
    assert fig["options"][0]["name"] == "name"
    assert fig["options"][0]["autocomplete"] is True
    assert fig["options"][0]["required"] is True
    slow = body[2]
    assert slow["options"][0]["required"] is False
    assert body[3].get("options", []) == []


async def test_second_start_with_same_commands_does_not_sync(fake: FakeDiscord, calls: Calls,
                                                             tmp_path: Path) -> None:
    state = SqliteState(tmp_path / "state.db")
    for _ in range(2):
        bot = DiscordAdapter(DiscordConfig(), build_deps(calls), "fake-token",
                             api_url=fake.api_url, state=state, ready_timeout=10,
                             guild_ready_timeout=0.2)
        await bot.start()
        assert bot.connected
        await bot.stop()
        assert not bot.connected
    assert len(fake.identifies) == 2
    assert len(fake.command_puts) == 1


async def test_guild_ids_sync_to_guilds(fake: FakeDiscord, calls: Calls, tmp_path: Path) -> None:
    config = DiscordConfig(guild_ids=[int(fake.guild.id)])
    bot = DiscordAdapter(config, build_deps(calls), "fake-token", api_url=fake.api_url,
                         state=SqliteState(tmp_path / "s.db"), ready_timeout=10,
                             guild_ready_timeout=0.2)
    await bot.start()
    try:
        assert [scope for scope, _ in fake.command_puts] == [fake.guild.id]
        assert {c["name"] for c in fake.command_puts[0][1]} >= {"figures", "feeds"}
    finally:
        await bot.stop()


async def test_sharded_client_uses_gateway_bot(fake: FakeDiscord, calls: Calls) -> None:
    bot = DiscordAdapter(DiscordConfig(sharded=True), build_deps(calls), "fake-token",
                         api_url=fake.api_url, ready_timeout=10,
                             guild_ready_timeout=0.2)
    await bot.start()
    try:
        assert type(bot.client).__name__ == "AutoShardedClient"
        assert fake.identifies[0]["shard"] == [0, 1]
        assert ("GET", "/api/v10/gateway/bot") in fake.requests
    finally:
        await bot.stop()


async def test_resume_after_dropped_connection(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    await fake.drop_connections()
    await fake.wait_for(lambda: len(fake.resumes) == 1)
    assert fake.resumes[0]["session_id"]
    assert len(fake.identifies) == 1
