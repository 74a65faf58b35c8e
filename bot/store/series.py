"""Figure time series, and the rate-limited / held / digested side of the delivery outbox.

`SeriesRepo.record` writes an article's observations and the alerts they cause in ONE
transaction, so a crash leaves either both or neither (and a re-run finds the article tracked).
`Outbox` enqueues alerts with per-channel hourly limits and turns held rows into one digest row
atomically ('held' -> 'digested' in the same transaction as the digest insert).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.store.articles import now_iso
from bot.store.db import Database

RATE_LIMIT = "rate-limit"
# `dated` is 0 when the cited article has no publication date (observed_on is then the day it
# was ingested); an article removed by retention counts as dated, as nothing says otherwise.
_DATED = "(a.id IS NULL OR a.published IS NOT NULL) AS dated"
FOR_SUBJECT_SQL = (
    f"SELECT s.*, {_DATED} FROM figure_series s LEFT JOIN articles a ON a.id = s.article_id"
    " WHERE s.subject_id = ? ORDER BY s.observed_on DESC, s.id DESC LIMIT ?"
)
_OBS_COLS = ("subject_id", "measure_key", "measure", "explicit", "unit", "value", "value_high",
             "qualifier", "kind", "text", "sentence", "source", "title", "url", "observed_on",
             "article_id", "figure_id")


@dataclass(frozen=True, slots=True)
class Observation:
    """One reported value of (subject, measure, unit), with its citation."""

    subject_id: int
    measure_key: str
    measure: str | None
    explicit: bool
    unit: str
    value: float
    value_high: float | None
    qualifier: str | None
    kind: str
    text: str
    sentence: str
    source: str
    title: str
    url: str | None
    observed_on: str  # YYYY-MM-DD
    article_id: int | None
    figure_id: int | None
    id: int = 0
    dated: bool = True  # False: the article has no publication date, observed_on is ingest day


@dataclass(frozen=True, slots=True)
class Outgoing:
    """An alert to enqueue: `digest` holds it for the channel's digest; `limit` is per hour."""

    key: str
    article_id: int | None
    platform: str
    channel_id: str
    kind: str
    card: str  # JSON of the Card
    digest: bool = False
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class HeldRow:
    """A held delivery waiting for a digest."""

    id: int
    key: str
    article_id: int | None
    story_id: int | None
    kind: str
    card: str
    hold_reason: str | None
    created_at: str


def _obs(row: aiosqlite.Row) -> Observation:
    data = {k: row[k] for k in _OBS_COLS}
    data["explicit"] = bool(data["explicit"])
    return Observation(**data, id=int(row["id"]), dated=bool(row["dated"]))


async def enqueue_in(conn: aiosqlite.Connection, out: Outgoing) -> str | None:
    """Insert one delivery inside the caller's transaction; its state, or None if it existed."""
    state, reason = "pending", None
    if out.digest:
        state = "held"
    elif out.limit is not None:
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        async with conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE platform = ? AND channel_id = ?"
            " AND state IN ('pending', 'sending', 'sent') AND kind != 'digest'"
            " AND created_at >= ?", (out.platform, out.channel_id, since),
        ) as cur:
            row = await cur.fetchone()
        if row is not None and int(row[0]) >= out.limit:
            state, reason = "held", RATE_LIMIT
    cur = await conn.execute(
        "INSERT INTO deliveries (key, article_id, platform, channel_id, kind, card, state,"
        " hold_reason, created_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING",
        (out.key, out.article_id, out.platform, out.channel_id, out.kind, out.card, state,
         reason, now_iso()),
    )
    return state if cur.rowcount == 1 else None


