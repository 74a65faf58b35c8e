"""Articles and their understanding: written in one transaction, read for commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain.models import Analysis, ArticleIn, ArticleRecord, TopicMatch
from bot.store.db import Database
from bot.store.entities import EntityWriter
from bot.store.sql import SqlEngine, SqliteEngine, Tx
from bot.store.text import search_phrase
from bot.store.values import Row, json_list, when

# The statements behind the command paths, named so that bench/perf replays exactly these.
# RECORDS_SQL / RECORDS_TOPICS_SQL take `{marks}`: one "?" per id (see `marks`).
RECORDS_SQL = (
    "SELECT id, title, url, published, source, summary, story_id, ingested_at FROM articles"
    " WHERE id IN ({marks})"
)
RECORDS_TOPICS_SQL = (
    "SELECT article_id, topic, score, terms, entities FROM article_topics"
    " WHERE article_id IN ({marks}) ORDER BY article_id, score DESC"
)
# Walks the articles_newest expression index (schema 004); the ORDER BY must match it exactly.
LATEST_SQL = (
    "SELECT id FROM articles"
    " ORDER BY COALESCE(published, ingested_at) DESC, id DESC LIMIT ?"
)
LATEST_TOPIC_SQL = (
    "SELECT article_id FROM article_topics WHERE topic = ?"
    " ORDER BY article_at DESC, article_id DESC LIMIT ?"
)
# bm25 ranks only the newest SEARCH_WINDOW matches: ranking every match of a common word costs
# time linear in the store, and for news the recent matches are the ones worth reading.
SEARCH_SQL = (
    "SELECT rowid FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :q"
    " ORDER BY rowid DESC LIMIT :window) ORDER BY rank LIMIT :limit"
)
SEARCH_WINDOW = 2000
# Entity merging reads the canonical set, then decides: one article's analysis at a time.
ENTITY_MERGE_LOCK = "store:entity-merge"


def marks(sql: str, count: int) -> str:
    """`sql` with `{marks}` replaced by `count` parameter placeholders."""
    return sql.format(marks=",".join("?" * count))


class ArticleRepoBase:
    """Read and write articles with their topics, entities, roles and figures, on the engine
    behind `sql` (the SQLite and PostgreSQL repositories differ only in that and the search
    statement)."""

    search_sql = SEARCH_SQL  # `:q` a phrase of quoted words, `:window`, `:limit`

    def __init__(self, sql: SqlEngine) -> None:
        self.sql = sql

    async def find_uid(self, uid: str) -> tuple[int, str] | None:
        """(id, content_hash) of the article stored under `uid`, if any."""
        row = await self.sql.fetchone("SELECT id, content_hash FROM articles WHERE uid = ?",
                                      (uid,))
        return (int(row["id"]), row["content_hash"]) if row else None

    async def stored_within(self, article_id: int, age: timedelta) -> bool:
        """Whether the article was ingested less than `age` ago."""
        row = await self.sql.fetchone(
            "SELECT 1 FROM articles WHERE id = ? AND ingested_at >= ?",
            (article_id, self.sql.at(datetime.now(UTC) - age)))
        return row is not None

    async def alerted(self, article_id: int) -> bool:
        """Whether the article's alerts were already enqueued."""
        row = await self.sql.fetchone(
            "SELECT 1 FROM articles WHERE id = ? AND alerted_at IS NOT NULL", (article_id,))
        return row is not None

    async def mark_alerted(self, article_id: int) -> None:
        """Record that the article's alerts are enqueued (it is never alerted again)."""
        async with self.sql.tx() as tx:
            await tx.run("UPDATE articles SET alerted_at = ? WHERE id = ?"
                         " AND alerted_at IS NULL", self.sql.at(datetime.now(UTC)), article_id)

    async def save(
        self,
        article: ArticleIn,
        *,
        uid: str,
        content_hash: str,
        analysis: Analysis,
        story_id: int | None = None,
    ) -> tuple[int, bool]:
        """Store an article and its analysis atomically; (id, created). Idempotent on `uid`."""
        published = None if article.date is None else self.sql.at(article.date)
        ingested_at = self.sql.at(datetime.now(UTC))
        async with self.sql.tx() as tx:
            found = await tx.rows("SELECT id FROM articles WHERE uid = ?", uid)
            if found:
                return int(found[0][0]), False
            article_id = await tx.insert(  # skipped only if another process won the race
                "INSERT INTO articles (uid, url, title, source, feed_url, guid, published,"
                " ingested_at, body, content_hash, summary, story_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (uid) DO NOTHING",
                uid, article.url, article.title, article.source, article.feed_url,
                article.guid, published, ingested_at,
                analysis.clean_text or article.text, content_hash,
                json.dumps(list(analysis.summary)), story_id,
            )
            if article_id is None:
                found = await tx.rows("SELECT id FROM articles WHERE uid = ?", uid)
                return int(found[0][0]), False
            await write_analysis(tx, article_id, analysis,
                                 ingested_at if published is None else published)
            return article_id, True

    async def get(self, article_id: int) -> ArticleRecord | None:
        """One article by id."""
        found = await self.get_many([article_id])
        return found[0] if found else None

    async def get_many(self, ids: Sequence[int]) -> list[ArticleRecord]:
        """Articles by id, in the order given (unknown ids are left out); two queries in all."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        rows = {int(r["id"]): r for r in await self.sql.fetchall(
            marks(RECORDS_SQL, len(ids)), tuple(ids))}
        topics: dict[int, list[TopicMatch]] = {}
        for t in await self.sql.fetchall(marks(RECORDS_TOPICS_SQL, len(ids)), tuple(ids)):
            topics.setdefault(int(t["article_id"]), []).append(topic_match(t))
        return [article_record(rows[i], topics.get(i, [])) for i in ids if i in rows]

    async def by_url(self, url: str) -> ArticleRecord | None:
        """One article by its URL (exact) or uid."""
        row = await self.sql.fetchone(
            "SELECT id FROM articles WHERE url = ? OR uid = ? ORDER BY id LIMIT 1", (url, url)
        )
        return await self.get(int(row["id"])) if row else None

    async def latest(self, topic: str | None = None, limit: int = 5) -> list[ArticleRecord]:
        """Newest articles first (by publication date, then ingestion), optionally for a topic."""
        if topic:
            rows = await self.sql.fetchall(LATEST_TOPIC_SQL, (topic, limit))
        else:
            rows = await self.sql.fetchall(LATEST_SQL, (limit,))
        return await self.get_many([int(r[0]) for r in rows])

    async def search(self, query: str, limit: int = 5) -> list[ArticleRecord]:
        """Full-text search for every word of `query`, stemmed (what else it holds, quotes,
        operators, punctuation, is not interpreted): the best matches among the newest
        `SEARCH_WINDOW` matching articles, best first. No words, no matches."""
        phrase = search_phrase(query)
        if not phrase:
            return []
        return await self.get_many(await self._matches(phrase, limit))

    async def _matches(self, phrase: str, limit: int) -> list[int]:
        """Ids of the best `limit` matches of `phrase` (this engine's `search_sql`)."""
        rows = await self.sql.fetchall(
            self.search_sql, {"q": phrase, "window": SEARCH_WINDOW, "limit": limit})
        return [int(r[0]) for r in rows]

    async def topic_counts(self) -> dict[str, int]:
        """How many stored articles match each topic."""
        rows = await self.sql.fetchall(
            "SELECT topic, COUNT(*) AS n FROM article_topics GROUP BY topic"
        )
        return {r["topic"]: int(r["n"]) for r in rows}

    async def story_sources(self, story_id: int, exclude: int | None = None) -> list[str]:
        """Outlets (source or host) of the other articles of a story."""
        rows = await self.sql.fetchall(
            "SELECT DISTINCT COALESCE(source, url) AS s FROM articles"
            " WHERE (story_id = ? OR id = ?) AND id != ? AND COALESCE(source, url) IS NOT NULL",
            (story_id, story_id, exclude or -1),
        )
        return [r["s"] for r in rows]

    async def newest_texts(self, limit: int) -> list[tuple[int, str, str]]:
        """(id, uid, "title\nbody") of the newest `limit` articles, oldest of them first."""
        rows = await self.sql.fetchall(
            "SELECT id, uid, title, body FROM articles ORDER BY id DESC LIMIT ?", (limit,))
        return [_text(r) for r in reversed(rows)]

    async def texts_after(self, article_id: int, limit: int) -> list[tuple[int, str, str]]:
        """(id, uid, "title\nbody") of up to `limit` articles stored after `article_id`,
        oldest first (what other processes stored since this one last looked)."""
        rows = await self.sql.fetchall(
            "SELECT id, uid, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            (article_id, limit))
        return [_text(r) for r in rows]

    async def card_figures(self, article_id: int) -> list[CardFigure]:
        """An article's figures in text order, as an alert card shows them."""
        rows = await self.sql.fetchall(
            "SELECT value, value_high, unit, qualifier, subject, measure, kind FROM figures"
            " WHERE article_id = ? ORDER BY position", (article_id,))
        return [CardFigure.of(r) for r in rows]


class ArticleRepo(ArticleRepoBase):
    """Articles on SQLite (FTS5 search, porter stemming)."""

    def __init__(self, db: Database) -> None:
        super().__init__(SqliteEngine(db))
        self.db = db


async def write_analysis(tx: Tx, article_id: int, analysis: Analysis, article_at: object,
                         ) -> None:
    """An article's topics, entities (merged, bot.store.entities) and figures with their
    subjects, inside the caller's transaction; `article_at` is its date as a parameter."""
    await tx.run_many(
        "INSERT INTO article_topics (article_id, topic, score, terms, entities, article_at)"
        " VALUES (?,?,?,?,?,?)",
        [
            (article_id, t.topic, t.score, json.dumps(list(t.terms)),
             json.dumps(list(t.entities)), article_at)
            for t in analysis.topics
        ],
    )
    await tx.serialise(ENTITY_MERGE_LOCK)
    writer = EntityWriter(tx)
    ids = await writer.write(article_id, analysis.entities, article_at)
    rows, links = [], []
    for pos, f in enumerate(analysis.figures):
        subject_id = ids.get(f.subject) if f.subject else None
        if f.subject and subject_id is None:
            subject_id = await writer.find(f.subject)
        rows.append((
            article_id, pos, subject_id, f.subject, f.value, f.value_high, f.unit, f.kind,
            f.qualifier, f.measure, f.text, f.sentence, article_at,
        ))
        related = {subject_id: "subject"} if subject_id is not None else {}
        for name, relation in f.also:
            other = ids.get(name) or await writer.find(name)
            if other is not None:
                related.setdefault(other, relation)
        links += [(entity_id, relation, article_id, pos)
                  for entity_id, relation in related.items()]
    await tx.run_many(
        "INSERT INTO figures (article_id, position, subject_id, subject, value, value_high,"
        " unit, kind, qualifier, measure, text, sentence, article_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    await tx.run_many(  # the figure's id found by (article, position): one statement
        "INSERT INTO figure_subjects (entity_id, figure_id, relation, article_id, position,"
        " article_at) SELECT CAST(? AS BIGINT), id, CAST(? AS TEXT), article_id, position,"
        " article_at FROM figures WHERE article_id = ? AND position = ?",
        links,
    )


@dataclass(frozen=True, slots=True)
class CardFigure:
    """One stored figure of an article, as far as an alert card needs it."""

    value: float
    value_high: float | None
    unit: str
    qualifier: str | None
    subject: str | None
    measure: str | None
    kind: str

    @classmethod
    def of(cls, r: Row) -> CardFigure:
        """From a row of `figures`."""
        return cls(value=r["value"], value_high=r["value_high"], unit=r["unit"],
                   qualifier=r["qualifier"], subject=r["subject"], measure=r["measure"],
                   kind=r["kind"])


def _text(r: Row) -> tuple[int, str, str]:
    return int(r["id"]), r["uid"], f"{r['title']}\n{r['body']}"


def topic_match(t: Row) -> TopicMatch:
    """A row of `article_topics` (JSON lists as text or decoded)."""
    return TopicMatch(topic=t["topic"], score=float(t["score"]), terms=json_list(t["terms"]),
                      entities=json_list(t["entities"]))


def article_record(r: Row, topics: Sequence[TopicMatch]) -> ArticleRecord:
    """A row of RECORDS_SQL with its topics."""
    return ArticleRecord(
        id=int(r["id"]), title=r["title"], url=r["url"], date=when(r["published"]),
        source=r["source"], summary=json_list(r["summary"]), topics=tuple(topics),
        story_id=r["story_id"], ingested_at=when(r["ingested_at"]),
    )
