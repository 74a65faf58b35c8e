"""/feeds (admin): feed health and feed operations, when the feed service is wired in."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.domain.errors import InvalidArgument
from bot.services.container import Services

USAGE = ("/feeds [list | why <url> | poll [url] | pause <url> | resume <url> |"
         " add <url> [topic...] | remove <url> | reload]")


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The admin commands."""

    async def feeds(ctx: CommandContext, arg: str) -> Reply:
        action, _, rest = arg.strip().partition(" ")
        action = action.lower() or "list"
        op = services.admin.get(action)
        if op is None:
            known = ", ".join(sorted(services.admin)) or "none (feeds are not enabled)"
            raise InvalidArgument(f"Unknown feeds action “{action}”. Available: {known}.", USAGE)
        text = await op(rest.strip(), ctx)
        return Reply(command="feeds", text=str(text))

    return [CommandSpec(
        name="feeds", summary="Feed health and operations", usage=USAGE, handler=feeds,
        arg=ArgSpec("action", "an action such as list or why <url>", required=False,
                    max_length=500),
        admin=True, slow=True, examples=("/feeds", "/feeds why https://example.org/a"),
    )]