class SeriesRepo:
    """Observations of tracked figures."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def untracked_figures(self, article_id: int) -> list[aiosqlite.Row]:
        """An article's figures that have a subject and no observation yet, with citation data."""
        return await self.db.fetchall(
            "SELECT f.id AS figure_id, f.position, f.subject_id, f.value, f.value_high, f.unit,"
            " f.kind, f.qualifier, f.measure, f.text, f.sentence, a.id AS article_id, a.title,"
            " a.url, a.source, a.published, a.ingested_at FROM figures f"
            " JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN figure_series s ON s.figure_id = f.id"
            " WHERE f.article_id = ? AND f.subject_id IS NOT NULL AND s.id IS NULL"
            " ORDER BY f.position", (article_id,),
        )

    async def subject_name(self, subject_id: int) -> str:
        """The canonical name of an entity (or "#id" when it is gone)."""
        row = await self.db.fetchone("SELECT name FROM entities WHERE id = ?", (subject_id,))
        return str(row[0]) if row else f"#{subject_id}"

    async def untracked_articles(self, limit: int = 500) -> list[tuple[int, str]]:
        """(article id, ingested_at) of articles with subject figures not yet tracked."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT a.id, a.ingested_at FROM figures f JOIN articles a"
            " ON a.id = f.article_id LEFT JOIN figure_series s ON s.figure_id = f.id"
            " WHERE f.subject_id IS NOT NULL AND s.id IS NULL ORDER BY a.id LIMIT ?", (limit,),
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    async def series(self, subject_id: int, measure_key: str, unit: str) -> list[Observation]:
        """Every observation of one series, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT s.*, {_DATED} FROM figure_series s LEFT JOIN articles a"
            " ON a.id = s.article_id WHERE s.subject_id = ? AND s.measure_key = ? AND s.unit = ?"
            " ORDER BY s.observed_on, s.id", (subject_id, measure_key, unit),
        )
        return [_obs(r) for r in rows]

    async def for_subject(self, subject_id: int, limit: int = 500) -> list[Observation]:
        """A subject's observations, newest first."""
        rows = await self.db.fetchall(FOR_SUBJECT_SQL, (subject_id, limit))
        return [_obs(r) for r in rows]

    async def record(
        self, observations: Sequence[Observation], alerts: Sequence[Outgoing]
    ) -> list[str]:
        """Store observations and enqueue their alerts atomically; states of the new alerts.

        When every observation was already stored (a re-run), nothing is enqueued.
        """
        async with self.db.transaction() as conn:
            added = 0
            for o in observations:
                cur = await conn.execute(
                    f"INSERT INTO figure_series ({', '.join(_OBS_COLS)}, recorded_at)"
                    f" VALUES ({','.join('?' * (len(_OBS_COLS) + 1))})"
                    " ON CONFLICT(figure_id) DO NOTHING",
                    (*(getattr(o, k) for k in _OBS_COLS), now_iso()),
                )
                added += cur.rowcount
            if observations and not added:
                return []
            states = [await enqueue_in(conn, a) for a in alerts]
            return [s for s in states if s is not None]


class Outbox:
    """Enqueueing with limits, and digesting held rows."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(self, alerts: Sequence[Outgoing]) -> list[str | None]:
        """Enqueue alerts in one transaction; per alert its state, or None when it existed."""
        async with self.db.transaction() as conn:
            return [await enqueue_in(conn, a) for a in alerts]

    async def held(self, platform: str, channel_id: str) -> list[HeldRow]:
        """A channel's held deliveries, oldest first, with the story of their article."""
        rows = await self.db.fetchall(
            "SELECT d.id, d.key, d.article_id, a.story_id, d.kind, d.card, d.hold_reason,"
            " d.created_at FROM deliveries d LEFT JOIN articles a ON a.id = d.article_id"
            " WHERE d.platform = ? AND d.channel_id = ? AND d.state = 'held' ORDER BY d.id",
            (platform, channel_id),
        )
        return [HeldRow(*tuple(r)) for r in rows]

    async def overflow_channels(self) -> list[tuple[str, str]]:
        """Channels holding alerts because they reached their hourly limit."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT platform, channel_id FROM deliveries WHERE state = 'held'"
            " AND hold_reason = ? ORDER BY platform, channel_id", (RATE_LIMIT,),
        )
        return [(r[0], r[1]) for r in rows]

    async def commit_digest(self, digest: Outgoing, held_ids: Sequence[int]) -> bool:
        """Enqueue the digest and mark `held_ids` digested, all or nothing.

        False (and no change) when the digest key exists or a row is no longer held.
        """
        try:
            async with self.db.transaction() as conn:
                if await enqueue_in(conn, digest) is None:
                    return False
                marks = ",".join("?" * len(held_ids))
                cur = await conn.execute(
                    f"UPDATE deliveries SET state = 'digested', sent_at = ? WHERE state = 'held'"
                    f" AND id IN ({marks})", (now_iso(), *held_ids),
                )
                if cur.rowcount != len(held_ids):
                    raise _ConflictError
                return True
        except _ConflictError:
            return False


class _ConflictError(Exception):
    """Rolls back a digest whose held rows changed concurrently."""
