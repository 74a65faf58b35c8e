"""/help: the command list, from the registry itself."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.services.container import Services


def specs(_services: Services, registry: Registry) -> list[CommandSpec]:
    """The /help command."""

    async def help_(ctx: CommandContext, arg: str) -> Reply:
        shown = [s for s in registry.specs() if ctx.is_admin or not s.admin]
        if arg:
            spec = registry.get(arg)
            if spec is None or spec not in shown:
                names = ", ".join(ctx.typed("/" + s.name) for s in shown)
                return Reply(command="help", ok=False, text=f"No command /{arg.lstrip('/')}. "
                             f"Commands: {names}", error=f"No command /{arg.lstrip('/')}.")
            lines = [f"{ctx.typed(spec.usage)} — {spec.summary}",
                     *(f"  e.g. {ctx.typed(e)}" for e in spec.examples)]
            return Reply(command="help", text="\n".join(lines))
        lines = ["PolicyWire commands:"]
        lines += [f"  {ctx.typed(s.usage)} — {s.summary}" + (" (admin)" if s.admin else "")
                  for s in shown]
        return Reply(command="help", text="\n".join(lines))

    return [CommandSpec(
        name="help", summary="List commands, or explain one", usage="/help [command]",
        handler=help_, arg=ArgSpec("command", "a command name", required=False, max_length=40),
        examples=("/help figures",),
    )]
