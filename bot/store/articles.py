"""Articles and their understanding: written in one transaction, read for commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.domain.models import Analysis, ArticleIn, ArticleRecord, TopicMatch
from bot.store.db import Database
from bot.store.entities import EntityWriter


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
            cur = await conn.execute(
                "INSERT INTO articles (uid, url, title, source, feed_url, guid, published,"
                " ingested_at, body, content_hash, summary, story_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    uid, article.url, article.title, article.source, article.feed_url,
                    article.guid, _iso(article.date), now_iso(),
                    analysis.clean_text or article.text, content_hash,
                    json.dumps(list(analysis.summary)), story_id,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            await self._write_analysis(conn, article_id, analysis)
            return article_id, True

    async def _write_analysis(
        self, conn: aiosqlite.Connection, article_id: int, analysis: Analysis
    ) -> None:
        await conn.executemany(
            "INSERT INTO article_topics (article_id, topic, score, terms, entities)"
            " VALUES (?,?,?,?,?)",
            [
                (article_id, t.topic, t.score, json.dumps(list(t.terms)),
                 json.dumps(list(t.entities)))
                for t in analysis.topics
            ],
        )
        ids = await EntityWriter(conn).write(article_id, analysis.entities)
        rows = []
        for pos, f in enumerate(analysis.figures):
            subject_id = ids.get(f.subject) if f.subject else None
            if f.subject and subject_id is None:
                subject_id = await EntityWriter(conn).find(f.subject)
            rows.append((
                article_id, pos, subject_id, f.subject, f.value, f.value_high, f.unit, f.kind,
                f.qualifier, f.measure, f.text, f.sentence,
            ))
        await conn.executemany(
            "INSERT INTO figures (article_id, position, subject_id, subject, value, value_high,"
            " unit, kind, qualifier, measure, text, sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )

    async def get(self, article_id: int) -> ArticleRecord | None:
        """One article by id."""
        rows = await self._records("WHERE a.id = ?", (article_id,), limit=1)
        return rows[0] if rows else None

    async def by_url(self, url: str) -> ArticleRecord | None:
        """One article by its URL (exact) or uid."""
        row = await self.db.fetchone(
            "SELECT id FROM articles WHERE url = ? OR uid = ? ORDER BY id LIMIT 1", (url, url)
        )
        return await self.get(int(row["id"])) if row else None

    async def latest(self, topic: str | None = None, limit: int = 5) -> list[ArticleRecord]:
        """Newest articles first (by publication date, then ingestion), optionally for a topic."""
        if topic:
            return await self._records(
                "WHERE a.id IN (SELECT article_id FROM article_topics WHERE topic = ?)",
                (topic,), limit=limit,
            )
        return await self._records("", (), limit=limit)

    async def search(self, query: str, limit: int = 5) -> list[ArticleRecord]:
        """Full-text search (FTS5, porter stemming), best match first."""
        rows = await self.db.fetchall(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        out = []
        for row in rows:
            rec = await self.get(int(row[0]))
            if rec is not None:
                out.append(rec)
        return out

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

    async def _records(self, where: str, params: tuple, limit: int) -> list[ArticleRecord]:
        rows = await self.db.fetchall(
            "SELECT a.id, a.title, a.url, a.published, a.source, a.summary, a.story_id,"
            " a.ingested_at FROM articles a " + where
            + " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ?",
            (*params, limit),
        )
        out = []
        for r in rows:
            topics = await self.db.fetchall(
                "SELECT topic, score, terms, entities FROM article_topics WHERE article_id = ?"
                " ORDER BY score DESC",
                (r["id"],),
            )
            out.append(ArticleRecord(
                id=int(r["id"]), title=r["title"], url=r["url"],
                date=parse_iso(r["published"]), source=r["source"],
                summary=tuple(json.loads(r["summary"])),
                topics=tuple(
                    TopicMatch(topic=t["topic"], score=float(t["score"]),
                               terms=tuple(json.loads(t["terms"])),
                               entities=tuple(json.loads(t["entities"])))
                    for t in topics
                ),
                story_id=r["story_id"], ingested_at=parse_iso(r["ingested_at"]),
            ))
        return out
