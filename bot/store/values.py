"""Stored values as either engine returns them, for the row mappers both engines share.

SQLite hands back `sqlite3.Row`s with timestamps as ISO text and flags as 0/1; asyncpg hands
back `Record`s with aware datetimes and booleans. A mapper reads a row through `Row` and
turns its values into the models' types here, so one mapper serves both engines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol


class Row(Protocol):
    """A result row read by column name (`sqlite3.Row`, `asyncpg.Record`, a dict)."""

    def __getitem__(self, key: str, /) -> Any: ...


def when(value: str | datetime | None) -> datetime | None:
    """A stored timestamp (ISO text or a datetime) as a datetime; naive text is read as UTC."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamp(value: datetime | None) -> datetime | None:
    """A timestamp as the store keeps it: aware, in UTC, to the second (a naive one is UTC)."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


def iso_text(value: str | datetime | None) -> str | None:
    """A stored timestamp as the ISO text models carry (text passes through unchanged)."""
    if value is None or isinstance(value, str):
        return value
    moment = stamp(value)
    return None if moment is None else moment.isoformat()
