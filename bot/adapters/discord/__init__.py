"""The Discord adapter package; the composition root calls `create_discord_adapter`."""

from __future__ import annotations

from collections.abc import Mapping

from bot.adapters.discord.adapter import DEFAULT_API_URL, DiscordAdapter, Lead, StepDown
from bot.adapters.discord.invite import invite_url
from bot.adapters.discord.sync import KeyValueState
from bot.chat.ports import AdapterDeps
from bot.settings import DiscordConfig

__all__ = ["DiscordAdapter", "KeyValueState", "Lead", "StepDown", "create_discord_adapter",
           "invite_url"]


def create_discord_adapter(config: DiscordConfig, deps: AdapterDeps, env: Mapping[str, str],
                           state: KeyValueState | None = None, lead: Lead | None = None,
                           step_down: StepDown | None = None) -> DiscordAdapter | None:
    """The adapter configured from `env`, or None when DISCORD_BOT_TOKEN is unset.

    `lead`/`step_down`: the gateway lock shared by the deployment's processes (only its
    holder opens the gateway session); None: this process always connects.

    Env: DISCORD_BOT_TOKEN (secret), DISCORD_API_URL (REST base, default Discord's v10 API;
    tests point it at the local fake), DISCORD_APPLICATION_ID (optional; learnt at login).
    """
    token = (env.get("DISCORD_BOT_TOKEN") or "").strip()
    if not token:
        return None
    app_id = (env.get("DISCORD_APPLICATION_ID") or "").strip()
    if app_id and not app_id.isdigit():
        raise ValueError("DISCORD_APPLICATION_ID must be the numeric application id")
    return DiscordAdapter(config, deps, token,
                          api_url=(env.get("DISCORD_API_URL") or "").strip() or DEFAULT_API_URL,
                          application_id=int(app_id) if app_id else None, state=state,
                          lead=lead, step_down=step_down)
