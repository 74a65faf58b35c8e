"""Typed rows that repositories hand to services (no engine's row object leaves the store),
and the mappers that build them on either engine.

A mapper reads any row indexable by column name (an `aiosqlite.Row`, an `asyncpg.Record`)
and converts its values through `bot.store.values`, so what it hands out is the same on both
engines (times as UTC ISO text, seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.store.values import Row, iso_text


@dataclass(frozen=True, slots=True)
class RoleRow:
    """A distinct (role, organisation) pair of an entity: its newest article and how many
    articles state it."""

    text: str
    org: str | None
    article_id: int
    articles: int

    @classmethod
    def of(cls, r: Row) -> RoleRow:
        """From a row of `EntityRepo.roles`' query."""
        return cls(text=r["text"], org=r["org"], article_id=int(r["article_id"]),
                   articles=int(r["n"]))


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A stored figure with the article it was reported in (what /figures lists)."""

    value: float
    value_high: float | None
    unit: str
    qualifier: str | None
    text: str
    subject: str | None
    measure: str | None
    kind: str
    sentence: str
    relation: str
    position: int
    article_id: int
    title: str
    url: str | None
    published: str | None
    source: str | None

    @classmethod
    def of(cls, r: Row) -> FigureRow:
        """From a row of `figures` joined with its article (and a `relation` column)."""
        return cls(value=r["value"], value_high=r["value_high"], unit=r["unit"],
                   qualifier=r["qualifier"], text=r["text"], subject=r["subject"],
                   measure=r["measure"], kind=r["kind"], sentence=r["sentence"],
                   relation=r["relation"], position=int(r["position"]),
                   article_id=int(r["article_id"]), title=r["title"], url=r["url"],
                   published=iso_text(r["published"]), source=r["source"])


@dataclass(frozen=True, slots=True)
class TrackableFigure:
    """A figure with a subject and no series observation yet, with what a citation needs."""

    figure_id: int
    position: int
    subject_id: int
    value: float
    value_high: float | None
    unit: str
    kind: str
    qualifier: str | None
    measure: str | None
    text: str
    sentence: str
    article_id: int
    title: str
    url: str | None
    source: str | None
    published: str | None
    ingested_at: str

    @classmethod
    def of(cls, r: Row) -> TrackableFigure:
        """From a row of `SeriesRepo.untracked_figures`' query."""
        data = {f.name: r[f.name] for f in fields(cls)}
        data["published"], data["ingested_at"] = iso_text(data["published"]), iso_text(
            data["ingested_at"])
        return cls(**data)
