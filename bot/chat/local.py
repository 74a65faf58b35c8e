"""`LocalCommands`: one command run from outside a chat (the CLI's `ask`, tests) through the
same router the chat adapters use, with the admin rule they use."""

from __future__ import annotations

from collections.abc import Callable

from bot.chat.commands import CommandContext
from bot.chat.messages import Reply
from bot.chat.router import CommandRouter


class LocalCommands:
    """Run a command as a given platform user; admin as `is_admin(platform, user_id)` says."""

    def __init__(self, router: CommandRouter, is_admin: Callable[[str, str], bool]) -> None:
        self._router = router
        self._is_admin = is_admin

    async def ask(self, text: str, platform: str = "cli", channel_id: str = "cli",
                  user_id: str = "local") -> Reply:
        """Run one command through the router the chat adapters use."""
        ctx = CommandContext(platform=platform, channel_id=channel_id, user_id=user_id,
                             is_admin=self._is_admin(platform, user_id),
                             can_manage_channel=True)
        return await self._router.dispatch(ctx, text)
