"""Embed rendering within Discord's limits, the invite URL and the command-set hash."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from bot.adapters.discord.invite import BOT_PERMISSIONS, invite_url
from bot.adapters.discord.render import card_embed, neutralise, reply_embeds, truncate
from bot.adapters.discord.sync import command_set_hash
from bot.chat.messages import Card, CardField, EntityInfo, Reply, RoleItem, TopicHit, TopicInfo
from tests.discord.support import figures_reply

WORDS = "bitcoin reserve policy law " * 2000


def test_truncate_cuts_at_word_boundary_with_ellipsis() -> None:
    out = truncate("The central bank bought more bitcoin today", 20)
    assert out == "The central bank…"
    assert len(out) <= 20
    assert truncate("short", 20) == "short"


def test_neutralise_breaks_mass_and_user_mentions() -> None:
    out = neutralise("hi @everyone and @here, ping <@123> and <@&456>")
    assert "@everyone" not in out and "@here" not in out
    assert "<@123>" not in out and "<@&456>" not in out
    assert "everyone" in out and "123" in out


def test_card_embed_respects_every_limit() -> None:
    card = Card(title=WORDS, url="https://x.example/a", summary=WORDS, source="S" * 3000,
                date=date(2024, 1, 2),
                topics=[TopicHit(topic=f"topic-{i}", reason=WORDS) for i in range(20)],
                fields=[CardField(name=WORDS, value=WORDS) for _ in range(20)],
                also_reported_by=["A Paper"] * 500, color=0x123456)
    embed = card_embed(card)
    assert len(embed.title or "") <= 256 and embed.title.endswith("…")
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    assert all(len(f.name) <= 256 and len(f.value) <= 1024 for f in embed.fields)
    assert len(embed.footer.text or "") <= 2048
    assert len(embed) <= 6000
    assert "more not shown" in embed.footer.text
    assert embed.colour == discord.Colour(0x123456)
    marked = card_embed(card, ref="0123456789ab")
    assert marked.footer.text.endswith(" · ref 0123456789ab")
    assert len(marked.footer.text) <= 2048 and len(marked) <= 6000


def test_small_card_keeps_everything() -> None:
    embed = card_embed(Card(title="T", summary="S", source="Wire", date=date(2024, 5, 6),
                            topics=[TopicHit(topic="mining", reason="keyword: hashrate")],
                            also_reported_by=["B", "C"]))
    assert embed.footer.text == "Wire · 2024-05-06"
    assert [f.name for f in embed.fields] == ["Topic: mining", "Also reported by"]
    assert embed.fields[1].value == "B, C"


def test_latest_per_measure_leads_the_figures_embed() -> None:
    """The tracked measures' latest values come first, then every figure."""
    reply = figures_reply("El Salvador")
    reply = reply.model_copy(update={"latest": [
        reply.items[0].model_copy(update={"measure": "BTC holdings"})]})
    [embed] = reply_embeds(reply)
    assert embed.fields[0].name == "Latest per measure"
    assert embed.fields[0].value.startswith("BTC holdings: **5,689 BTC** — [")
    assert embed.fields[1].name == "El Salvador: 5,689 BTC"


def test_figures_reply_renders_fields_with_citations() -> None:
    [embed] = reply_embeds(figures_reply("El Salvador"))
    assert embed.title == "/figures"
    assert embed.fields[0].name == "El Salvador: 5,689 BTC"
    assert "(https://news.example/sv-reserve)" in embed.fields[0].value
    assert "Example Wire · 2024-03-01" in embed.fields[0].value


def test_error_entity_and_topic_replies() -> None:
    [err] = reply_embeds(Reply(command="entity", ok=False, text="No entity called Bukel."))
    assert err.description == "No entity called Bukel." and err.colour.value == 0xD64545
    ent = Reply(command="entity", text="x", entity=EntityInfo(
        name="Nayib Bukele", type="PERSON", roles=[RoleItem(text="President", org="El Salvador")]))
    [e] = reply_embeds(ent)
    assert e.title == "Nayib Bukele (PERSON)"
    assert e.fields[0].value == "President, El Salvador"
    [t] = reply_embeds(Reply(command="topics", text="x", topics=[
        TopicInfo(name="mining", description="Hashrate rules", matches=3, subscribed=True)]))
    assert "**mining**" in t.description and "✓ subscribed" in t.description


def test_many_figures_fit_the_message_budget() -> None:
    reply = figures_reply("X")
    reply.items = [reply.items[0].model_copy(update={"sentence": WORDS[:900]})] * 40
    [embed] = reply_embeds(reply)
    assert len(embed.fields) <= 25 and len(embed) <= 6000


def test_invite_url_has_scopes_and_permissions() -> None:
    url = invite_url("123456789012345678", guild_id="987654321098765432")
    parts = urlsplit(url)
    q = parse_qs(parts.query)
    assert parts.netloc == "discord.com" and parts.path == "/oauth2/authorize"
    assert q["client_id"] == ["123456789012345678"]
    assert q["scope"] == ["bot applications.commands"]
    assert q["guild_id"] == ["987654321098765432"]
    perms = discord.Permissions(int(q["permissions"][0]))
    assert perms == discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True, read_message_history=True,
        use_application_commands=True, send_messages_in_threads=True)
    assert BOT_PERMISSIONS == 277025475584
    assert "guild_id" not in invite_url("1")
    with pytest.raises(ValueError):
        invite_url("not-an-id")


def test_command_set_hash_is_stable_and_sensitive() -> None:
    a = [{"name": "figures", "description": "d", "options": []},
         {"name": "entity", "description": "e"}]
    assert command_set_hash(a) == command_set_hash(list(reversed(a)))
    changed = [{**a[0], "description": "changed"}, a[1]]
    assert command_set_hash(changed) != command_set_hash(a)
    assert command_set_hash(a, [1]) != command_set_hash(a)
    assert command_set_hash(a, [2, 1]) == command_set_hash(a, [1, 2])
