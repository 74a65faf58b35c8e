"""Item 7: outside text cannot make live Discord markdown (masked links, headings, quotes).

Alerts and command replies go through the real Discord adapter to the local Discord fake; the
test reads the embeds off the wire and parses masked links the way Discord does (a `[` that no
backslash escapes, its `]`, then `(url)`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.adapters.discord import DiscordAdapter
from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import ArticleItem, ArticleRef, Card, CardField, Reply, TopicHit
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import AdapterDeps
from bot.chat.router import CommandRouter
from bot.settings import DiscordConfig
from tests.discord.support import SqliteState
from tests.fakes.discord_api import FakeDiscord
from tests.security.payloads import BREAKOUT_URL, MASKED_LINK

SPOOF = f"# Official notice\n> verified by the regulator\n{MASKED_LINK} **now** ||x|| `y`"


def live_links(text: str) -> list[tuple[str, str]]:
    """(label, url) of every masked link Discord would render in `text`."""
    out, i = [], 0
    while (i := text.find("[", i)) >= 0:
        if _escaped(text, i):
            i += 1
            continue
        close = _unescaped(text, "]", i + 1)
        if close < 0 or not text.startswith("(", close + 1):
            i += 1
            continue
        end = _unescaped(text, ")", close + 2)
        if end < 0:
            break
        out.append((text[i + 1:close], text[close + 2:end]))
        i = end + 1
    return out


def _escaped(text: str, i: int) -> bool:
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _unescaped(text: str, ch: str, start: int) -> int:
    while (j := text.find(ch, start)) >= 0 and _escaped(text, j):
        start = j + 1
    return j


def _texts(embed: dict[str, Any]) -> list[str]:
    parts = [embed.get("title") or "", embed.get("description") or ""]
    for f in embed.get("fields", []):
        parts += [f["name"], f["value"]]
    return parts


def _registry() -> Registry:
    ref = ArticleRef(id=7, title=MASKED_LINK, url=BREAKOUT_URL, date=date(2024, 5, 6),
                     source="[Wire](https://phish.example/s)")
    article = ArticleItem(id=7, title=MASKED_LINK, url=BREAKOUT_URL, date=date(2024, 5, 6),
                          source="Wire", summary=SPOOF,
                          topics=[TopicHit(topic="reserves", reason=MASKED_LINK)])
    reg = Registry()

    async def latest(ctx: CommandContext, arg: str) -> Reply:
        return Reply(command="latest", text=SPOOF, articles=[article])

    async def say(ctx: CommandContext, arg: str) -> Reply:
        return Reply(command="say", text=f"{SPOOF}\n[#7 {ref.title}, 2024-05-06]")

    reg.add(CommandSpec("latest", "Newest articles", "/latest", latest))
    reg.add(CommandSpec("say", "Plain text", "/say [x]", say,
                        arg=ArgSpec("x", "anything", required=False)))
    return reg


@pytest.fixture
async def discord_bot(tmp_path: Path) -> AsyncIterator[tuple[FakeDiscord, DiscordAdapter]]:
    fake = FakeDiscord()
    await fake.start()
    reg = _registry()

    async def complete(kind: str, prefix: str) -> list[str]:
        return []

    deps = AdapterDeps(router=CommandRouter(reg), registry=reg, complete=complete,
                       is_admin=lambda *_: False)
    bot = DiscordAdapter(DiscordConfig(), deps, "fake-token", api_url=fake.api_url,
                         state=SqliteState(tmp_path / "state.db"),
                         queue=OutboundQueue(per_channel_interval=0.0), ready_timeout=10,
                         guild_ready_timeout=0.2)
    await bot.start()
    yield fake, bot
    await bot.stop()
    await fake.close()


async def _answer(fake: FakeDiscord, name: str) -> dict[str, Any]:
    sent = await fake.push_interaction(fake.interaction(2, name))
    await fake.wait_for(lambda: bool(fake.callbacks_for(sent["id"])), timeout=30)
    [cb] = fake.callbacks_for(sent["id"])
    return cb["data"]


async def test_alert_embed_has_no_live_outside_markdown(
        discord_bot: tuple[FakeDiscord, DiscordAdapter]) -> None:
    fake, bot = discord_bot
    card = Card(title=MASKED_LINK, url=BREAKOUT_URL, summary=SPOOF,
                source="[Wire](https://phish.example/s)", date=date(2024, 5, 6),
                topics=[TopicHit(topic="reserves", reason=MASKED_LINK)],
                fields=[CardField(name=MASKED_LINK, value=SPOOF)],
                also_reported_by=[MASKED_LINK])
    channel = fake.guild.channel_ids[0]
    assert (await bot.send_card(channel, card, "d-1")).ok
    [embed] = fake.messages[channel][0]["embeds"]
    for text in _texts(embed):
        assert live_links(text) == [], text
        assert not text.lstrip().startswith(("#", ">")), text
    assert "\\[Official notice\\]" in embed["description"]
    assert "\\*\\*now\\*\\*" in embed["description"] and "\\|\\|x\\|\\|" in embed["description"]
    assert urlsplit(embed["url"]).hostname == "news.example"
    assert ")[" not in embed["url"]


async def test_reply_links_cannot_be_broken_out_of(
        discord_bot: tuple[FakeDiscord, DiscordAdapter]) -> None:
    fake, _bot = discord_bot
    data = await _answer(fake, "latest")
    links = [link for e in data["embeds"] for t in _texts(e) for link in live_links(t)]
    assert links, "the article is still linked"
    assert all(urlsplit(url).hostname == "news.example" for _, url in links), links
    assert all("](" not in label for label, _ in links), links


async def test_plain_reply_text_is_escaped(
        discord_bot: tuple[FakeDiscord, DiscordAdapter]) -> None:
    fake, _bot = discord_bot
    data = await _answer(fake, "say")
    [embed] = data["embeds"]
    assert live_links(embed["description"]) == []
    assert embed["description"].startswith("\\# Official notice\n\\> verified")
