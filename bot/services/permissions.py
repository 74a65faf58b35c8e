"""Who may run admin commands: the one permission rule, read from the live config."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.settings import AdminsConfig


class Permissions:
    """Admin checks against the config's `admins` section (re-read on every call, so a reload
    takes effect at once). The local CLI is always admin: whoever runs it owns the files."""

    def __init__(self, admins: Callable[[], AdminsConfig]) -> None:
        self._admins = admins

    def is_admin(self, platform: str, user_id: str, roles: Sequence[str] = ()) -> bool:
        """Whether a user may run admin commands on a platform."""
        if platform == "cli":
            return True
        admins = self._admins()
        ids = {"console": admins.console, "slack": admins.slack,
               "discord": admins.discord}.get(platform, [])
        if user_id in ids:
            return True
        return platform == "discord" and any(r in admins.discord_roles for r in roles)
