"""Signals between processes (bot.store.ports.Signals, bot.app.peers): on PostgreSQL another
process hears them and the sender does not; on SQLite (one process) nothing is sent."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app.peers import Peers
from tests.store.engines import Engine


async def _heard(box: list[Any], count: int, timeout: float = 3.0) -> list[Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while len(box) < count and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.02)
    return box


async def test_an_article_stored_in_one_process_reaches_the_others(engine: Engine) -> None:
    here, there = engine.store, await engine.another_store()
    heard_here: list[str] = []
    heard_there: list[str] = []
    await here.signals.subscribe("article", heard_here.append)
    await there.signals.subscribe("article", heard_there.append)
    await here.signals.publish("article", "42")
    if engine.name == "sqlite":
        await asyncio.sleep(0.1)
        assert heard_there == [] and heard_here == []
        return
    assert await _heard(heard_there, 1) == ["42"]
    await asyncio.sleep(0.1)
    assert heard_here == []  # a process does not hear itself


async def test_peers_reload_and_refresh_on_the_others_news(engine: Engine) -> None:
    if engine.name == "sqlite":
        return  # nothing to hear on SQLite
    sender, receiver = Peers(engine.store.signals), Peers((await engine.another_store()).signals)
    reloads: list[str] = []
    refreshed: list[int] = []

    async def reload() -> str:
        reloads.append("reloaded")
        return "ok"

    async def refresh(article_id: int) -> None:
        refreshed.append(article_id)

    await receiver.listen(reload=reload, article_stored=refresh)
    await sender.reloaded()
    await sender.article_stored(7)
    await sender.signals.publish("article", "not-a-number")  # ignored, not a crash
    assert await _heard(reloads, 1) == ["reloaded"]
    assert await _heard(refreshed, 1) == [7]
    await receiver.close()
