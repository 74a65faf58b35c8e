"""/subscribe, /unsubscribe, /subscriptions: which topics this channel receives alerts for.

A subscription starts from now: articles stored before it are not sent, unless the user asks
for them with `--backfill [N]` (the N newest articles of the topic, default 5, at most 20).
"""

from __future__ import annotations

import re

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.domain.errors import InvalidArgument
from bot.services.container import Services

SUBSCRIBE_USAGE = "/subscribe <topic> [--backfill [N]]"
BACKFILL_DEFAULT = 5
BACKFILL_MAX = 20
_BACKFILL = re.compile(r"(?:^|\s)--backfill(?:[ =](\d{1,6}))?(?=\s|$)", re.I)


def split_backfill(arg: str) -> tuple[str, int]:
    """("reserves", 3) from "reserves --backfill 3"; 0 when no backfill is asked for."""
    found = _BACKFILL.search(arg)
    if found is None:
        return arg.strip(), 0
    count = int(found.group(1)) if found.group(1) else BACKFILL_DEFAULT
    if not 1 <= count <= BACKFILL_MAX:
        raise InvalidArgument(f"--backfill takes 1 to {BACKFILL_MAX} articles.", SUBSCRIBE_USAGE)
    return (arg[:found.start()] + " " + arg[found.end():]).strip(), count


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The subscription commands."""
    subs = services.subscriptions

    async def subscribe(ctx: CommandContext, arg: str) -> Reply:
        name, backfill = split_backfill(arg)
        topic, created, queued = await subs.subscribe(ctx.platform, ctx.channel_id, name,
                                                      ctx.user_id, backfill=backfill)
        text = (f"This channel now receives alerts for {topic}, from now on." if created
                else f"This channel already receives alerts for {topic}.")
        if backfill:
            text += (f" {queued} earlier {'article is' if queued == 1 else 'articles are'} on "
                     f"the way (backfill of the {backfill} newest).")
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
                    usage=SUBSCRIBE_USAGE, handler=subscribe, arg=topic_arg,
                    needs_manage_channel=True,
                    examples=("/subscribe reserves", "/subscribe reserves --backfill 3")),
        CommandSpec(name="unsubscribe", summary="Stop alerts for a topic in this channel",
                    usage="/unsubscribe <topic>", handler=unsubscribe, arg=topic_arg,
                    needs_manage_channel=True),
        CommandSpec(name="subscriptions", summary="Topics this channel receives",
                    usage="/subscriptions", handler=subscriptions),
    ]
