"""Typed rows that repositories hand to services (no `aiosqlite.Row` leaves the store)."""

from __future__ import annotations

from dataclasses import dataclass, fields

import aiosqlite


@dataclass(frozen=True, slots=True)
class RoleRow:
    """A distinct (role, organisation) pair of an entity: its newest article and how many
    articles state it."""

    text: str
    org: str | None
    article_id: int
    articles: int


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
    def of(cls, r: aiosqlite.Row) -> FigureRow:
        """From a row of `figures` joined with its article (and a `relation` column)."""
        return cls(value=r["value"], value_high=r["value_high"], unit=r["unit"],
                   qualifier=r["qualifier"], text=r["text"], subject=r["subject"],
                   measure=r["measure"], kind=r["kind"], sentence=r["sentence"],
                   relation=r["relation"], position=int(r["position"]),
                   article_id=int(r["article_id"]), title=r["title"], url=r["url"],
                   published=r["published"], source=r["source"])


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
    def of(cls, r: aiosqlite.Row) -> TrackableFigure:
        """From a row of `SeriesRepo.untracked_figures`' query."""
        return cls(**{f.name: r[f.name] for f in fields(cls)})
