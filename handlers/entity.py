"""/entity: who or what an entity is, its roles, mentions, articles and related names."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.services.container import Services
from handlers.cite import cite


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The /entity command."""

    async def entity(_ctx: CommandContext, arg: str) -> Reply:
        info = await services.queries.entity(arg)
        by_id = {a.id: a for a in info.articles}
        lines = [f"{info.name} ({info.type}) — {info.mentions} mention(s)"]
        if info.aliases:
            lines.append("Also called: " + ", ".join(info.aliases))
        for r in info.roles:
            role = r.text + (f", {r.org}" if r.org and r.org not in r.text else "")
            src = by_id.get(r.article_id) if r.article_id else None
            seen = f" (in {r.articles} articles)" if r.articles > 1 else ""
            lines.append(f"Role: {role}{seen}" + (f" {cite(src)}" if src else ""))
        if info.articles:
            lines.append("Articles:")
            lines += [f"  {cite(a)}" + (f" {a.url}" if a.url else "") for a in info.articles]
        if info.related:
            lines.append("Related: " + ", ".join(info.related))
        return Reply(command="entity", text="\n".join(lines), entity=info)

    return [CommandSpec(
        name="entity", summary="Who or what an entity is, with roles and articles",
        usage="/entity <name>", handler=entity,
        arg=ArgSpec("name", "a person, organisation or country", autocomplete="entity",
                    max_length=100),
        examples=("/entity Nayib Bukele", "/entity Saqib"),
    )]
