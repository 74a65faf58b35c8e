"""The SQLite connection and schema migrations shared by every repository class.

Each `schema/NNN_name.sql` file is applied once, in order, inside a transaction; applied
versions are recorded in `schema_migrations`, so a migration added with a lower number than
one already applied still runs.

Another writer (a second `policywire` process, the sqlite3 shell, a backup tool) may hold the
write lock longer than the busy timeout. A write transaction then waits it out: `BEGIN
IMMEDIATE` is retried with a capped backoff, with a warning when the wait starts, every
`LOCK_LOG_EVERY` seconds while it lasts and when it ends, instead of failing the write. Reads
keep going meanwhile (WAL mode lets them run beside a writer).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.domain.errors import StoreUnavailable

log = logging.getLogger(__name__)

_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT = 5.0  # seconds SQLite itself waits for a lock before a write is retried here
LOCK_RETRY_MAX = 1.0  # seconds between attempts to take the write lock, at most
RETRY_BUSY_MS = 50  # SQLite's own wait per attempt once a wait for the lock has begun
LOCK_LOG_EVERY = 30.0  # seconds between "still waiting" warnings


def migration_files(package: str) -> list[tuple[int, str]]:
    """(version, SQL) of every `schema/NNN_name.sql` of `package`, in order (each engine has
    its own folder: `bot.store`, `bot.store.postgres`)."""
    files = resources.files(package).joinpath("schema")
    out = []
    for entry in files.iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(out)


def _migrations() -> list[tuple[int, str]]:
    return migration_files("bot.store")


Params = tuple[Any, ...] | dict[str, Any]  # positional or named SQL parameters

class Database:
    """One aiosqlite connection (WAL mode) with migrations applied on open."""

    def __init__(self, path: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._busy_ms = max(1, int(busy_timeout * 1000))
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @property
    def conn(self) -> aiosqlite.Connection:
        """The open connection; `open()` must have been awaited."""
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    def _prepare_folder(self) -> None:
        """Refuse a folder as the database and create the file's folder (file-system calls,
        run off the event loop)."""
        if Path(self.path).is_dir():
            raise StoreUnavailable(f"database path {self.path} is a folder; give a file")
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the folder of {self.path}: {exc}") from exc

    async def open(self) -> Database:
        """Open the file (creating its folder), set pragmas and migrate.

        Raises StoreUnavailable (bad input, not a crash) when the path is a folder, cannot be
        created or written, or is not a SQLite database.
        """
        if self.path != ":memory:":
            await asyncio.to_thread(self._prepare_folder)
        try:
            self._conn = await aiosqlite.connect(self.path, isolation_level=None)
            self._conn.row_factory = aiosqlite.Row
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA synchronous=NORMAL",
                "PRAGMA foreign_keys=ON",
                f"PRAGMA busy_timeout={self._busy_ms}",
            ):
                await self._conn.execute(pragma)
        except sqlite3.DatabaseError as exc:
            await self.close()
            raise StoreUnavailable(f"cannot open the database {self.path}: {exc}") from exc
        try:
            await self._migrate()
        except BaseException:
            await self.close()  # an open aiosqlite thread would keep the process alive
            raise
        return self

    async def _migrate(self) -> None:
        """Apply every migration not yet recorded in `schema_migrations`, in order."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        async with self.conn.execute("SELECT version FROM schema_migrations") as cur:
            applied = {int(r[0]) for r in await cur.fetchall()}
        for version, sql in _migrations():
            if version in applied:
                continue
            await self._begin_immediate()
            try:
                if await self._applied(version):  # another process migrated meanwhile
                    await self.conn.execute("COMMIT")
                    continue
                await self._exec_script(sql)
                await self.conn.execute(
                    "INSERT INTO schema_migrations (version) VALUES (?)", (version,))
                await self.conn.execute(f"PRAGMA user_version={version}")
                await self.conn.execute("COMMIT")
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise

    async def _applied(self, version: int) -> bool:
        async with self.conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)) as cur:
            return await cur.fetchone() is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE ... COMMIT), serialised across coroutines."""
        async with self._write_lock:
            await self._begin_immediate()
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def _begin_immediate(self) -> None:
        """Take the write lock, waiting out another writer however long it holds it.

        The first attempt waits up to the busy timeout inside SQLite. While the lock stays
        held, later attempts wait only `RETRY_BUSY_MS` each, with asyncio sleeps between, so
        reads on this connection (commands) are not held up behind the wait.
        """
        started: float | None = None
        next_log = 0.0
        delay = 0.05
        try:
            while True:
                try:
                    await self.conn.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        raise
                    now = time.monotonic()
                    if started is None:
                        started = now
                        await self.conn.execute(f"PRAGMA busy_timeout={RETRY_BUSY_MS}")
                    if now >= next_log:
                        log.warning("the database %s is locked by another writer; waiting "
                                    "(%.0fs so far)", self.path, now - started)
                        next_log = now + LOCK_LOG_EVERY
                    await asyncio.sleep(delay)
                    delay = min(LOCK_RETRY_MAX, delay * 2)
                    continue
                if started is not None:
                    log.warning("the database %s write lock was taken after waiting %.1fs",
                                self.path, time.monotonic() - started)
                return
        finally:
            if started is not None:
                await self.conn.execute(f"PRAGMA busy_timeout={self._busy_ms}")

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """Run a query and return all rows."""
        return list(await self.conn.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        """Run a query of at most a few rows (a key lookup, an aggregate, `LIMIT 1`) and
        return the first row, if any. One thread hop: the rows are fetched with the query."""
        rows = await self.conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def write(self, sql: str, params: Params = ()) -> int:
        """One write statement as its own transaction; returns the rows it changed.

        When the write lock is free this is one thread hop (SQLite takes the lock for a write
        statement as it starts, waiting up to the busy timeout like `BEGIN IMMEDIATE` does);
        when another writer holds it past that, the statement goes through `transaction`'s
        waiting path instead of failing.
        """
        async with self._write_lock:
            try:
                cur = await self.conn.execute(sql, params)
                return int(cur.rowcount)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
        async with self.transaction() as conn:
            cur = await conn.execute(sql, params)
            return int(cur.rowcount)

    async def _exec_script(self, sql: str) -> None:
        for statement in _split_sql(sql):
            await self.conn.execute(statement)

    async def backup(self, target: str | Path) -> None:
        """Write a consistent copy of the live database to `target` (SQLite online backup)."""
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        async with aiosqlite.connect(str(target)) as dest:
            await self.conn.backup(dest)

    async def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            await self._conn.close()
            self._conn = None


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """Whether an error means another connection holds the lock (SQLITE_BUSY/LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their BEGIN...END bodies whole)."""
    statements, buf, depth = [], [], 0
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.endswith("BEGIN"):
            depth += 1
        if upper.startswith("END;") or upper == "END;":
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(buf))
            buf = []
    if buf:
        statements.append("\n".join(buf))
    return statements
