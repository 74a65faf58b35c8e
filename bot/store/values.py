"""Stored values as either engine returns them, for the row mappers both engines share.

SQLite hands back `sqlite3.Row`s with timestamps as ISO text and flags as 0/1; asyncpg hands
back `Record`s with aware datetimes, dates, decoded JSON and booleans. A mapper reads a row
through `Row` and turns its values into the models' types here, so one mapper serves both
engines. Timestamps the store hands out as text are UTC ISO to the second on both engines.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Protocol


class Row(Protocol):
    """A result row read by column name or position (`sqlite3.Row`, `asyncpg.Record`, a dict)."""

    def __getitem__(self, key: Any, /) -> Any: ...


def when(value: str | datetime | None) -> datetime | None:
    """A stored timestamp (ISO text or a datetime) as an aware datetime; naive is read as UTC."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_second(value: datetime | None) -> datetime | None:
    """A timestamp as the store keeps it: aware, in UTC, to the second (a naive one is UTC)."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


def iso_text(value: str | datetime | None) -> str | None:
    """A timestamp as the store's text, UTC ISO to the second (stored text passes through)."""
    if value is None or isinstance(value, str):
        return value
    moment = utc_second(value)
    return None if moment is None else moment.isoformat()


def now_iso() -> str:
    """The current UTC time as the store's text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def day_text(value: str | date) -> str:
    """A stored day (YYYY-MM-DD text, or a date) as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, date) else value


def json_list(value: str | list[Any]) -> tuple[Any, ...]:
    """A stored JSON list (text, or already decoded) as a tuple."""
    return tuple(json.loads(value) if isinstance(value, str) else value)
