"""The bundle of services handed to command handlers (built by the composition root)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.services.queries import QueryService
from bot.services.subscriptions import SubscriptionService


@dataclass
class Services:
    """What handlers may use. `admin` holds optional admin operations (feeds, reload, poll)."""

    queries: QueryService
    subscriptions: SubscriptionService
    admin: dict[str, Callable[..., Awaitable[Any]]] = field(default_factory=dict)
