"""Payload translation, de-duplication and share caches, and the generated app manifest."""

from __future__ import annotations

import json

import yaml

from bot.adapters.slack.manifest import BOT_SCOPES, build_manifest, manifest_json, manifest_yaml
from bot.adapters.slack.translate import (
    ShareCache,
    TtlSet,
    command_text,
    context_from,
    dedupe_key,
)
from bot.chat.messages import Reply
from bot.settings import SlackConfig
from tests.slack.slack_helpers import ADMIN, build_registry, is_admin


def test_command_text_root_and_per_handler() -> None:
    assert command_text("policywire", "/policywire", "figures  El Salvador") == \
        "figures El Salvador"
    assert command_text("policywire", "/policywire", "") == "help"
    assert command_text("policywire", "/policywire", "/entity Bukele") == "entity Bukele"
    assert command_text("policywire", "/figures", "El Salvador") == "figures El Salvador"
    assert command_text("pw", "/PW", "help") == "help"


def test_context_from_slash_and_action_payloads() -> None:
    ctx = context_from({"user_id": ADMIN, "channel_id": "C1"}, is_admin)
    assert (ctx.platform, ctx.user_id, ctx.channel_id, ctx.is_admin) == ("slack", ADMIN, "C1", True)
    ctx = context_from({"user": {"id": "U2"}, "channel": {"id": "C2"}}, is_admin)
    assert (ctx.user_id, ctx.channel_id, ctx.is_admin) == ("U2", "C2", False)


def test_dedupe_key_and_ttl_set() -> None:
    now = [0.0]
    seen = TtlSet(ttl=10, clock=lambda: now[0])
    key = dedupe_key({"trigger_id": "t1"})
    assert key == "trigger_id:t1" and dedupe_key({}) is None
    assert seen.add(key) is False
    assert seen.add(key) is True
    now[0] = 11
    assert seen.add(key) is False  # expired, so it counts as new


def test_share_cache_is_per_user_single_use_and_expires() -> None:
    now = [0.0]
    cache = ShareCache(ttl=60, clock=lambda: now[0])
    reply = Reply(command="echo", text="hi")
    token = cache.put("U1", reply)
    assert cache.pop(token, "U2") is None
    assert cache.pop(token, "U1") == reply
    assert cache.pop(token, "U1") is None
    late = cache.put("U1", reply)
    now[0] = 61
    assert cache.pop(late, "U1") is None


def test_manifest_socket_mode_root_command_only() -> None:
    m = build_manifest(SlackConfig(mode="socket"), build_registry(), None)
    assert m["settings"]["socket_mode_enabled"] is True
    assert m["settings"]["interactivity"] == {"is_enabled": True}
    cmds = m["features"]["slash_commands"]
    assert [c["command"] for c in cmds] == ["/policywire"]
    assert "url" not in cmds[0]
    assert m["oauth_config"]["scopes"]["bot"] == BOT_SCOPES
    for scope in ("commands", "chat:write", "chat:write.public", "channels:history",
                  "groups:history", "channels:read"):
        assert scope in BOT_SCOPES


def test_manifest_http_mode_per_handler_commands() -> None:
    cfg = SlackConfig(mode="http", root_command="pw", per_handler_commands=True)
    m = build_manifest(cfg, build_registry(), "https://bot.example/slack/events")
    cmds = {c["command"]: c for c in m["features"]["slash_commands"]}
    assert set(cmds) == {"/pw", "/figures", "/echo", "/reload"}
    assert all(c["url"] == "https://bot.example/slack/events" for c in cmds.values())
    assert cmds["/figures"]["usage_hint"] == "<entity or topic>"
    assert m["settings"]["socket_mode_enabled"] is False
    assert m["settings"]["interactivity"]["request_url"] == "https://bot.example/slack/events"
    assert yaml.safe_load(manifest_yaml(m)) == m
    assert json.loads(manifest_json(m)) == m


def test_a_request_url_asks_for_http_mode() -> None:
    """--request-url with the default (socket) config gives the HTTP-mode manifest."""
    m = build_manifest(SlackConfig(), build_registry(), "https://bot.example/slack/events")
    assert m["settings"]["socket_mode_enabled"] is False
    assert all(c["url"] == "https://bot.example/slack/events"
               for c in m["features"]["slash_commands"])
