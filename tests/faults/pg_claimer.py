"""One delivery process for the PostgreSQL fault tests (tests/faults/test_pg_workers.py).

`python tests/faults/pg_claimer.py DSN LEASE DELAY BATCH` drains the outbox of DSN with
the delivery worker forever, "posting" each alert as a row of the `posted` table (no unique key, so
a double post would show) and looking there before any resend, as Slack's metadata search
does. Each send waits 0.5-1.5 DELAY seconds before its row is written and up to 0.2 DELAY
after, so a kill or a stop lands in the middle of sends, mostly before the post.
"""

from __future__ import annotations

import asyncio
import random
import sys
from datetime import datetime

from bot.chat.messages import Card
from bot.chat.ports import SendResult
from bot.delivery.worker import DeliveryWorker
from bot.store.postgres.store import PgStore


class TableSender:
    """A platform whose channel history is the `posted` table."""

    platform = "slack"

    def __init__(self, store: PgStore, owner: str, delay: float) -> None:
        self.store = store
        self.owner = owner
        self.delay = delay

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        await asyncio.sleep(self.delay * (0.5 + random.random()))  # the request on its way
        async with self.store.db.pool.acquire() as conn:
            await conn.execute("INSERT INTO posted (key, channel_id, owner) VALUES ($1, $2, $3)",
                               delivery_id, channel_id, self.owner)
        await asyncio.sleep(self.delay * 0.2 * random.random())  # the reply on its way back
        return SendResult(ok=True, message_id=f"m-{delivery_id}")

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        async with self.store.db.pool.acquire() as conn:
            found = await conn.fetchval("SELECT key FROM posted WHERE key = $1 LIMIT 1",
                                        delivery_id)
        return None if found is None else f"m-{found}"


async def main(dsn: str, lease: float, delay: float, batch: int) -> None:
    store = await PgStore.open(dsn, max_size=12)
    drain = DeliveryWorker(store, {}, lease=lease, batch=batch)
    drain.senders["slack"] = TableSender(store, drain.owner, delay)
    print("ready", drain.owner, flush=True)
    while True:
        await drain.drain()
        await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])))
