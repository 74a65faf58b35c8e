"""Build the Slack app manifest (paste into api.slack.com "Create an app from a manifest")."""

from __future__ import annotations

import json
from typing import Any

import yaml

from bot.adapters.slack.adapter import HTTP_PATH
from bot.chat.commands import CommandSpec, Registry
from bot.settings import SlackConfig

BOT_SCOPES = [
    "commands",  # slash commands
    "chat:write",  # post alerts and answers
    "chat:write.public",  # post alerts to public channels the bot has not joined
    "channels:history",  # find_delivered: look for an earlier post of a delivery
    "groups:history",  # the same in private channels the bot was invited to
    "channels:read",  # resolve channel names and membership
]
PLACEHOLDER_URL = f"https://your-host.example{HTTP_PATH}"
_DESCRIPTION_MAX = 100
_HINT_MAX = 100


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _usage_hint(spec: CommandSpec) -> str:
    usage = spec.usage.strip()
    head, _, rest = usage.partition(" ")
    return _clip(rest if head.lstrip("/") == spec.name else usage, _HINT_MAX)


def build_manifest(config: SlackConfig, registry: Registry,
                   request_url: str | None) -> dict[str, Any]:
    """The manifest as a dict: commands, bot scopes, interactivity, Socket Mode or request URLs.

    In HTTP mode every command and interactivity point at `request_url` (a placeholder when
    None); in Socket Mode no URL is needed. Giving `request_url` asks for HTTP mode whatever the
    config says (the URL is only used there).
    """
    http = config.mode == "http" or request_url is not None
    url = request_url or PLACEHOLDER_URL
    root_hint = " | ".join(s.name for s in registry.specs()[:8]) or "help"
    commands: list[dict[str, Any]] = [{
        "command": f"/{config.root_command}",
        "description": "PolicyWire: crypto policy news, entities, figures and topics",
        "usage_hint": _clip(f"[{root_hint}] <argument>", _HINT_MAX),
        "should_escape": False,
    }]
    if config.per_handler_commands:
        for spec in registry.specs():
            if spec.name == config.root_command:
                continue
            cmd: dict[str, Any] = {
                "command": f"/{spec.name}",
                "description": _clip(spec.summary or spec.name, _DESCRIPTION_MAX),
                "should_escape": False,
            }
            hint = _usage_hint(spec)
            if hint:
                cmd["usage_hint"] = hint
            commands.append(cmd)
    if http:
        for cmd in commands:
            cmd["url"] = url
    interactivity: dict[str, Any] = {"is_enabled": True}
    if http:
        interactivity["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "PolicyWire",
            "description": "Crypto and Bitcoin policy news: alerts, entities, figures.",
            "background_color": "#1d3557",
        },
        "features": {
            "bot_user": {"display_name": "PolicyWire", "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": not http,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(manifest: dict[str, Any]) -> str:
    """The manifest as YAML (key order kept)."""
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)


def manifest_json(manifest: dict[str, Any]) -> str:
    """The manifest as indented JSON."""
    return json.dumps(manifest, indent=2, ensure_ascii=False)
