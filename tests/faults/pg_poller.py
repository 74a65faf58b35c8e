"""A feed-polling process for tests/faults/test_pg_workers.py: `python tests/faults/pg_poller.py
DSN INTERVAL N` claims due feeds among N with `FeedClaims` every 20 ms and "fetches" each one
as a row of the `fetched` table (the database's clock), then releases it."""

from __future__ import annotations

import asyncio
import random
import sys

from bot.store.ports import new_owner
from bot.store.postgres.store import PgStore


async def main(dsn: str, interval: float, count: int) -> None:
    store = await PgStore.open(dsn, max_size=4)
    owner = new_owner()
    feeds = [f"https://feeds.example/{i:02}.xml" for i in range(count)]
    print("ready", flush=True)
    while True:
        for url in await store.feeds.claim_feeds(owner, feeds, interval=interval, limit=5):
            async with store.db.pool.acquire() as conn:
                await conn.execute("INSERT INTO fetched (url, owner) VALUES ($1, $2)",
                                   url, owner)
            await asyncio.sleep(0.05 * random.random())  # the fetch itself
            await store.feeds.release_feed(url, owner)
        await asyncio.sleep(0.02)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])))
