"""Translate Slack payloads into neutral command text and `CommandContext`, plus small caches.

`TtlSet` de-duplicates retried deliveries (same trigger_id / event_id); `ShareCache` keeps a
rendered reply for a few minutes so the "Share in channel" button can re-post it.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from bot.chat.commands import CommandContext, Registry
from bot.chat.messages import Reply
from bot.chat.ports import AdminCheck

PLATFORM = "slack"


def command_text(root: str, command: str, text: str) -> str:
    """Neutral command text for a slash command payload.

    `/policywire figures El Salvador` -> "figures El Salvador"; bare `/policywire` -> "help";
    a per-handler `/figures El Salvador` -> "figures El Salvador".
    """
    name = (command or "").strip().lstrip("/").lower()
    text = " ".join((text or "").split())
    if name == root.lower():
        return text.lstrip("/") if text else "help"
    return f"{name} {text}".strip()


def dedupe_key(body: Mapping[str, Any]) -> str | None:
    """A key that stays the same when Slack re-sends one request (trigger_id or event_id)."""
    for key in ("trigger_id", "event_id"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return f"{key}:{value}"
    return None


def context_from(body: Mapping[str, Any], is_admin: AdminCheck,
                 command_prefix: str = "/", members_manage: bool = False) -> CommandContext:
    """The `CommandContext` of a slash command or interactive payload."""
    user, channel = body.get("user"), body.get("channel")
    user_id = str(user.get("id", "") if isinstance(user, Mapping) else body.get("user_id", ""))
    channel_id = str(channel.get("id", "") if isinstance(channel, Mapping)
                     else body.get("channel_id", ""))
    return CommandContext(
        platform=PLATFORM,
        channel_id=channel_id,
        user_id=user_id,
        is_admin=bool(user_id) and is_admin(PLATFORM, user_id, []),
        command_prefix=command_prefix,
        can_manage_channel=members_manage and bool(user_id and channel_id),
    )


def help_reply(root: str, registry: Registry, per_handler: bool) -> Reply:
    """A help listing built from the registry (used when no `help` handler is registered)."""
    lines = ["PolicyWire commands:"]
    for spec in registry.specs():
        usage = spec.usage.lstrip("/") if spec.usage else spec.name
        prefix = "/" if per_handler else f"/{root} "
        admin = " (admin)" if spec.admin else ""
        lines.append(f"{prefix}{usage} — {spec.summary}{admin}")
    return Reply(command="help", text="\n".join(lines))


class TtlSet:
    """Remembers keys for `ttl` seconds; `add` tells whether a key was already there."""

    def __init__(self, ttl: float = 600.0, clock: Callable[[], float] = time.monotonic,
                 max_size: int = 10_000) -> None:
        self.ttl = ttl
        self._clock = clock
        self._max = max_size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def _expire(self) -> None:
        now = self._clock()
        while self._seen and (next(iter(self._seen.values())) <= now
                              or len(self._seen) > self._max):
            self._seen.popitem(last=False)

    def add(self, key: str) -> bool:
        """Record `key`; True when it was seen within the TTL (a duplicate)."""
        self._expire()
        if key in self._seen:
            return True
        self._seen[key] = self._clock() + self.ttl
        return False


class ShareCache:
    """Short-lived store of replies keyed by a random token carried in the button value."""

    def __init__(self, ttl: float = 900.0, clock: Callable[[], float] = time.monotonic,
                 max_size: int = 1000) -> None:
        self.ttl = ttl
        self._clock = clock
        self._max = max_size
        self._items: OrderedDict[str, tuple[float, str, Reply]] = OrderedDict()

    def put(self, user_id: str, reply: Reply) -> str:
        """Keep `reply` (asked by `user_id`) and return the token for the button value."""
        now = self._clock()
        while self._items and (next(iter(self._items.values()))[0] <= now
                               or len(self._items) >= self._max):
            self._items.popitem(last=False)
        token = secrets.token_urlsafe(12)
        self._items[token] = (now + self.ttl, user_id, reply)
        return token

    def pop(self, token: str, user_id: str) -> Reply | None:
        """The reply for `token` if it is fresh and was asked by `user_id` (one use only)."""
        item = self._items.get(token)
        if item is None or item[0] <= self._clock() or item[1] != user_id:
            return None
        del self._items[token]
        return item[2]
