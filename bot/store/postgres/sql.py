"""Running the SQL both engines share on asyncpg: `?` placeholders become `$1, $2, ...`, and
`Statements` (bot.store.subscriptions) runs such SQL on a connection inside a transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.store.postgres.db import PgDatabase
from bot.store.values import Row

if TYPE_CHECKING:
    from bot.store.postgres.db import Connection

_MARK = re.compile(r"\?")


@lru_cache(maxsize=256)
def dollar(sql: str) -> str:
    """`sql` with its `?` placeholders numbered for PostgreSQL (the shared SQL has no `?`
    inside string literals)."""
    count = 0

    def number(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"${count}"

    return _MARK.sub(number, sql)


def changed(status: str) -> int:
    """Rows a command changed, from asyncpg's status tag ("UPDATE 3", "INSERT 0 1")."""
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


class PgStatements:
    """`bot.store.subscriptions.Statements` on an asyncpg connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def rows(self, sql: str, params: Sequence[object] = ()) -> Sequence[Row]:
        return list(await self.conn.fetch(dollar(sql), *params))

    async def run(self, sql: str, params: Sequence[object] = ()) -> int:
        return changed(await self.conn.execute(dollar(sql), *params))


async def execute(db: PgDatabase, sql: str, *args: object) -> int:
    """One statement as its own transaction on a pooled connection; rows it changed."""
    async with db.pool.acquire() as conn:
        return changed(await conn.execute(sql, *args))
