"""Build Discord application commands from the neutral registry and answer their interactions.

One `app_commands.Command` per `CommandSpec`, created at start-up (no import-time decorators).
Each interaction is answered inside Discord's 3 seconds: quick commands directly (or deferred if
they run past `quick_timeout`), slow ones deferred at once and finished by a follow-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord.render import reply_embeds, truncate
from bot.adapters.discord.translate import choice_list, command_context, command_text
from bot.chat.commands import CommandSpec
from bot.chat.messages import Reply
from bot.chat.ports import AdapterDeps

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
SHARE_ID = "policywire:share"
AUTOCOMPLETE_TIMEOUT = 2.0

AppCommand = app_commands.Command[Any, ..., Any]
Run = Callable[[discord.Interaction[Any], str | None], Awaitable[None]]


class ShareView(discord.ui.View):
    """A persistent "Share" button: posts the ephemeral answer's embeds in the channel."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Share", style=discord.ButtonStyle.secondary, custom_id=SHARE_ID)
    async def share(self, interaction: discord.Interaction[Any],
                    button: discord.ui.Button[ShareView]) -> None:
        """Re-post the answer publicly, credited to whoever shared it."""
        embeds = list(interaction.message.embeds) if interaction.message else []
        if not embeds:
            await interaction.response.send_message("There is nothing to share.", ephemeral=True)
            return
        note = truncate(f"Shared by {interaction.user.display_name}", 200)
        last = embeds[-1]
        text = last.footer.text
        last.set_footer(text=f"{text} · {note}" if text else note)
        await interaction.response.send_message(embeds=embeds, allowed_mentions=NO_MENTIONS)


def _callback(run: Run, spec: CommandSpec) -> Callable[..., Coroutine[Any, Any, None]]:
    """A callback whose signature tells discord.py the command's single string option."""
    if spec.arg is None:
        async def no_arg(interaction: discord.Interaction[Any]) -> None:
            await run(interaction, None)
        return no_arg
    if spec.arg.required:
        async def required(interaction: discord.Interaction[Any], value: str) -> None:
            await run(interaction, value)
        return required

    async def optional(interaction: discord.Interaction[Any], value: str | None = None) -> None:
        await run(interaction, value)
    return optional


class Interactions:
    """Turns registry specs into app commands and interactions into router calls."""

    def __init__(self, deps: AdapterDeps, *, quick_timeout: float = 2.0) -> None:
        self.deps = deps
        self.quick_timeout = quick_timeout

    def install(self, tree: app_commands.CommandTree[Any]) -> list[AppCommand]:
        """Add one command per registry spec to `tree`."""
        built = [self.command(spec) for spec in self.deps.registry.specs()]
        for cmd in built:
            tree.add_command(cmd, override=True)
        return built

    def command(self, spec: CommandSpec) -> AppCommand:
        """The app command for one spec."""

        async def run(interaction: discord.Interaction[Any], value: str | None) -> None:
            await self.run(interaction, spec, value)

        cb = _callback(run, spec)
        if spec.arg is not None:
            cb = app_commands.rename(value=spec.arg.name.lower()[:32])(cb)
            cb = app_commands.describe(value=spec.arg.description[:100] or spec.arg.name)(cb)
            if spec.arg.autocomplete:
                cb = app_commands.autocomplete(value=self._completer(spec.arg.autocomplete))(cb)
        summary = spec.summary[:100] or spec.name
        return app_commands.Command(name=spec.name, description=summary, callback=cb,
                                    extras={"policywire": spec.name})

    def _completer(
            self, kind: str) -> Callable[..., Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
        async def complete(interaction: discord.Interaction[Any],
                           current: str) -> list[app_commands.Choice[str]]:
            try:
                names = await asyncio.wait_for(self.deps.complete(kind, current or ""),
                                               AUTOCOMPLETE_TIMEOUT)
            except Exception:
                log.exception("autocomplete for %s failed", kind)
                names = []
            return choice_list(names)
        return complete

    async def run(self, interaction: discord.Interaction[Any], spec: CommandSpec,
                  value: str | None) -> None:
        """Dispatch through the router and answer within Discord's deadline."""
        ctx = command_context(interaction, self.deps)
        task = asyncio.create_task(self.deps.router.dispatch(ctx, command_text(spec.name, value)))
        deferred = spec.slow
        try:
            if not deferred:
                try:
                    reply = await asyncio.wait_for(asyncio.shield(task), self.quick_timeout)
                except TimeoutError:
                    deferred = True
            if deferred:
                try:
                    await interaction.response.defer(ephemeral=True, thinking=True)
                except discord.HTTPException as exc:
                    log.warning("deferring /%s failed: %s", spec.name, exc)
                reply = await task
        finally:
            if not task.done():
                task.cancel()
        try:
            await self.respond(interaction, reply, deferred=deferred)
        except discord.HTTPException as exc:
            log.warning("answering /%s failed: %s", spec.name, exc)

    async def respond(self, interaction: discord.Interaction[Any], reply: Reply, *,
                      deferred: bool) -> None:
        """Send the rendered reply (with a Share button when it is ephemeral)."""
        embeds = reply_embeds(reply)
        share = reply.ephemeral and reply.ok
        kwargs: dict[str, Any] = {"embeds": embeds, "allowed_mentions": NO_MENTIONS}
        if share:
            kwargs["view"] = ShareView()
        if deferred:
            await interaction.followup.send(ephemeral=True, **kwargs)
        else:
            await interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs)
