"""What the processes of one deployment tell each other (bot.store.ports.Signals): a reload
of the config, so every process reloads its own copy of the file; an article stored, so every
process adds its names to the in-memory autocomplete index. On SQLite there is one process
and nothing is sent or heard."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.errors import ConfigError
from bot.store.ports import Signals

log = logging.getLogger(__name__)
CONFIG, ARTICLE = "config", "article"


class Peers:
    """Publishes this process's news; runs the handlers of the others' in tasks of its own."""

    def __init__(self, signals: Signals) -> None:
        self.signals = signals
        self._tasks: set[asyncio.Task[Any]] = set()

    async def listen(self, *, reload: Callable[[], Awaitable[str]],
                     article_stored: Callable[[int], Awaitable[None]]) -> None:
        """Subscribe: a peer's reload reloads here, a peer's article refreshes indexes here."""
        await self.signals.subscribe(CONFIG, lambda _: self._spawn(self._reload(reload)))
        await self.signals.subscribe(
            ARTICLE, lambda payload: self._spawn(article_stored(int(payload)))
            if payload.isdigit() else None)

    async def reloaded(self) -> None:
        """Tell the others that the config was reloaded here."""
        await self.signals.publish(CONFIG)

    async def article_stored(self, article_id: int) -> None:
        """Tell the others that an article was stored here (an ingest listener)."""
        await self.signals.publish(ARTICLE, str(article_id))

    @staticmethod
    async def _reload(reload: Callable[[], Awaitable[str]]) -> None:
        try:
            log.info("config reloaded after another process's reload: %s", await reload())
        except ConfigError as exc:
            log.error("another process reloaded the config, but this process's copy is "
                      "invalid: %s", exc)

    def _spawn(self, job: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(job)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("handling another process's signal failed", exc_info=task.exception())

    async def close(self) -> None:
        """Cancel handlers still running."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
