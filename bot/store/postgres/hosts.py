"""Per-host politeness across processes on PostgreSQL (bot.store.ports.HostSlots).

Slot `i` of a host is the session advisory lock `host:<host>:<i>` on the process's lock
connection (bot.store.postgres.locks). A session may take its own lock again, so the slots a
process's coroutines hold are also counted here, and a coroutine only tries slots no other
coroutine of this process holds. A slot held by a process that dies is freed with its
connection. Waiting is a short capped backoff between tries (no blocking lock call holds up
the shared lock connection).
"""

from __future__ import annotations

import asyncio

from bot.store.ports import HostSlots
from bot.store.postgres.locks import SessionLocks

RETRY_FIRST = 0.01  # seconds between tries for a busy host, doubling ...
RETRY_MAX = 0.25  # ... up to this


class PgHostSlots:
    """At most the given number of requests to one host at once, across every process."""

    def __init__(self, locks: SessionLocks) -> None:
        self.locks = locks
        self._mine: set[tuple[str, int]] = set()  # slots this process's coroutines hold

    async def acquire(self, host: str, slots: int) -> int:
        """Wait for a free one of `host`'s first `slots` slots; its number."""
        delay = RETRY_FIRST
        while True:
            for slot in range(slots):
                if (host, slot) in self._mine:
                    continue
                self._mine.add((host, slot))  # before the await: no other coroutine tries it
                if await self.locks.try_take(f"host:{host}:{slot}"):
                    return slot
                self._mine.discard((host, slot))
            await asyncio.sleep(delay)
            delay = min(RETRY_MAX, delay * 2)

    async def release(self, host: str, slot: int) -> None:
        """Free a slot taken with `acquire`."""
        try:
            await self.locks.give(f"host:{host}:{slot}")
        finally:
            self._mine.discard((host, slot))


def _conforms(slots: PgHostSlots) -> HostSlots:
    """Never called: mypy checks here that the class satisfies its port."""
    return slots
