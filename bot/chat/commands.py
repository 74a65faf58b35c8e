"""Command registry: the neutral description of every slash command.

Adapters build their platform commands from `Registry.specs()` at start-up; nothing registers
itself at import time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.chat.messages import Reply


@dataclass(frozen=True, slots=True)
class CommandContext:
    """Who asked, where, and on which platform."""

    platform: str  # console | slack | discord | cli
    channel_id: str
    user_id: str
    is_admin: bool = False
    can_manage_channel: bool = False  # e.g. Discord Manage Channels
    locale: str = "en"
    command_prefix: str = "/"  # how commands are typed here: "/policywire " for Slack's root

    def typed(self, usage: str) -> str:
        """`usage` ("/figures <subject>") as the user types it on this platform."""
        return self.command_prefix + usage[1:] if usage.startswith("/") else usage


@dataclass(frozen=True, slots=True)
class ArgSpec:
    """One argument of a command."""

    name: str
    description: str
    required: bool = True
    autocomplete: str | None = None  # "entity" | "topic" | "article" | None
    max_length: int = 200


Handler = Callable[[CommandContext, str], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command: name, help, argument, permission and the handler that answers it."""

    name: str  # without slash, e.g. "figures"
    summary: str
    usage: str  # e.g. "/figures <entity or topic> [--history]"
    handler: Handler
    arg: ArgSpec | None = None
    admin: bool = False
    needs_manage_channel: bool = False
    slow: bool = False  # adapters defer the response first
    examples: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


class Registry:
    """An explicit, ordered table of commands."""

    def __init__(self) -> None:
        self._specs: dict[str, CommandSpec] = {}

    def add(self, spec: CommandSpec) -> None:
        """Register a command; names must be unique."""
        if spec.name in self._specs:
            raise ValueError(f"command /{spec.name} registered twice")
        self._specs[spec.name] = spec

    def get(self, name: str) -> CommandSpec | None:
        """The command called `name` (without slash), if any."""
        return self._specs.get(name.lstrip("/").lower())

    def specs(self) -> list[CommandSpec]:
        """All commands in registration order."""
        return list(self._specs.values())

    def names(self) -> list[str]:
        """All command names."""
        return list(self._specs)
