"""/subscribe, /unsubscribe, /subscriptions: which topics this channel receives alerts for."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.services.container import Services


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The subscription commands."""
    subs = services.subscriptions

    async def subscribe(ctx: CommandContext, arg: str) -> Reply:
        topic, created = await subs.subscribe(ctx.platform, ctx.channel_id, arg, ctx.user_id)
        text = (f"This channel now receives alerts for {topic}." if created
                else f"This channel already receives alerts for {topic}.")
        return Reply(command="subscribe", text=text, ephemeral=False)

    async def unsubscribe(ctx: CommandContext, arg: str) -> Reply:
        topic, removed = await subs.unsubscribe(ctx.platform, ctx.channel_id, arg)
        text = (f"This channel no longer receives alerts for {topic}." if removed
                else f"This channel was not subscribed to {topic}.")
        return Reply(command="unsubscribe", text=text, ephemeral=False)

    async def subscriptions(ctx: CommandContext, _arg: str) -> Reply:
        rows = await subs.list(ctx.platform, ctx.channel_id)
        if not rows:
            return Reply(command="subscriptions",
                         text="This channel has no subscriptions. /topics lists topics.")
        lines = ["This channel receives:"]
        for s in rows:
            err = f" (last delivery error: {s.last_error})" if s.last_error else ""
            lines.append(f"  {s.topic} — {s.mode}{err}")
        return Reply(command="subscriptions", text="\n".join(lines))

    topic_arg = ArgSpec("topic", "a topic name", autocomplete="topic", max_length=60)
    return [
        CommandSpec(name="subscribe", summary="Receive alerts for a topic in this channel",
                    usage="/subscribe <topic>", handler=subscribe, arg=topic_arg,
                    needs_manage_channel=True, examples=("/subscribe reserves",)),
        CommandSpec(name="unsubscribe", summary="Stop alerts for a topic in this channel",
                    usage="/unsubscribe <topic>", handler=unsubscribe, arg=topic_arg,
                    needs_manage_channel=True),
        CommandSpec(name="subscriptions", summary="Topics this channel receives",
                    usage="/subscriptions", handler=subscriptions),
    ]
