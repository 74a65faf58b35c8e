"""One audit rule for every adapter: the real Runtime behind the console adapter, Slack (Socket
Mode, local Slack) and Discord (local gateway and REST) records every subscription change and
admin command with its outcome, and `/audit [n]` shows them to admins only."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.console.adapter import ConsoleAdapter
from bot.adapters.discord import DiscordAdapter, create_discord_adapter
from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.app import Runtime, build
from bot.chat.ports import AdapterDeps
from bot.config_loader import load_config
from bot.settings import AdminsConfig, SlackConfig
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake

MANAGE_CHANNELS = 1 << 4
SLACK_ADMIN = "U0ADMIN"


@dataclass
class Wired:
    app: Runtime
    console: ConsoleAdapter
    slack: SlackFake
    slack_bot: SlackAdapter
    discord: FakeDiscord
    discord_bot: DiscordAdapter


@pytest.fixture
async def wired(repo_root: Path, tmp_path: Path) -> AsyncIterator[Wired]:
    slack = await SlackFake().start()
    discord = FakeDiscord()
    await discord.start()
    config_path = repo_root / "config" / "policywire.yaml"
    config = load_config(config_path).model_copy(update={
        "channels": [], "admins": AdminsConfig(slack=[SLACK_ADMIN], discord=["7"]),
        "slack": SlackConfig(mode="socket")})
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN,
           "SLACK_API_URL": slack.api_url, "DISCORD_BOT_TOKEN": "fake-token",
           "DISCORD_API_URL": discord.api_url}

    def adapters(deps: AdapterDeps, state: Any, env: Mapping[str, str]) -> list[Any]:
        slack_bot = create_slack_adapter(config.slack, deps, env)
        discord_bot = create_discord_adapter(config.discord, deps, env, state=state)
        assert slack_bot is not None and discord_bot is not None
        return [slack_bot, discord_bot, ConsoleAdapter(deps, out=io.StringIO())]

    async with await build(config, config_path=config_path, db_path=tmp_path / "pw.db",
                           env=env, executor="thread", adapters=adapters) as app:
        slack_bot, discord_bot, console = app.adapters
        yield Wired(app, console, slack, slack_bot, discord, discord_bot)
    await discord.close()
    await slack.stop()


async def _slack(w: Wired, text: str, user: str = "U1USER") -> str:
    payload = w.slack.slash_payload("/policywire", text, user_id=user, channel_id="C0NEWS")
    token = payload["response_url"].rsplit("/", 1)[1]
    await w.slack.push_envelope("slash_commands", payload)
    await w.slack.wait_for(lambda: any(t == token for t, _ in w.slack.responses), timeout=30)
    return str(next(b for t, b in w.slack.responses if t == token).get("text", ""))


async def _discord(w: Wired, name: str, value: str, **member: Any) -> str:
    options = [{"name": "topic", "type": 3, "value": value}]
    sent = await w.discord.push_interaction(w.discord.interaction(2, name, options, **member))
    await w.discord.wait_for(lambda: bool(w.discord.callbacks_for(sent["id"])), timeout=30)
    return str(w.discord.callbacks_for(sent["id"])[0]["data"]["embeds"][0]["description"])


async def test_every_adapter_audits_subscription_changes_and_admin_commands(
        wired: Wired) -> None:
    w = wired
    channel = w.discord.guild.channel_ids[0]
    assert "now receives" in await w.console.ask("/subscribe reserves")
    assert "no longer receives" in await w.console.ask("/unsubscribe reserves")
    assert "now receives" in await _slack(w, "subscribe mining-energy")
    assert "manage this channel" in await _discord(w, "subscribe", "bilateral", user_id="3")
    assert "now receives" in await _discord(w, "subscribe", "bilateral", user_id="3",
                                            permissions=MANAGE_CHANNELS)
    assert "admins only" in await _slack(w, "audit")
    assert "No topic" in (await w.app.ask("/subscribe nothing-like-it")).text

    entries = [(e.platform, e.channel_id, e.user_id, e.action, e.detail.split(" — ")[0],
                e.outcome) for e in await w.app.store.audit.recent(10)]
    assert entries == [
        ("cli", "cli", "local", "subscribe", "nothing-like-it", "error"),
        ("slack", "C0NEWS", "U1USER", "audit", "", "refused"),
        ("discord", channel, "3", "subscribe", "bilateral", "ok"),
        ("discord", channel, "3", "subscribe", "bilateral", "refused"),
        ("slack", "C0NEWS", "U1USER", "subscribe", "mining-energy", "ok"),
        ("console", "console", "local", "unsubscribe", "reserves", "ok"),
        ("console", "console", "local", "subscribe", "reserves", "ok"),
    ]

    shown = await _slack(w, "audit 3", user=SLACK_ADMIN)
    assert "Audit log, newest first (3 entries)" in shown
    assert "cli cli  local: subscribe nothing-like-it" in shown
    console = await w.console.ask("/audit")
    assert "slack C0NEWS  U0ADMIN: audit 3 [ok]" in console  # reading the log is audited
    assert "console console  local: unsubscribe reserves [ok]" in console
    assert f"discord {channel}  3: subscribe bilateral [refused]" in console
    assert "1 to 100" in await w.console.ask("/audit 500")
