"""Slack adapter package: `create_slack_adapter` is the one entry point used by `bot.app`."""

from __future__ import annotations

from collections.abc import Mapping

from bot.adapters.slack.adapter import SlackAdapter
from bot.chat.ports import AdapterDeps
from bot.domain.errors import ConfigError
from bot.settings import SlackConfig

__all__ = ["SlackAdapter", "create_slack_adapter"]


def create_slack_adapter(config: SlackConfig, deps: AdapterDeps,
                         env: Mapping[str, str]) -> SlackAdapter | None:
    """Build the adapter from config and environment; None when SLACK_BOT_TOKEN is unset.

    Socket Mode needs SLACK_APP_TOKEN, HTTP mode needs SLACK_SIGNING_SECRET; SLACK_API_URL
    points the Web API client elsewhere (a local Slack in tests).
    """
    bot_token = (env.get("SLACK_BOT_TOKEN") or "").strip()
    if not bot_token:
        return None
    app_token = (env.get("SLACK_APP_TOKEN") or "").strip() or None
    secret = (env.get("SLACK_SIGNING_SECRET") or "").strip() or None
    if config.mode == "socket" and app_token is None:
        raise ConfigError(["env: SLACK_APP_TOKEN: required for slack.mode 'socket' "
                           "(an app-level token with connections:write)"])
    if config.mode == "http" and secret is None:
        raise ConfigError(["env: SLACK_SIGNING_SECRET: required for slack.mode 'http'"])
    api_url = (env.get("SLACK_API_URL") or "").strip() or None
    return SlackAdapter(config, deps, bot_token=bot_token, app_token=app_token,
                        signing_secret=secret, api_url=api_url)
