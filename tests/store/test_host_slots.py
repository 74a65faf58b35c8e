"""Per-host politeness (bot.store.ports.HostSlots): at most `fetch.per_host` requests to one
host at once, within a process and across processes on PostgreSQL (SQLite's one process has none:
the fetcher's own semaphores keep to the limit there, tests/feeds)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.store.engines import Engine


async def _fetches(stores: list[Any], host: str, each: int) -> int:
    """`each` concurrent requests to `host` from every store; the most in flight at once."""
    now, most = 0, 0

    async def fetch(store: Any) -> None:
        nonlocal now, most
        slot = await store.hosts.acquire(host, 2)
        now += 1
        most = max(most, now)
        await asyncio.sleep(0.03)
        now -= 1
        await store.hosts.release(host, slot)

    await asyncio.gather(*(fetch(s) for s in stores for _ in range(each)))
    return most


async def test_one_process_keeps_to_two_requests_per_host(engine: Engine) -> None:
    store = await engine.another_store()
    if engine.name == "sqlite":
        assert store.hosts is None
        return
    assert await _fetches([store], "feeds.example", 6) == 2
    slot = await store.hosts.acquire("a.example", 2)
    other = await asyncio.wait_for(store.hosts.acquire("b.example", 2), 1)  # another host: free
    await store.hosts.release("a.example", slot)
    await store.hosts.release("b.example", other)


async def test_three_processes_share_the_two_slots_of_a_host(engine: Engine) -> None:
    if engine.name == "sqlite":
        return  # one process per SQLite file: its slots are its own
    stores = [await engine.another_store() for _ in range(3)]
    assert await _fetches(stores, "feeds.example", 4) == 2
    held = [await stores[0].hosts.acquire("slow.example", 2) for _ in range(2)]
    assert sorted(held) == [0, 1]
    waiting = asyncio.ensure_future(stores[1].hosts.acquire("slow.example", 2))
    await asyncio.sleep(0.3)
    assert not waiting.done()  # both slots are the first process's
    await stores[0].close()  # that process dies: its slots are freed with its connection
    assert await asyncio.wait_for(waiting, 5) in (0, 1)
