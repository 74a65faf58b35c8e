"""Parse a slash command, find its handler, check permission, and turn errors into replies.

This is the one place where domain errors become user-facing answers, and the one audit rule
for every adapter (console, Slack, Discord, `policywire ask`): each admin command and each
command that changes a channel's subscriptions is written to the audit log with who ran it,
where, its argument and how it ended (`ok`, `refused` for want of permission, or `error`).
Adapters call `CommandRouter.dispatch` and render whatever `Reply` comes back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from bot.chat.commands import CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.domain.errors import InvalidArgument, NotFound, PermissionDenied, PolicyWireError

log = logging.getLogger(__name__)

LatencyObserver = Callable[[str, float, bool], None]
AUDIT_DETAIL_MAX = 300  # characters of argument and error kept per audit entry


class AuditSink(Protocol):
    """Where audit entries go (bot.store.misc.AuditLog.record)."""

    async def __call__(self, platform: str, user_id: str, action: str, detail: str = "", *,
                       channel_id: str | None = None, outcome: str = "ok") -> None: ...


def audited(spec: CommandSpec) -> bool:
    """The audit rule: admin commands and commands that change subscriptions."""
    return spec.admin or spec.needs_manage_channel


def split_command(text: str) -> tuple[str, str]:
    """Split "/figures El Salvador" into ("figures", "El Salvador"); the slash is optional."""
    text = (text or "").strip()
    if not text:
        return "", ""
    head, _, rest = text.partition(" ")
    return head.lstrip("/").lower(), rest.strip()


class CommandRouter:
    """Dispatch commands from any adapter through the neutral registry."""

    def __init__(self, registry: Registry, observe: LatencyObserver | None = None,
                 audit: AuditSink | None = None) -> None:
        self.registry = registry
        self._observe = observe
        self._audit = audit
        self.closing = False  # set at shutdown: commands are answered with a short refusal

    def resolve(self, text: str) -> tuple[CommandSpec | None, str, str]:
        """The spec for `text` (or None), the command name, and the argument string."""
        name, arg = split_command(text)
        return self.registry.get(name), name, arg

    async def dispatch(self, ctx: CommandContext, text: str) -> Reply:
        """Run one command and always return a Reply (never raises for user errors)."""
        spec, name, arg = self.resolve(text)
        started = time.perf_counter()
        ok = False
        try:
            if self.closing:
                text = "PolicyWire is restarting. Try again in a minute."
                reply = Reply(command=name or "?", ok=False, text=text, error=text)
            elif spec is None:
                reply = self._unknown(name)
            else:
                reply, outcome = await self._run(spec, ctx, arg)
                if audited(spec):
                    await self._record(spec, ctx, arg, reply, outcome)
            ok = reply.ok
            return reply
        finally:
            if self._observe is not None:
                self._observe(name or "?", time.perf_counter() - started, ok)

    async def _run(self, spec: CommandSpec, ctx: CommandContext, arg: str) -> tuple[Reply, str]:
        """The reply, and the audit outcome: ok, refused or error."""
        try:
            self._check(spec, ctx, arg)
            reply = await spec.handler(ctx, arg)
            return reply, "ok" if reply.ok else "error"
        except NotFound as exc:
            text = str(exc)
            if exc.suggestions:
                text += " Did you mean: " + ", ".join(exc.suggestions) + "?"
            return Reply(command=spec.name, ok=False, text=text, error=text,
                         suggestions=exc.suggestions), "error"
        except InvalidArgument as exc:
            text = str(exc)
            usage = ctx.typed(exc.usage or spec.usage) if (exc.usage or spec.usage) else ""
            if usage and usage not in text:
                text += f" Usage: {usage}"
            return Reply(command=spec.name, ok=False, text=text, error=text), "error"
        except PermissionDenied as exc:
            return Reply(command=spec.name, ok=False, text=str(exc), error=str(exc)), "refused"
        except PolicyWireError as exc:
            return Reply(command=spec.name, ok=False, text=str(exc), error=str(exc)), "error"
        except Exception:
            log.exception("command /%s failed", spec.name, extra={"command": spec.name})
            msg = "Something went wrong on our side; the error was logged. Please try again."
            return Reply(command=spec.name, ok=False, text=msg, error=msg), "error"

    async def _record(self, spec: CommandSpec, ctx: CommandContext, arg: str, reply: Reply,
                      outcome: str) -> None:
        """Write the audit entry; a failure to write it is logged, never the user's problem."""
        if self._audit is None:
            return
        detail = arg if outcome != "error" else f"{arg} — {reply.error or ''}".strip(" —")
        try:
            await self._audit(ctx.platform, ctx.user_id, spec.name,
                              detail[:AUDIT_DETAIL_MAX], channel_id=ctx.channel_id,
                              outcome=outcome)
        except Exception:
            log.exception("audit of /%s by %s failed", spec.name, ctx.user_id,
                          extra={"command": spec.name})

    def _check(self, spec: CommandSpec, ctx: CommandContext, arg: str) -> None:
        if spec.admin and not ctx.is_admin:
            raise PermissionDenied(f"/{spec.name} is for PolicyWire admins only.")
        if spec.needs_manage_channel and not (ctx.is_admin or ctx.can_manage_channel):
            raise PermissionDenied(
                f"/{spec.name} needs permission to manage this channel (or a PolicyWire admin)."
            )
        if spec.arg is not None:
            if spec.arg.required and not arg:
                raise InvalidArgument(f"/{spec.name} needs {spec.arg.description}.", spec.usage)
            if len(arg) > spec.arg.max_length:
                raise InvalidArgument(
                    f"That argument is too long ({len(arg)} characters; at most "
                    f"{spec.arg.max_length}).",
                    spec.usage,
                )

    def _unknown(self, name: str) -> Reply:
        from rapidfuzz import process

        names = self.registry.names()
        close = [m[0] for m in process.extract(name, names, limit=3, score_cutoff=60)]
        text = f"Unknown command /{name}." if name else "Type a command, e.g. /help."
        if close:
            text += " Did you mean: " + ", ".join("/" + c for c in close) + "?"
        text += " /help lists every command."
        return Reply(command=name or "", ok=False, text=text, error=text, suggestions=close)
