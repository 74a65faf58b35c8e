"""/figures: the numbers reported about an entity or topic, normalised and cited."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.format import format_figure
from bot.chat.messages import Reply
from bot.services.container import Services
from handlers.cite import cite


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The /figures command."""

    async def figures(_ctx: CommandContext, arg: str) -> Reply:
        subject, items = await services.queries.figures(arg.strip())
        if not items:
            return Reply(command="figures", text=f"No figures reported about {subject} yet.",
                         items=[])
        lines = [f"Figures about {subject}:"]
        for f in items:
            what = f.measure or f.kind
            who = f" ({f.subject})" if f.subject and f.subject != subject else ""
            lines.append(f"  {format_figure(f.value, f.unit, f.qualifier)} — {what}{who} "
                         f"{cite(f.article)}")
            lines.append(f"    “{f.sentence}”")
        return Reply(command="figures", text="\n".join(lines), items=items)

    return [CommandSpec(
        name="figures", summary="Figures reported about an entity or topic",
        usage="/figures <entity or topic>", handler=figures,
        arg=ArgSpec("subject", "an entity or topic name", autocomplete="entity", max_length=100),
        examples=("/figures El Salvador", "/figures mining-energy"),
    )]
