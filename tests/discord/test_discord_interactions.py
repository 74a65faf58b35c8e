"""Slash commands, autocomplete and the Share button through the real client and the fake."""

from __future__ import annotations

import asyncio

from bot.adapters.discord import DiscordAdapter
from bot.settings import DiscordConfig
from tests.discord.support import Calls, build_deps
from tests.fakes.discord_api import FakeDiscord

MANAGE_CHANNELS = 1 << 4


def _option(value: str, name: str = "name", focused: bool = False) -> list[dict]:
    opt = {"name": name, "type": 3, "value": value}
    return [{**opt, "focused": True}] if focused else [opt]


async def test_figures_interaction_gets_embed_callback(adapter: DiscordAdapter, fake: FakeDiscord,
                                                       calls: Calls) -> None:
    sent = await fake.push_interaction(
        fake.interaction(2, "figures", _option("El Salvador"), user_id="55"))
    await fake.wait_for(lambda: bool(fake.callbacks_for(sent["id"])))
    [cb] = fake.callbacks_for(sent["id"])
    assert cb["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE, answered directly
    data = cb["data"]
    assert data["flags"] & 64  # ephemeral
    assert data["allowed_mentions"] == {"parse": []}
    [embed] = data["embeds"]
    assert embed["title"] == "/figures"
    names = [f["name"] for f in embed["fields"]]
    assert names == ["El Salvador: 5,689 BTC", "IMF: $1.4 billion"]
    assert "[El Salvador adds to its bitcoin reserve](https://news.example/sv-reserve)" in (
        embed["fields"][0]["value"])
    button = data["components"][0]["components"][0]
    assert button["custom_id"] == "policywire:share" and button["label"] == "Share"
    ctx = calls.contexts[-1]
    assert (ctx.platform, ctx.user_id, ctx.channel_id) == ("discord", "55",
                                                            fake.guild.channel_ids[0])
    assert not ctx.is_admin and not ctx.can_manage_channel


async def test_autocomplete_offers_bukele(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    sent = await fake.push_interaction(
        fake.interaction(4, "entity", _option("Buk", focused=True)))
    await fake.wait_for(lambda: bool(fake.callbacks_for(sent["id"])))
    [cb] = fake.callbacks_for(sent["id"])
    assert cb["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    choices = cb["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert {"name": "Nayib Bukele", "value": "Nayib Bukele"} in choices


async def test_slow_command_is_deferred_then_followed_up(adapter: DiscordAdapter,
                                                         fake: FakeDiscord) -> None:
    sent = await fake.push_interaction(fake.interaction(2, "slowsum"))
    await fake.wait_for(lambda: bool(fake.webhook_calls))
    [cb] = fake.callbacks_for(sent["id"])
    assert cb["type"] == 5 and cb["data"]["flags"] & 64  # deferred, thinking, ephemeral
    method, which, body = fake.webhook_calls[0]
    assert (method, which) == ("POST", "followup")
    assert body["embeds"][0]["description"] == "A summary that took a while."
    assert body["allowed_mentions"] == {"parse": []}


async def test_admin_command_refused_then_allowed_and_audited(
        adapter: DiscordAdapter, fake: FakeDiscord, calls: Calls) -> None:
    refused = await fake.push_interaction(fake.interaction(2, "feeds", user_id="99"))
    await fake.wait_for(lambda: bool(fake.callbacks_for(refused["id"])))
    embed = fake.callbacks_for(refused["id"])[0]["data"]["embeds"][0]
    assert "admins only" in embed["description"]
    by_role = await fake.push_interaction(
        fake.interaction(2, "feeds", user_id="98", roles=[fake.guild.admin_role_id]))
    await fake.wait_for(lambda: bool(fake.callbacks_for(by_role["id"])))
    embed = fake.callbacks_for(by_role["id"])[0]["data"]["embeds"][0]
    assert embed["description"] == "2 feeds configured"
    await asyncio.wait_for(calls.audited.wait(), 5)
    calls.audited.clear()
    by_id = await fake.push_interaction(fake.interaction(2, "feeds", user_id="7"))
    await fake.wait_for(lambda: bool(fake.callbacks_for(by_id["id"])))
    await asyncio.wait_for(calls.audited.wait(), 5)
    assert calls.audits == [("discord", "99", "feeds", "", "refused"),
                            ("discord", "98", "feeds", "", "ok"),
                            ("discord", "7", "feeds", "", "ok")]


async def test_subscribe_needs_manage_channels(adapter: DiscordAdapter, fake: FakeDiscord,
                                               calls: Calls) -> None:
    topic = _option("mining", name="topic")
    no = await fake.push_interaction(fake.interaction(2, "subscribe", topic, user_id="3"))
    await fake.wait_for(lambda: bool(fake.callbacks_for(no["id"])))
    assert "manage this channel" in fake.callbacks_for(no["id"])[0]["data"]["embeds"][0][
        "description"]
    yes = await fake.push_interaction(fake.interaction(2, "subscribe", topic, user_id="3",
                                                       permissions=MANAGE_CHANNELS))
    await fake.wait_for(lambda: bool(fake.callbacks_for(yes["id"])))
    data = fake.callbacks_for(yes["id"])[0]["data"]
    assert data["embeds"][0]["description"] == "Subscribed to mining"
    assert not data.get("flags")  # public: the reply is not ephemeral, so no Share button
    assert calls.contexts[-1].can_manage_channel
    await asyncio.wait_for(calls.audited.wait(), 5)
    assert calls.audits == [("discord", "3", "subscribe", "mining", "refused"),
                            ("discord", "3", "subscribe", "mining", "ok")]


async def test_share_button_posts_answer_publicly(adapter: DiscordAdapter,
                                                  fake: FakeDiscord) -> None:
    sent = await fake.push_interaction(fake.interaction(2, "figures", _option("El Salvador")))
    await fake.wait_for(lambda: bool(fake.callbacks_for(sent["id"])))
    original = fake.callbacks_for(sent["id"])[0]["message"]
    click = fake.interaction(3, "", data={"custom_id": "policywire:share", "component_type": 2},
                             message=original, user_id="55")
    await fake.push_interaction(click)
    await fake.wait_for(lambda: bool(fake.callbacks_for(click["id"])))
    [cb] = fake.callbacks_for(click["id"])
    assert cb["type"] == 4
    assert not (cb["data"].get("flags") or 0) & 64  # visible to the channel
    embed = cb["data"]["embeds"][0]
    assert embed["fields"][0]["name"] == "El Salvador: 5,689 BTC"
    assert "Shared by tester" in embed["footer"]["text"]
    assert cb["data"]["allowed_mentions"] == {"parse": []}


async def test_quick_command_running_late_is_deferred(fake: FakeDiscord, calls: Calls) -> None:
    bot = DiscordAdapter(DiscordConfig(), build_deps(calls), "fake-token", api_url=fake.api_url,
                         ready_timeout=10, quick_timeout=0.0, guild_ready_timeout=0.2)
    await bot.start()
    try:
        sent = await fake.push_interaction(
            fake.interaction(2, "figures", _option("El Salvador")))
        await fake.wait_for(lambda: bool(fake.webhook_calls))
        assert [c["type"] for c in fake.callbacks_for(sent["id"])] == [5]
        body = fake.webhook_calls[0][2]
        assert body["embeds"][0]["fields"][0]["name"] == "El Salvador: 5,689 BTC"
        assert body["flags"] & 64
    finally:
        await bot.stop()
