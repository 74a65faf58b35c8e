"""Signals between the processes of a deployment over PostgreSQL's NOTIFY/LISTEN
(bot.store.ports.Signals). A process never hears its own signals: each payload carries the
sender's owner id, and a listener drops what it sent itself."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import asyncpg

from bot.store.postgres.db import PgDatabase

log = logging.getLogger(__name__)
PREFIX = "policywire_signal_"  # + topic: the LISTEN channel
MAX_PAYLOAD = 1000  # bytes of payload kept (NOTIFY allows about 8000)


class PgSignals:
    """Publish on the pool; listen on a connection of its own, opened on first subscribe."""

    def __init__(self, db: PgDatabase, owner: str) -> None:
        self.db = db
        self.owner = owner
        self._listener: asyncpg.Connection[asyncpg.Record] | None = None

    async def publish(self, topic: str, payload: str = "") -> None:
        """NOTIFY the topic's channel; a failure is logged, not raised (best effort)."""
        try:
            async with self.db.pool.acquire() as conn:
                await conn.execute("SELECT pg_notify($1, $2)", PREFIX + topic,
                                   f"{self.owner}\n{payload[:MAX_PAYLOAD]}")
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("could not signal %s to the other processes: %s", topic, exc)

    async def subscribe(self, topic: str, callback: Callable[[str], None]) -> None:
        """LISTEN to the topic; `callback(payload)` for each signal of another process."""
        if self._listener is None or self._listener.is_closed():
            self._listener = await asyncpg.connect(self.db.dsn, timeout=self.db.connect_timeout)

        def heard(_conn: Any, _pid: int, _channel: str, message: object) -> None:
            sender, _, payload = str(message).partition("\n")
            if sender == self.owner:
                return
            try:
                callback(payload)
            except Exception:
                log.exception("signal %s handler failed", topic)

        await self._listener.add_listener(PREFIX + topic, heard)

    async def close(self) -> None:
        """Close the listening connection."""
        if self._listener is not None:
            listener, self._listener = self._listener, None
            await listener.close()
