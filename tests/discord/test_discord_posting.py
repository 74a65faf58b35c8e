"""Alert posting: one embed per delivery, 429 retried by delay, permanent errors not retried."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from bot.adapters.discord import DiscordAdapter
from bot.adapters.discord.adapter import ref_for
from bot.chat.messages import Card, CardField, TopicHit
from bot.chat.outbound import OutboundQueue
from bot.settings import DiscordConfig
from tests.discord.support import Calls, SqliteState, build_deps
from tests.fakes.discord_api import FakeDiscord

CARD = Card(
    title="El Salvador adds to its bitcoin reserve", url="https://news.example/sv-reserve",
    source="Example Wire", date=date(2024, 3, 1),
    summary="The treasury bought more bitcoin. @everyone should read this.",
    topics=[TopicHit(topic="reserves", reason="keyword: bitcoin reserve")],
    fields=[CardField(name="Holding", value="5,689 BTC")],
    also_reported_by=["Other Paper"], color=0xF7931A, article_id=1)


async def test_send_card_posts_one_embed(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    channel = fake.guild.channel_ids[1]
    result = await adapter.send_card(channel, CARD, "delivery-1")
    assert result.ok and result.message_id
    [msg] = fake.messages[channel]
    assert msg["id"] == result.message_id
    assert msg["allowed_mentions"] == {"parse": []}
    [embed] = msg["embeds"]
    assert embed["title"] == CARD.title and embed["url"] == CARD.url
    assert embed["color"] == 0xF7931A
    assert "@\u200beveryone" in embed["description"] and "@everyone" not in embed["description"]
    assert embed["footer"]["text"] == f"Example Wire · 2024-03-01 · ref {ref_for('delivery-1')}"
    assert [(f["name"], f["value"]) for f in embed["fields"]] == [
        ("Topic: reserves", "keyword: bitcoin reserve"), ("Holding", "5,689 BTC"),
        ("Also reported by", "Other Paper")]
    assert await adapter.find_delivered(channel, "delivery-1") == result.message_id


async def test_resend_of_same_delivery_is_deduplicated_by_nonce(adapter: DiscordAdapter,
                                                                 fake: FakeDiscord) -> None:
    channel = fake.guild.channel_ids[0]
    first = await adapter.send_card(channel, CARD, "delivery-2")
    again = await adapter.send_card(channel, CARD, "delivery-2")
    other = await adapter.send_card(channel, CARD, "delivery-3")
    assert first.message_id == again.message_id != other.message_id
    assert len(fake.messages[channel]) == 2
    nonces = [body["nonce"] for _, body in fake.message_attempts]
    assert nonces[0] == nonces[1] != nonces[2] and len(nonces[0]) <= 25
    assert all(body["enforce_nonce"] for _, body in fake.message_attempts)


async def test_429_is_retried_after_its_delay(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    channel = fake.guild.channel_ids[0]
    fake.fail_next(429, retry_after=0.25)
    result = await adapter.send_card(channel, CARD, "delivery-4")
    assert result.ok
    assert len(fake.messages[channel]) == 1
    (t1, _), (t2, _) = fake.message_attempts
    assert t2 - t1 >= 0.25


async def test_missing_permissions_is_permanent(adapter: DiscordAdapter,
                                                fake: FakeDiscord) -> None:
    fake.fail_next(403, code=50013)
    result = await adapter.send_card(fake.guild.channel_ids[0], CARD, "delivery-5")
    assert not result.ok and result.permanent
    assert "50013" in (result.error or "")
    assert len(fake.message_attempts) == 1


async def test_unknown_channel_is_permanent(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    result = await adapter.send_card("123456789", CARD, "delivery-6")
    assert not result.ok and result.permanent and "10003" in (result.error or "")
    bad = await adapter.send_card("general", CARD, "delivery-7")
    assert not bad.ok and bad.permanent
    assert len(fake.message_attempts) == 1


async def test_after_a_restart_an_earlier_post_is_found_in_history(
        adapter: DiscordAdapter, fake: FakeDiscord, calls: Calls, tmp_path: Path) -> None:
    """A new process finds its earlier post by the footer reference, even after Discord's nonce
    window has passed, so the worker marks the delivery sent instead of posting it again."""
    channel = fake.guild.channel_ids[0]
    first = await adapter.send_card(channel, CARD, "story:7:discord:" + channel)
    for i in range(5):  # newer traffic in the channel, including another bot's embed
        await adapter.send_card(channel, CARD, f"other-{i}")
    fake.messages[channel].append({**fake.messages[channel][0], "id": "1",
                                   "author": {**fake.bot_user(), "id": "42"}})
    fake.nonce_window = 0.0
    restarted = DiscordAdapter(DiscordConfig(), build_deps(calls), "fake-token",
                               api_url=fake.api_url, state=SqliteState(tmp_path / "s2.db"),
                               queue=OutboundQueue(per_channel_interval=0.0), ready_timeout=10,
                               guild_ready_timeout=0.2)
    await restarted.start()
    try:
        found = await restarted.find_delivered(channel, "story:7:discord:" + channel)
        assert found == first.message_id
        assert await restarted.find_delivered(channel, "story:8:discord:" + channel) is None
        assert await restarted.find_delivered("not-a-channel", "x") is None
        assert ("GET", f"/api/v10/channels/{channel}/messages") in fake.requests
        again = await restarted.send_card(channel, CARD, "story:8:discord:" + channel)
        assert again.ok and len(fake.messages[channel]) == 8
    finally:
        await restarted.stop()


async def test_a_history_search_that_fails_answers_none(adapter: DiscordAdapter,
                                                        fake: FakeDiscord) -> None:
    """Unknown channel (404): no exception, just "not found", so the nonce still protects."""
    assert await adapter.find_delivered("999999999999", "never-sent") is None


async def test_gateway_drops_during_a_burst_do_not_double_alerts(
        adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    """A burst of 30 alerts while the gateway connection drops twice and resumes: each alert
    is posted once, and resending all of them afterwards (as a worker retry would) adds none."""
    channel = fake.guild.channel_ids[0]
    ids = [f"story:{i}:discord:{channel}" for i in range(30)]

    async def burst() -> list[str | None]:
        results = await asyncio.gather(*(adapter.send_card(channel, CARD, d) for d in ids))
        return [r.message_id for r in results]

    sending = asyncio.create_task(burst())
    await fake.drop_connections()
    await fake.wait_for(lambda: len(fake.resumes) >= 1, timeout=20)
    await fake.drop_connections()
    await fake.wait_for(lambda: len(fake.resumes) >= 2, timeout=20)
    first = await sending
    assert all(first) and len(set(first)) == 30
    again = [r.message_id for r in
             await asyncio.gather(*(adapter.send_card(channel, CARD, d) for d in ids))]
    assert again == first
    assert len(fake.messages[channel]) == 30
    assert len(fake.identifies) == 1  # resumed, never a fresh session
    found = await asyncio.gather(*(adapter.find_delivered(channel, d) for d in ids))
    assert list(found) == first
