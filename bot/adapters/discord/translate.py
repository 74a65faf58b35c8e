"""Translate Discord interactions into the neutral `CommandContext` and command text."""

from __future__ import annotations

from typing import Any

import discord

from bot.chat.commands import CommandContext
from bot.chat.ports import AdapterDeps

PLATFORM = "discord"


def role_ids(user: discord.abc.User) -> list[str]:
    """The caller's role ids (empty outside a guild or when the guild is not cached)."""
    if not isinstance(user, discord.Member):
        return []
    return [str(role.id) for role in user.roles if not role.is_default()]


def can_manage(interaction: discord.Interaction[Any]) -> bool:
    """Whether the caller may manage this channel (resolved channel permissions)."""
    perms = interaction.permissions
    return bool(perms.manage_channels or perms.administrator)


def command_context(interaction: discord.Interaction[Any], deps: AdapterDeps) -> CommandContext:
    """The neutral context for one interaction: who, where, and what they may do."""
    user_id = str(interaction.user.id)
    locale = str(interaction.locale.value if interaction.locale else "en").split("-")[0]
    return CommandContext(
        platform=PLATFORM,
        channel_id=str(interaction.channel_id or ""),
        user_id=user_id,
        is_admin=deps.is_admin(PLATFORM, user_id, role_ids(interaction.user)),
        can_manage_channel=can_manage(interaction),
        locale=locale or "en",
    )


def command_text(name: str, value: str | None) -> str:
    """The router's command text, e.g. ("figures", "El Salvador") -> "figures El Salvador"."""
    value = " ".join((value or "").split())
    return f"{name} {value}" if value else name


def choice_list(names: list[str], limit: int = 25) -> list[discord.app_commands.Choice[str]]:
    """Autocomplete choices: unique, at most `limit`, names and values within 100 chars."""
    seen: set[str] = set()
    out: list[discord.app_commands.Choice[str]] = []
    for name in names:
        value = name.strip()[:100]
        if not value or value.lower() in seen:
            continue
        seen.add(value.lower())
        out.append(discord.app_commands.Choice(name=value, value=value))
        if len(out) >= limit:
            break
    return out
