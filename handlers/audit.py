"""/audit [n] (admin): the newest entries of the audit log, from every adapter.

The router writes an entry for every admin command and every subscription change (see
`bot.chat.router.audited`); config reloads add the subscriptions they changed, and admin
notices are logged as `system`.
"""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import Reply
from bot.domain.errors import InvalidArgument
from bot.domain.models import AuditEntry
from bot.services.container import Services

USAGE = "/audit [n]"
DEFAULT_ENTRIES = 20
MAX_ENTRIES = 100


def entry_line(e: AuditEntry) -> str:
    """One entry: time, platform and channel, user, action and argument, outcome."""
    where = f"{e.platform} {e.channel_id}" if e.channel_id else e.platform
    what = f"{e.action} {e.detail}".strip()
    return f"  {e.at}  {where}  {e.user_id}: {what} [{e.outcome}]"


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The audit command."""

    async def audit(ctx: CommandContext, arg: str) -> Reply:
        arg = arg.strip()
        if arg and not (arg.isdigit() and 1 <= int(arg) <= MAX_ENTRIES):
            raise InvalidArgument(f"Give how many entries to show, 1 to {MAX_ENTRIES}.", USAGE)
        count = int(arg) if arg else DEFAULT_ENTRIES
        entries = await services.queries.audit_entries(count)
        if not entries:
            return Reply(command="audit", text="The audit log is empty.")
        lines = [f"Audit log, newest first ({len(entries)} entries):"]
        lines += [entry_line(e) for e in entries]
        return Reply(command="audit", text="\n".join(lines))

    return [CommandSpec(
        name="audit", summary="Who changed what: admin commands and subscription changes",
        usage=USAGE, handler=audit,
        arg=ArgSpec("n", f"how many entries (1-{MAX_ENTRIES}, default {DEFAULT_ENTRIES})",
                    required=False, max_length=3),
        admin=True, examples=("/audit", "/audit 50"),
    )]
