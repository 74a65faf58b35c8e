"""Figure time series.

`SeriesRepo.record` writes an article's observations and the alerts they cause in ONE
transaction (through the outbox's `enqueue_in`), so a crash leaves either both or neither (and a
re-run finds the article tracked).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.store.db import Database
from bot.store.outbox import Outgoing, enqueue_in
from bot.store.rows import TrackableFigure
from bot.store.sql import SqlEngine, SqliteEngine, Tx
from bot.store.values import Row, day_text, iso_text

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
class MeasureHistory:
    """One tracked measure of a subject: its label and observations, newest first."""

    label: str
    unit: str
    observations: tuple[Observation, ...]


def observation(row: Row) -> Observation:
    """A row of `figure_series` with its `dated` column (either engine)."""
    data = {k: row[k] for k in _OBS_COLS}
    data["explicit"] = bool(data["explicit"])
    data["observed_on"] = day_text(data["observed_on"])
    return Observation(**data, id=int(row["id"]), dated=bool(row["dated"]))


class SeriesRepoBase(ABC):
    """Observations of tracked figures, on the engine behind `sql` (the SQL is common; how an
    alert is enqueued inside the transaction is the engine's `_enqueue`)."""

    def __init__(self, sql: SqlEngine) -> None:
        self.sql = sql

    async def untracked_figures(self, article_id: int) -> list[TrackableFigure]:
        """An article's figures that have a subject and no observation yet, with citation data."""
        return [TrackableFigure.of(r) for r in await self.sql.fetchall(
            "SELECT f.id AS figure_id, f.position, f.subject_id, f.value, f.value_high, f.unit,"
            " f.kind, f.qualifier, f.measure, f.text, f.sentence, a.id AS article_id, a.title,"
            " a.url, a.source, a.published, a.ingested_at FROM figures f"
            " JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN figure_series s ON s.figure_id = f.id"
            " WHERE f.article_id = ? AND f.subject_id IS NOT NULL AND s.id IS NULL"
            " ORDER BY f.position", (article_id,),
        )]

    async def subject_name(self, subject_id: int) -> str:
        """The canonical name of an entity (or "#id" when it is gone)."""
        row = await self.sql.fetchone("SELECT name FROM entities WHERE id = ?", (subject_id,))
        return str(row[0]) if row else f"#{subject_id}"

    async def untracked_articles(self, limit: int = 500) -> list[tuple[int, str]]:
        """(article id, ingested_at) of articles with subject figures not yet tracked."""
        rows = await self.sql.fetchall(
            "SELECT DISTINCT a.id, a.ingested_at FROM figures f JOIN articles a"
            " ON a.id = f.article_id LEFT JOIN figure_series s ON s.figure_id = f.id"
            " WHERE f.subject_id IS NOT NULL AND s.id IS NULL ORDER BY a.id LIMIT ?", (limit,),
        )
        return [(int(r[0]), str(iso_text(r[1]))) for r in rows]

    async def series(self, subject_id: int, measure_key: str, unit: str) -> list[Observation]:
        """Every observation of one series, oldest first."""
        rows = await self.sql.fetchall(
            f"SELECT s.*, {_DATED} FROM figure_series s LEFT JOIN articles a"
            " ON a.id = s.article_id WHERE s.subject_id = ? AND s.measure_key = ? AND s.unit = ?"
            " ORDER BY s.observed_on, s.id", (subject_id, measure_key, unit),
        )
        return [observation(r) for r in rows]

    async def for_subject(self, subject_id: int, limit: int = 500) -> list[Observation]:
        """A subject's observations, newest first."""
        rows = await self.sql.fetchall(FOR_SUBJECT_SQL, (subject_id, limit))
        return [observation(r) for r in rows]

    async def history(self, subject_id: int) -> list[MeasureHistory]:
        """Every tracked measure of a subject, most recently observed measure first."""
        groups: dict[tuple[str, str], list[Observation]] = {}
        for o in await self.for_subject(subject_id):
            groups.setdefault((o.measure_key, o.unit), []).append(o)
        return [MeasureHistory(obs[0].measure or f"other {obs[0].kind} figures", unit,
                               tuple(obs)) for (_key, unit), obs in groups.items()]

    async def record(
        self, observations: Sequence[Observation], alerts: Sequence[Outgoing]
    ) -> list[str]:
        """Store observations and enqueue their alerts atomically; states of the new alerts.

        When every observation was already stored (a re-run), nothing is enqueued.
        """
        async with self.sql.tx() as tx:
            added = 0
            recorded_at = self.sql.at(datetime.now(UTC))
            for o in observations:
                values = [getattr(o, k) for k in _OBS_COLS]
                values[_OBS_COLS.index("observed_on")] = self.sql.day(o.observed_on)
                added += await tx.run(
                    f"INSERT INTO figure_series ({', '.join(_OBS_COLS)}, recorded_at)"
                    f" VALUES ({','.join('?' * (len(_OBS_COLS) + 1))})"
                    " ON CONFLICT (figure_id) DO NOTHING",
                    *values, recorded_at,
                )
            if observations and not added:
                return []
            states = [await self._enqueue(tx, a) for a in alerts]
            return [s for s in states if s is not None]

    @abstractmethod
    async def _enqueue(self, tx: Tx, alert: Outgoing) -> str | None:
        """Enqueue one alert inside `tx` (the engine's outbox); its state, None if it existed."""


class SeriesRepo(SeriesRepoBase):
    """Figure series on SQLite."""

    def __init__(self, db: Database) -> None:
        super().__init__(SqliteEngine(db))
        self.db = db

    async def _enqueue(self, tx: Tx, alert: Outgoing) -> str | None:
        return await enqueue_in(tx.conn, alert)
