"""The OAuth2 URL that adds the bot to a server with exactly the permissions it needs."""

from __future__ import annotations

from urllib.parse import quote, urlencode

AUTHORIZE_URL = "https://discord.com/oauth2/authorize"
SCOPES = ("bot", "applications.commands")

# Bit positions from Discord's permission table.
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38

BOT_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | READ_MESSAGE_HISTORY
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
"""277025475584: view channel, send messages (+ in threads), embed links, read history,
use application commands. No administrator, no mention-everyone, no manage-anything."""


def invite_url(application_id: str, guild_id: str | None = None) -> str:
    """The invite URL for `application_id`, optionally preselecting (and locking) one guild."""
    app = str(application_id).strip()
    if not app.isdigit():
        raise ValueError(f"application id must be a Discord snowflake (digits), got {app!r}")
    params = {"client_id": app, "scope": " ".join(SCOPES), "permissions": str(BOT_PERMISSIONS)}
    if guild_id:
        gid = str(guild_id).strip()
        if not gid.isdigit():
            raise ValueError(f"guild id must be a Discord snowflake (digits), got {gid!r}")
        params["guild_id"] = gid
        params["disable_guild_select"] = "true"
    return f"{AUTHORIZE_URL}?{urlencode(params, quote_via=quote)}"
