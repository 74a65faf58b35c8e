"""The SQLite connection and schema migrations shared by every repository class.

Each `schema/NNN_name.sql` file is applied once, in order, inside a transaction; applied
versions are recorded in `schema_migrations`, so a migration added with a lower number than
one already applied still runs.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.domain.errors import StoreUnavailable

_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def _migrations() -> list[tuple[int, str]]:
    files = resources.files("bot.store").joinpath("schema")
    out = []
    for entry in files.iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(out)


class Database:
    """One aiosqlite connection (WAL mode) with migrations applied on open."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @property
    def conn(self) -> aiosqlite.Connection:
        """The open connection; `open()` must have been awaited."""
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self) -> Database:
        """Open the file (creating its folder), set pragmas and migrate.

        Raises StoreUnavailable (bad input, not a crash) when the path is a folder, cannot be
        created or written, or is not a SQLite database.
        """
        if self.path != ":memory:":
            if Path(self.path).is_dir():
                raise StoreUnavailable(f"database path {self.path} is a folder; give a file")
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(f"cannot create the folder of {self.path}: {exc}") from exc
        try:
            self._conn = await aiosqlite.connect(self.path, isolation_level=None)
            self._conn.row_factory = aiosqlite.Row
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA synchronous=NORMAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=5000",
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
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                await self._exec_script(sql)
                await self.conn.execute(
                    "INSERT INTO schema_migrations (version) VALUES (?)", (version,))
                await self.conn.execute(f"PRAGMA user_version={version}")
                await self.conn.execute("COMMIT")
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE ... COMMIT), serialised across coroutines."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: tuple | dict = ()) -> list[aiosqlite.Row]:
        """Run a query and return all rows."""
        async with self.conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def fetchone(self, sql: str, params: tuple | dict = ()) -> aiosqlite.Row | None:
        """Run a query and return the first row, if any."""
        async with self.conn.execute(sql, params) as cur:
            return await cur.fetchone()

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
