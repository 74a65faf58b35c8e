"""Canonical entities across articles: aliases, mentions, roles, and the figures about them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.models import EntityMention
from bot.store.db import Database
from bot.store.rows import FigureRow, RoleRow
from bot.store.sql import SqlEngine, SqliteEngine, Tx
from bot.store.text import MAY_BE_PERSON, norm_name, partial_name, type_group
from bot.store.values import Row


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A stored canonical entity."""

    id: int
    name: str
    type: str
    country: str | None = None

    @classmethod
    def of(cls, r: Row) -> EntityRow:
        """From a row with id, name, type and country."""
        return cls(int(r["id"]), r["name"], r["type"], r["country"])


class EntityWriter:
    """Merge an article's entities into the canonical set (inside the caller's transaction).

    An incoming entity joins an existing one when its name or any alias equals (after
    normalisation) an alias of an entity of the same type group; the longest, most complete
    name wins as the canonical one. An ORG that matches nothing in its group but is part of
    the name of exactly one known person ("Saqib" of "Bilal Bin Saqib") joins that person.

    The SQL runs unchanged on both engines (bot.store.sql).
    """

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    async def write(
        self, article_id: int, entities: Sequence[EntityMention], article_at: object
    ) -> dict[str, int]:
        """Store mentions and roles; returns {name or alias in this article: entity id}.

        `article_at` is the article's date (published, else ingested) used by newest-first
        reads, as the engine's parameter.
        """
        ids: dict[str, int] = {}
        for ent in entities:
            entity_id = await self._resolve(ent)
            for name in (ent.name, *ent.aliases):
                ids.setdefault(name, entity_id)
            await self.tx.run(
                "INSERT INTO mentions (entity_id, article_id, count, article_at) VALUES (?,?,?,?)"
                " ON CONFLICT (entity_id, article_id)"
                " DO UPDATE SET count = mentions.count + excluded.count",
                entity_id, article_id, ent.mentions, article_at,
            )
            await self.tx.run_many(
                "INSERT INTO roles (entity_id, article_id, text, org, sentence)"
                " VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                [(entity_id, article_id, r.text, r.org, r.sentence) for r in ent.roles],
            )
        return ids

    async def find(self, name: str) -> int | None:
        """Any entity (of any type) with this name or alias."""
        rows = await self.tx.rows(
            "SELECT entity_id FROM entity_aliases WHERE norm = ? LIMIT 1", norm_name(name))
        return int(rows[0][0]) if rows else None

    async def _resolve(self, ent: EntityMention) -> int:
        grp = type_group(ent.type)
        names = [n for n in (ent.name, *ent.aliases) if norm_name(n)]
        entity_id = None
        for name in names:
            entity_id = await self._candidate(norm_name(name), grp)
            if entity_id is not None:
                break
        if entity_id is None and grp in MAY_BE_PERSON:
            entity_id = await self._person(names)
            grp = grp if entity_id is None else "person"
        if entity_id is None:
            entity_id = await self._create(ent, grp)
        else:
            await self._maybe_rename(entity_id, ent.name)
        await self.tx.run_many(
            "INSERT INTO entity_aliases (norm, grp, entity_id, alias) VALUES (?,?,?,?)"
            " ON CONFLICT DO NOTHING",
            [(norm_name(n), grp, entity_id, n) for n in names],
        )
        return entity_id

    async def _create(self, ent: EntityMention, grp: str) -> int:
        """A new entity; or, when another transaction created one of that name and group
        first (PostgreSQL: another process saving at the same moment), that one."""
        entity_id = await self.tx.insert(
            "INSERT INTO entities (name, type, grp, norm, country) VALUES (?,?,?,?,?)"
            " ON CONFLICT (norm, grp) DO NOTHING",
            ent.name, ent.type, grp, norm_name(ent.name), ent.country,
        )
        if entity_id is None:
            rows = await self.tx.rows("SELECT id FROM entities WHERE norm = ? AND grp = ?",
                                      norm_name(ent.name), grp)
            entity_id = int(rows[0][0])
        return entity_id

    async def _candidate(self, norm: str, grp: str) -> int | None:
        """The entity an alias points at; the most mentioned one when several share it."""
        rows = await self.tx.rows(
            "SELECT entity_id FROM entity_aliases WHERE norm = ? AND grp = ? LIMIT 2", norm, grp)
        if len(rows) < 2:  # the usual case: ranking would read every mention for nothing
            return int(rows[0][0]) if rows else None
        rows = await self.tx.rows(
            "SELECT a.entity_id FROM entity_aliases a"
            " LEFT JOIN mentions m ON m.entity_id = a.entity_id"
            " WHERE a.norm = ? AND a.grp = ? GROUP BY a.entity_id"
            " ORDER BY COALESCE(SUM(m.count), 0) DESC, a.entity_id LIMIT 1",
            norm, grp,
        )
        return int(rows[0][0]) if rows else None

    async def _person(self, names: Sequence[str]) -> int | None:
        """The one person whose fuller name contains one of `names`, if exactly one does."""
        for name in names:
            norm = norm_name(name)
            rows = await self.tx.rows(PERSON_PART_SQL, norm)
            if len(rows) == 1 and partial_name(norm, str(rows[0][4])):
                return int(rows[0][0])
        return None

    async def _maybe_rename(self, entity_id: int, name: str) -> None:
        """Prefer the fuller name ("Nayib Bukele" over "Bukele") as canonical, unless another
        entity of the group already has that name."""
        rows = await self.tx.rows("SELECT name FROM entities WHERE id = ?", entity_id)
        if rows and len(name.split()) > len(str(rows[0][0]).split()):
            await self.tx.run(
                "UPDATE entities SET name = ?, norm = ? WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM entities o WHERE o.norm = ? AND o.grp = entities.grp"
                " AND o.id != entities.id)",
                name, norm_name(name), entity_id, norm_name(name),
            )


