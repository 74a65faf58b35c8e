"""Look before resend in a busy channel: the earlier post lies behind more than one page of
other people's messages. The restarted worker pages back to the delivery's first attempt
(bounded by HISTORY_LIMIT) on the local Slack and the local Discord, and posts nothing twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.discord import DiscordAdapter
from bot.adapters.slack import SlackAdapter
from bot.chat.messages import Card
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import HISTORY_LIMIT, ChatSender
from bot.delivery.worker import DeliveryWorker
from bot.settings import DiscordConfig, SlackConfig
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store
from tests.discord.support import Calls, SqliteState
from tests.discord.support import build_deps as discord_deps
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import BOT_TOKEN, SlackFake
from tests.faults.support import discord_titles, slack_titles
from tests.slack.slack_helpers import Audit
from tests.slack.slack_helpers import build_deps as slack_deps

KEY = "busy:alert:1"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "pw.db")
    yield s
    await s.close()


async def _post_then_die(store: Store, sender: ChatSender, channel: str) -> str:
    """What a worker does before it is killed: mark the row sending, post, never mark sent."""
    await store.outbox.enqueue([Outgoing(key=KEY, article_id=None, platform=sender.platform,
                                         channel_id=channel, kind="article",
                                         card=Card(title=KEY).model_dump_json())])
    (row,) = await store.deliveries.due([sender.platform])
    await store.deliveries.mark_sending(row.id)
    result = await sender.send_card(channel, Card.model_validate_json(row.card), KEY)
    assert result.ok and result.message_id
    return result.message_id


def _slack(fake: SlackFake) -> SlackAdapter:
    return SlackAdapter(SlackConfig(mode="http"), slack_deps(Audit()), bot_token=BOT_TOKEN,
                        api_url=fake.api_url, outbound=OutboundQueue(per_channel_interval=0.0))


async def test_slack_finds_its_post_behind_250_newer_messages(store: Store) -> None:
    fake = await SlackFake().start()
    try:
        posted = await _post_then_die(store, _slack(fake), "C0BUSY")
        fake.add_foreign("C0BUSY", 250)
        assert await DeliveryWorker(store, {"slack": _slack(fake)}).drain() == 1
    finally:
        await fake.stop()
    assert slack_titles(fake) == {KEY: 1}
    (row,) = await store.deliveries.for_channel("slack", "C0BUSY")
    assert (row.state, row.message_id) == ("sent", posted)
    lookups = fake.calls_to("conversations.history")
    assert len(lookups) == 2 and all(c.body.get("oldest") for c in lookups)


async def test_slack_search_stops_at_its_bound(store: Store) -> None:
    """Beyond HISTORY_LIMIT newer messages the post is not found: the alert is resent (the
    documented at-least-once case) after at most HISTORY_LIMIT messages were read."""
    fake = await SlackFake().start()
    try:
        await _post_then_die(store, _slack(fake), "C0FLOOD")
        fake.add_foreign("C0FLOOD", HISTORY_LIMIT + 50)
        assert await DeliveryWorker(store, {"slack": _slack(fake)}).drain() == 1
    finally:
        await fake.stop()
    assert slack_titles(fake) == {KEY: 2}
    read = sum(int(c.body["limit"]) for c in fake.calls_to("conversations.history"))
    assert read == HISTORY_LIMIT


async def _discord(fake: FakeDiscord, tmp_path: Path, name: str) -> DiscordAdapter:
    adapter = DiscordAdapter(DiscordConfig(), discord_deps(Calls()), "fake-token",
                             api_url=fake.api_url, state=SqliteState(tmp_path / f"{name}.db"),
                             queue=OutboundQueue(per_channel_interval=0.0), ready_timeout=10,
                             guild_ready_timeout=0.2)
    await adapter.start()
    return adapter


async def test_discord_finds_its_post_behind_250_newer_messages(store: Store,
                                                                tmp_path: Path) -> None:
    fake = FakeDiscord()
    fake.nonce_window = 0.0  # the nonce has expired: only the history search can tell
    await fake.start()
    channel = fake.guild.channel_ids[0]
    try:
        first = await _discord(fake, tmp_path, "first")
        try:
            fake.add_foreign(channel, 10)  # older chatter, before the first attempt
            posted = await _post_then_die(store, first, channel)
        finally:
            await first.stop()
        fake.add_foreign(channel, 250)
        restarted = await _discord(fake, tmp_path, "second")
        try:
            assert await DeliveryWorker(store, {"discord": restarted}).drain() == 1
        finally:
            await restarted.stop()
    finally:
        await fake.close()
    assert discord_titles(fake) == {KEY: 1}
    (row,) = await store.deliveries.for_channel("discord", channel)
    assert (row.state, row.message_id) == ("sent", posted)
    assert fake.history_requests and all("after" in q for q in fake.history_requests)
