"""What the delivery worker needs from a chat platform adapter."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.chat.commands import Registry
from bot.chat.messages import Card
from bot.chat.router import CommandRouter

# How far back an adapter looks for an earlier post of a delivery before it is resent: to the
# time of the delivery's first attempt minus HISTORY_MARGIN (for clock skew between this host
# and the platform), reading at most HISTORY_LIMIT messages of the channel. An earlier post
# beyond that bound is not found, and the alert may then appear twice (never lost).
HISTORY_MARGIN = timedelta(minutes=2)
HISTORY_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class SendResult:
    """Outcome of one send: ok with a message id, or a permanent/transient failure."""

    ok: bool
    message_id: str | None = None
    error: str | None = None
    permanent: bool = False  # channel gone, not in channel, no permission: do not retry
    retry_after: float | None = None


class ChatSender(Protocol):
    """An adapter able to post an alert card into one of its channels.

    `delivery_id` is unique per (alert, channel); adapters use it to make a resend safe
    (Discord nonce, Slack message metadata).
    """

    platform: str

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        """Post `card` to `channel_id`; never raises for platform errors."""
        ...

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        """The message id of an earlier post of this delivery, if the platform can tell.

        `since` is when the delivery's first attempt started: the search goes back to
        `since - HISTORY_MARGIN`, at most `HISTORY_LIMIT` messages (only the newest
        `HISTORY_LIMIT` when `since` is None).
        """
        ...


Completer = Callable[[str, str], Awaitable[list[str]]]
"""`await complete(kind, prefix)` -> up to 25 names; kind is "entity", "topic" or "article"."""

AdminCheck = Callable[[str, str, Sequence[str]], bool]
"""`is_admin(platform, user_id, role_ids)` -> whether the user may run admin commands."""


class SharedCache(Protocol):
    """Short-lived values shared with the other processes of a deployment (the store's
    `ephemeral` table), for what a platform may send to any of them: a retried request, a
    button click on an answer another process gave."""

    async def first(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds, in any process."""
        ...

    async def put(self, key: str, value: str, ttl: float) -> None:
        """Keep `value` under `key` for `ttl` seconds."""
        ...

    async def take(self, key: str) -> str | None:
        """The value under `key`, removed (None when expired or never put)."""
        ...


class Leads(Protocol):
    """Which process of a deployment holds a role (the store's `Leadership`): the composition
    root turns it into an adapter's lock on a connection only one process may hold."""

    async def try_lead(self, role: str) -> bool: ...

    async def step_down(self, role: str) -> None: ...


@dataclass(frozen=True, slots=True)
class AdapterDeps:
    """Everything an adapter needs from the core, injected by the composition root.
    `shared`: set when several processes serve the platform (PostgreSQL), None when this
    process is the only one (its in-memory caches then suffice). `leader`: the deployment's
    leadership (always this process on SQLite); None: nothing to share."""

    router: CommandRouter
    registry: Registry
    complete: Completer
    is_admin: AdminCheck
    shared: SharedCache | None = None
    leader: Leads | None = None