# The statements behind the command paths, named so that bench/perf replays exactly these.
# Newest-first lists walk an index on the child table's copy of the article date
# (`article_at`, schema 004) and stop after LIMIT rows, whatever the store's size.
LOOKUP_SQL = (
    "SELECT e.id, e.name, e.type, e.country, e.grp, e.norm,"
    " (SELECT COALESCE(SUM(count), 0) FROM mentions m WHERE m.entity_id = e.id) AS n"
    " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    " WHERE a.norm = ? ORDER BY (e.norm = a.norm) DESC, n DESC LIMIT 1"
)
# Persons answering to an alias (two rows are enough to know it is ambiguous).
PERSON_PART_SQL = (
    "SELECT e.id, e.name, e.type, e.country, e.norm FROM entity_aliases a"
    " JOIN entities e ON e.id = a.entity_id WHERE a.norm = ? AND a.grp = 'person' LIMIT 2"
)
MENTION_TOTAL_SQL = "SELECT COALESCE(SUM(count), 0) FROM mentions WHERE entity_id = ?"
NEWEST_MENTIONS_SQL = (
    "SELECT article_id FROM mentions WHERE entity_id = ?"
    " ORDER BY article_at DESC, article_id DESC LIMIT ?"
)
ROLES_SQL = (
    "SELECT text, org, MAX(article_id) AS article_id, COUNT(*) AS n FROM roles"
    " WHERE entity_id = ? GROUP BY text, org ORDER BY MAX(article_id) DESC LIMIT ?"
)
ALIASES_SQL = (
    "SELECT DISTINCT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    " WHERE a.entity_id = ? AND a.alias != e.name ORDER BY a.alias LIMIT 12"
)
RELATED_SQL = (
    "WITH recent AS (SELECT article_id FROM mentions WHERE entity_id = :id"
    " ORDER BY article_at DESC, article_id DESC LIMIT :window)"
    " SELECT e.name, SUM(m.count) AS n FROM recent r"
    " JOIN mentions m ON m.article_id = r.article_id AND m.entity_id != :id"
    " JOIN entities e ON e.id = m.entity_id"
    " WHERE e.grp IN ('person', 'org', 'place')"
    " GROUP BY e.id ORDER BY n DESC, e.name LIMIT :limit"
)
_FIGURES_OF = (  # every figure linked to the entities (schema 005), their own or related
    "SELECT f.*, s.relation, a.title, a.url, a.published, a.source FROM figure_subjects s"
    " JOIN figures f ON f.id = s.figure_id JOIN articles a ON a.id = s.article_id"
    " WHERE s.entity_id {match}"
    " ORDER BY s.article_at DESC, s.article_id DESC, s.position LIMIT ?"
)
FIGURES_ABOUT_SQL = _FIGURES_OF.format(match="= ?")  # one entity: the index gives the order
# The entities of the very same name in the other type groups ("Sainsbury" typed a person in
# one article and an organisation in another is one name a user asks about); at most one per
# group, so a handful of ids.
SAME_NAME_SQL = (
    "SELECT o.id FROM entities e JOIN entities o ON o.norm = e.norm WHERE e.id = ? ORDER BY o.id"
)
FIGURES_FOR_TOPIC_SQL = (
    "SELECT f.*, 'subject' AS relation, a.title, a.url, a.published, a.source FROM article_topics t"
    " JOIN figures f ON f.article_id = t.article_id JOIN articles a ON a.id = t.article_id"
    " WHERE t.topic = ? ORDER BY t.article_at DESC, t.article_id DESC, f.position LIMIT ?"
)
ALL_NAMES_SQL = (
    "SELECT a.alias, e.name, COALESCE(t.n, 0) AS n"
    " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    " LEFT JOIN (SELECT entity_id, SUM(count) AS n FROM mentions GROUP BY entity_id) t"
    " ON t.entity_id = e.id"
)
ARTICLE_NAMES_SQL = (
    "WITH named AS MATERIALIZED (SELECT m.entity_id,"
    " (SELECT SUM(t.count) FROM mentions t WHERE t.entity_id = m.entity_id) AS n"
    " FROM mentions m WHERE m.article_id = ?)"
    " SELECT a.alias, e.name, named.n FROM named JOIN entities e ON e.id = named.entity_id"
    " JOIN entity_aliases a ON a.entity_id = e.id"
)
# How many of an entity's newest articles `related` reads: co-mentions are "recent company".
RELATED_WINDOW = 500


