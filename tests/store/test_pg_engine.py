"""PostgreSQL-only parts of the store: migrations under the advisory lock, and the test
server itself (skips with one line where PostgreSQL is missing, fails where it is required)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncpg

from bot.store.postgres.db import MIGRATION_LOCK, PgDatabase, migrations
from tests.pgsupport import SKIP_REASON, pg_required

REPO = Path(__file__).resolve().parents[2]


async def test_processes_starting_together_migrate_once(pg_dsn: str) -> None:
    dbs = [PgDatabase(pg_dsn, max_size=2) for _ in range(4)]
    await asyncio.gather(*(db.open() for db in dbs))
    try:
        rows = await dbs[0].fetch("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [v for v, _ in migrations()]
        assert await dbs[1].migrate() == []  # nothing left to do
        held = await dbs[2].fetch(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'")
        assert held[0]["n"] == 0  # the lock was given back
    finally:
        await asyncio.gather(*(db.close() for db in dbs))


async def test_migrations_wait_for_the_advisory_lock(pg_dsn: str) -> None:
    holder = await asyncpg.connect(pg_dsn)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        opening = asyncio.ensure_future(PgDatabase(pg_dsn, max_size=1).open())
        await asyncio.sleep(0.5)
        assert not opening.done()  # another process is migrating: wait for it
        assert await holder.fetchval(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'deliveries'") == 0
        await holder.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
        db = await asyncio.wait_for(opening, 30)
        await db.close()
        assert await holder.fetchval(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'deliveries'") == 1
    finally:
        await holder.close()


def test_ci_or_the_env_var_require_postgresql() -> None:
    assert not pg_required({})
    assert not pg_required({"CI": "false", "POLICYWIRE_REQUIRE_PG": "0"})
    assert pg_required({"CI": "true"})
    assert pg_required({"POLICYWIRE_REQUIRE_PG": "1"})


def _pytest_without_postgresql(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "POLICYWIRE_REQUIRE_PG", "POLICYWIRE_TEST_PG_URL")
           and not k.startswith("PYTEST_XDIST")}
    env.update(PYTHONPATH=str(REPO), POLICYWIRE_PG_BINDIR="/nonexistent/bin", **extra)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
         "no:xdist", f"{Path(__file__).relative_to(REPO)}::"
         "test_processes_starting_together_migrate_once"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_without_postgresql_the_tests_skip_with_one_line_unless_required() -> None:
    skipped = _pytest_without_postgresql()
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "1 skipped" in skipped.stdout
    assert sum(SKIP_REASON in line for line in skipped.stdout.splitlines()) == 1
    required = _pytest_without_postgresql(CI="true")
    assert required.returncode == 1, required.stdout
    assert "PostgreSQL is required here" in required.stdout


async def test_an_enqueue_in_one_process_wakes_the_worker_of_another(pg_dsn: str) -> None:
    """LISTEN/NOTIFY: a worker polling only every 60 s posts within a second of another
    process's enqueue."""
    from bot.delivery.worker import DeliveryWorker
    from bot.store.outbox import Outgoing
    from bot.store.postgres.store import PgStore
    from tests.store.test_worker_claims import FakeSender

    worker_store, producer = await PgStore.open(pg_dsn), await PgStore.open(pg_dsn)
    sender = FakeSender()
    worker = DeliveryWorker(worker_store, {"slack": sender}, poll=60)
    worker.start()
    try:
        await asyncio.sleep(0.3)  # the first pass found nothing; now it waits
        began = time.monotonic()
        await producer.outbox.enqueue([Outgoing(key="k", article_id=None, platform="slack",
                                                channel_id="C", kind="article",
                                                card='{"title": "t"}')])
        while not sender.posted:
            assert time.monotonic() - began < 5, "not woken"
            await asyncio.sleep(0.02)
        assert time.monotonic() - began < 1.0
        assert sender.posted == ["k"]
    finally:
        await worker.stop(10)
        await worker_store.close()
        await producer.close()
