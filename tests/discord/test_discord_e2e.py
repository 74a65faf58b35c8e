"""End to end: the real runtime (SQLite in tmp_path, spaCy) behind the Discord adapter and fake."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord import DiscordAdapter, create_discord_adapter
from bot.app import Runtime, build
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import AdapterDeps
from bot.config_loader import load_config
from bot.settings import AdminsConfig, ChannelConfig
from tests.fakes.discord_api import FakeDiscord

pytestmark = pytest.mark.spacy

SEED = "seeds/articles/pakistan-el-salvador-bitcoin.md"


@pytest.fixture
async def wired(repo_root: Path, tmp_path: Path,
                fake: FakeDiscord) -> AsyncIterator[tuple[Runtime, DiscordAdapter]]:
    config_path = repo_root / "config" / "policywire.yaml"
    config = load_config(config_path)
    channel = fake.guild.channel_ids[0]
    config = config.model_copy(update={
        "channels": [ChannelConfig(platform="discord", id=channel, topics=config.topic_names())],
        "admins": AdminsConfig(discord=["7"]),
    })
    env = {"DISCORD_BOT_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url}

    def adapters(deps: AdapterDeps, state: Any, env: Mapping[str, str]) -> list[DiscordAdapter]:
        adapter = create_discord_adapter(config.discord, deps, env, state=state)
        assert adapter is not None
        adapter.queue = OutboundQueue(per_channel_interval=0.0)
        return [adapter]

    async with await build(config, config_path=config_path, db_path=tmp_path / "pw.db",
                           env=env, executor="thread", adapters=adapters) as app:
        [adapter] = app.adapters
        assert isinstance(adapter, DiscordAdapter)
        yield app, adapter


async def _answer(fake: FakeDiscord, interaction_id: str) -> dict[str, Any]:
    """The message an interaction finally produced (direct answer or deferred follow-up)."""
    await fake.wait_for(lambda: bool(fake.callbacks_for(interaction_id)), timeout=30)
    [cb] = fake.callbacks_for(interaction_id)
    if cb["type"] == 4:
        return cb["data"]
    await fake.wait_for(lambda: bool(fake.webhook_calls), timeout=30)
    return fake.webhook_calls[-1][2]


async def test_seed_alert_figures_and_autocomplete(repo_root: Path, fake: FakeDiscord,
                                                   wired: tuple[Runtime, DiscordAdapter]) -> None:
    app, adapter = wired
    assert adapter.connected and len(fake.command_puts) == 1
    names = {c["name"] for c in fake.command_puts[0][1]}
    assert {"entity", "figures", "topics", "help"} <= names

    outcomes = await app.ingest_paths([repo_root / SEED])
    assert [o.created for o in outcomes] == [True]
    assert await app.worker.drain() == 1
    channel = fake.guild.channel_ids[0]
    [msg] = fake.messages[channel]
    assert msg["allowed_mentions"] == {"parse": []}
    [embed] = msg["embeds"]
    assert embed["title"] and embed["description"] and embed["footer"]["text"]
    assert any(f["name"].startswith("Topic: ") for f in embed.get("fields", []))
    assert len(json.dumps(embed)) < 8000
    assert await app.worker.drain() == 0  # nothing is posted twice
    assert len(fake.messages[channel]) == 1

    sent = await fake.push_interaction(fake.interaction(
        2, "figures", [{"name": "subject", "type": 3, "value": "El Salvador"}]))
    answer = await _answer(fake, sent["id"])
    dumped = json.dumps(answer["embeds"], ensure_ascii=False)
    assert "6,240" in dumped and "745" in dumped and "El Salvador" in dumped

    entity_arg = next(c for c in fake.command_puts[0][1] if c["name"] == "entity")
    option = entity_arg["options"][0]["name"]
    auto = await fake.push_interaction(fake.interaction(
        4, "entity", [{"name": option, "type": 3, "value": "Buk", "focused": True}]))
    await fake.wait_for(lambda: bool(fake.callbacks_for(auto["id"])), timeout=30)
    choices = fake.callbacks_for(auto["id"])[0]["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert "Nayib Bukele" in [c["name"] for c in choices]


async def test_429_on_alert_is_retried_and_arrives_once(
        repo_root: Path, fake: FakeDiscord, wired: tuple[Runtime, DiscordAdapter]) -> None:
    app, _adapter = wired
    fake.fail_next(429, retry_after=0.2)
    await app.ingest_paths([repo_root / SEED])
    assert await app.worker.drain() == 1
    assert len(fake.message_attempts) == 2
    assert len(fake.messages[fake.guild.channel_ids[0]]) == 1