class EntityRepoBase:
    """Queries about canonical entities, on the engine behind `sql` (the SQL is common)."""

    def __init__(self, sql: SqlEngine) -> None:
        self.sql = sql

    async def lookup(self, name: str) -> EntityRow | None:
        """The entity whose name or alias matches `name` (normalised), most mentioned first.

        An organisation named just `name` yields to the one person whose fuller name contains
        it: that ORG is spaCy's reading of the person's surname ("Saqib")."""
        norm = norm_name(name)
        row = await self.sql.fetchone(LOOKUP_SQL, (norm,))
        if row is not None and row["grp"] in MAY_BE_PERSON and row["norm"] == norm:
            people = await self.sql.fetchall(PERSON_PART_SQL, (norm,))
            if len(people) == 1 and partial_name(norm, people[0]["norm"]):
                row = people[0]
        return EntityRow.of(row) if row else None

    async def all_names(self) -> list[tuple[str, str, int]]:
        """(alias, canonical name, mention count) of every alias, for autocomplete."""
        rows = await self.sql.fetchall(ALL_NAMES_SQL)
        return [(r["alias"], r["name"], int(r["n"])) for r in rows]

    async def article_names(self, article_id: int) -> list[tuple[str, str, int]]:
        """(alias, canonical name, mention count) of every entity named in one article."""
        rows = await self.sql.fetchall(ARTICLE_NAMES_SQL, (article_id,))
        return [(r["alias"], r["name"], int(r["n"])) for r in rows]

    async def canonical_names(self) -> list[tuple[str, int]]:
        """(canonical name, mention count) of every entity."""
        rows = await self.sql.fetchall(
            "SELECT e.name, COALESCE(SUM(m.count), 0) AS n FROM entities e"
            " LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id"
        )
        return [(r["name"], int(r["n"])) for r in rows]

    async def aliases(self, entity_id: int) -> list[str]:
        """Surface forms seen for the entity, excluding its canonical name."""
        rows = await self.sql.fetchall(ALIASES_SQL, (entity_id,))
        return [r["alias"] for r in rows]

    async def roles(self, entity_id: int, limit: int = 8) -> list[RoleRow]:
        """Distinct (role, org) pairs, most recently stated first, each with its newest article
        id and the number of articles stating it."""
        rows = await self.sql.fetchall(ROLES_SQL, (entity_id, limit))
        return [RoleRow.of(r) for r in rows]

    async def mention_stats(self, entity_id: int, limit: int = 5) -> tuple[int, list[int]]:
        """(total mentions, newest article ids mentioning the entity)."""
        row = await self.sql.fetchone(MENTION_TOTAL_SQL, (entity_id,))
        rows = await self.sql.fetchall(NEWEST_MENTIONS_SQL, (entity_id, limit))
        return int(row[0]) if row else 0, [int(r[0]) for r in rows]

    async def related(self, entity_id: int, limit: int = 8) -> list[str]:
        """Entities named most often alongside this one in its newest `RELATED_WINDOW` articles."""
        rows = await self.sql.fetchall(
            RELATED_SQL, {"id": entity_id, "window": RELATED_WINDOW, "limit": limit})
        return [r["name"] for r in rows]

    async def figures_about(self, entity_id: int, limit: int = 50) -> list[FigureRow]:
        """Figures about the entity (its own, and those it imposed, lent or that concern it
        through an organisation of its), and about entities of the same name typed otherwise,
        newest article first, in article order."""
        ids = [int(r["id"]) for r in await self.sql.fetchall(SAME_NAME_SQL, (entity_id,))]
        if len(ids) <= 1:
            rows = await self.sql.fetchall(FIGURES_ABOUT_SQL, (entity_id, limit))
        else:
            marks = ", ".join("?" * len(ids))
            rows = await self.sql.fetchall(_FIGURES_OF.format(match=f"IN ({marks})"),
                                           (*ids, limit))
        return [FigureRow.of(r) for r in rows]

    async def figures_for_topic(self, topic: str, limit: int = 50) -> list[FigureRow]:
        """Figures in articles matching a topic, newest article first."""
        return [FigureRow.of(r) for r in await self.sql.fetchall(FIGURES_FOR_TOPIC_SQL,
                                                                  (topic, limit))]


class EntityRepo(EntityRepoBase):
    """Entities on SQLite."""

    def __init__(self, db: Database) -> None:
        super().__init__(SqliteEngine(db))
        self.db = db
