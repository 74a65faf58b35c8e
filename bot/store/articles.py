"""Articles and their understanding: written in one transaction, read for commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.domain.models import Analysis, ArticleIn, ArticleRecord, TopicMatch
from bot.store.db import Database
from bot.store.entities import EntityWriter

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


def marks(sql: str, count: int) -> str:
    """`sql` with `{marks}` replaced by `count` parameter placeholders."""
    return sql.format(marks=",".join("?" * count))


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    """A stored ISO timestamp back to an aware datetime."""
    return datetime.fromisoformat(value) if value else None


def now_iso() -> str:
    """The current UTC time as stored."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class ArticleRepo:
    """Read and write articles with their topics, entities, roles and figures."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def find_uid(self, uid: str) -> tuple[int, str] | None:
        """(id, content_hash) of the article stored under `uid`, if any."""
        row = await self.db.fetchone("SELECT id, content_hash FROM articles WHERE uid = ?", (uid,))
        return (row["id"], row["content_hash"]) if row else None

    async def stored_within(self, article_id: int, age: timedelta) -> bool:
        """Whether the article was ingested less than `age` ago."""
        cutoff = (datetime.now(UTC) - age).isoformat(timespec="seconds")
        row = await self.db.fetchone(
            "SELECT 1 FROM articles WHERE id = ? AND ingested_at >= ?", (article_id, cutoff))
        return row is not None

    async def alerted(self, article_id: int) -> bool:
        """Whether the article's alerts were already enqueued."""
        row = await self.db.fetchone(
            "SELECT 1 FROM articles WHERE id = ? AND alerted_at IS NOT NULL", (article_id,))
        return row is not None

    async def mark_alerted(self, article_id: int) -> None:
        """Record that the article's alerts are enqueued (it is never alerted again)."""
        async with self.db.transaction() as conn:
            await conn.execute("UPDATE articles SET alerted_at = ? WHERE id = ?"
                               " AND alerted_at IS NULL", (now_iso(), article_id))

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
        async with self.db.transaction() as conn:
            async with conn.execute("SELECT id FROM articles WHERE uid = ?", (uid,)) as cur:
                row = await cur.fetchone()
            if row is not None:
                return int(row[0]), False
            published, ingested_at = _iso(article.date), now_iso()
            cur = await conn.execute(
                "INSERT INTO articles (uid, url, title, source, feed_url, guid, published,"
                " ingested_at, body, content_hash, summary, story_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    uid, article.url, article.title, article.source, article.feed_url,
                    article.guid, published, ingested_at,
                    analysis.clean_text or article.text, content_hash,
                    json.dumps(list(analysis.summary)), story_id,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            await self._write_analysis(conn, article_id, analysis, published or ingested_at)
            return article_id, True

    async def _write_analysis(
        self, conn: aiosqlite.Connection, article_id: int, analysis: Analysis, article_at: str
    ) -> None:
        await conn.executemany(
            "INSERT INTO article_topics (article_id, topic, score, terms, entities, article_at)"
            " VALUES (?,?,?,?,?,?)",
            [
                (article_id, t.topic, t.score, json.dumps(list(t.terms)),
                 json.dumps(list(t.entities)), article_at)
                for t in analysis.topics
            ],
        )
        writer = EntityWriter(conn)
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
        await conn.executemany(
            "INSERT INTO figures (article_id, position, subject_id, subject, value, value_high,"
            " unit, kind, qualifier, measure, text, sentence, article_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        await conn.executemany(  # the figure's id found by (article, position): one statement
            "INSERT INTO figure_subjects (entity_id, figure_id, relation, article_id, position,"
            " article_at) SELECT ?, id, ?, article_id, position, article_at FROM figures"
            " WHERE article_id = ? AND position = ?",
            links,
        )

    async def get(self, article_id: int) -> ArticleRecord | None:
        """One article by id."""
        found = await self.get_many([article_id])
        return found[0] if found else None

    async def get_many(self, ids: Sequence[int]) -> list[ArticleRecord]:
        """Articles by id, in the order given (unknown ids are left out); two queries in all."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        rows = {int(r["id"]): r for r in await self.db.fetchall(
            marks(RECORDS_SQL, len(ids)), tuple(ids))}
        topics: dict[int, list[TopicMatch]] = {}
        for t in await self.db.fetchall(marks(RECORDS_TOPICS_SQL, len(ids)), tuple(ids)):
            topics.setdefault(int(t["article_id"]), []).append(TopicMatch(
                topic=t["topic"], score=float(t["score"]), terms=tuple(json.loads(t["terms"])),
                entities=tuple(json.loads(t["entities"]))))
        return [_record(rows[i], topics.get(i, [])) for i in ids if i in rows]

    async def by_url(self, url: str) -> ArticleRecord | None:
        """One article by its URL (exact) or uid."""
        row = await self.db.fetchone(
            "SELECT id FROM articles WHERE url = ? OR uid = ? ORDER BY id LIMIT 1", (url, url)
        )
        return await self.get(int(row["id"])) if row else None

    async def latest(self, topic: str | None = None, limit: int = 5) -> list[ArticleRecord]:
        """Newest articles first (by publication date, then ingestion), optionally for a topic."""
        if topic:
            rows = await self.db.fetchall(LATEST_TOPIC_SQL, (topic, limit))
        else:
            rows = await self.db.fetchall(LATEST_SQL, (limit,))
        return await self.get_many([int(r[0]) for r in rows])

    async def search(self, query: str, limit: int = 5) -> list[ArticleRecord]:
        """Full-text search (FTS5, porter stemming): the best matches among the newest
        `SEARCH_WINDOW` matching articles, best first."""
        rows = await self.db.fetchall(
            SEARCH_SQL, {"q": query, "window": SEARCH_WINDOW, "limit": limit})
        return await self.get_many([int(r[0]) for r in rows])

    async def topic_counts(self) -> dict[str, int]:
        """How many stored articles match each topic."""
        rows = await self.db.fetchall(
            "SELECT topic, COUNT(*) AS n FROM article_topics GROUP BY topic"
        )
        return {r["topic"]: int(r["n"]) for r in rows}

    async def story_sources(self, story_id: int, exclude: int | None = None) -> list[str]:
        """Outlets (source or host) of the other articles of a story."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT COALESCE(source, url) AS s FROM articles"
            " WHERE (story_id = ? OR id = ?) AND id != ? AND s IS NOT NULL",
            (story_id, story_id, exclude or -1),
        )
        return [r["s"] for r in rows]

    async def newest_texts(self, limit: int) -> list[tuple[str, str]]:
        """(uid, "title\nbody") of the newest `limit` articles, oldest of them first."""
        rows = await self.db.fetchall(
            "SELECT uid, title, body FROM articles ORDER BY id DESC LIMIT ?", (limit,))
        return [(r["uid"], f"{r['title']}\n{r['body']}") for r in reversed(rows)]

    async def card_figures(self, article_id: int) -> list[CardFigure]:
        """An article's figures in text order, as an alert card shows them."""
        rows = await self.db.fetchall(
            "SELECT value, value_high, unit, qualifier, subject, measure, kind FROM figures"
            " WHERE article_id = ? ORDER BY position", (article_id,))
        return [CardFigure(value=r["value"], value_high=r["value_high"], unit=r["unit"],
                           qualifier=r["qualifier"], subject=r["subject"],
                           measure=r["measure"], kind=r["kind"]) for r in rows]


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


def _record(r: aiosqlite.Row, topics: Sequence[TopicMatch]) -> ArticleRecord:
    return ArticleRecord(
        id=int(r["id"]), title=r["title"], url=r["url"], date=parse_iso(r["published"]),
        source=r["source"], summary=tuple(json.loads(r["summary"])), topics=tuple(topics),
        story_id=r["story_id"], ingested_at=parse_iso(r["ingested_at"]),
    )
