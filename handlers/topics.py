"""/topics: the configured topics with match counts and this channel's subscriptions."""

from __future__ import annotations

from bot.chat.commands import CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply, TopicInfo
from bot.services.container import Services


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The /topics command."""

    async def topics(ctx: CommandContext, _arg: str) -> Reply:
        counts = await services.queries.topic_counts()
        subscribed = {s.topic for s in await services.subscriptions.list(ctx.platform,
                                                                         ctx.channel_id)}
        descriptions = {t.name: t.description for t in services.queries.topic_specs()}
        infos = [TopicInfo(name=name, description=descriptions.get(name, ""), matches=n,
                           subscribed=name in subscribed) for name, n in counts.items()]
        if not infos:
            return Reply(command="topics", text="No topics are configured yet.", topics=[])
        lines = ["Tracked topics (articles matched):"]
        for t in infos:
            mark = " [subscribed here]" if t.subscribed else ""
            lines.append(f"  {t.name} ({t.matches}){mark} — {t.description}".rstrip(" —"))
        return Reply(command="topics", text="\n".join(lines), topics=infos)

    return [CommandSpec(name="topics", summary="Tracked topics with match counts",
                        usage="/topics", handler=topics)]
