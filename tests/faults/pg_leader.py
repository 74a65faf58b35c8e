"""A process that wants to lead the 'scheduler' role (tests/faults/test_pg_workers.py):
`python tests/faults/pg_leader.py DSN` asks every 50 ms and prints `leading` when it first
leads."""

from __future__ import annotations

import asyncio
import sys

from bot.store.postgres.store import PgStore


async def main(dsn: str) -> None:
    store = await PgStore.open(dsn, max_size=2)
    print("ready", flush=True)
    told = False
    while True:
        if await store.leader.try_lead("scheduler") and not told:
            print("leading", flush=True)
            told = True
        await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
