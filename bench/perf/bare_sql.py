"""The SQL the command paths run, replayed on a plain `sqlite3` connection (the baseline).

Statements are copied from their call sites (bot/store/entities.py, bot/store/articles.py,
bot/store/series.py) so that `handler time / bare time` shows what the router, handlers,
services, aiosqlite thread hops and reply building add. If those call sites change, update the
copies here (the names say where each comes from). Each statement is timed on its own as well,
so a slow command can be traced to the statement that makes it slow.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict

from bot.store.text import norm_name

SQL = {
    "EntityRepo.lookup": (
        "SELECT e.id, e.name, e.type, e.country,"
        " (SELECT COALESCE(SUM(count), 0) FROM mentions m WHERE m.entity_id = e.id) AS n"
        " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " WHERE a.norm = ? ORDER BY (e.norm = a.norm) DESC, n DESC LIMIT 1"),
    "EntityRepo.mention_stats.sum": (
        "SELECT COALESCE(SUM(count), 0) FROM mentions WHERE entity_id = ?"),
    "EntityRepo.mention_stats.newest": (
        "SELECT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id = ?"
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ?"),
    "ArticleRepo._records": (
        "SELECT a.id, a.title, a.url, a.published, a.source, a.summary, a.story_id,"
        " a.ingested_at FROM articles a WHERE a.id = ?"
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ?"),
    "ArticleRepo._records.topics": (
        "SELECT topic, score, terms, entities FROM article_topics WHERE article_id = ?"
        " ORDER BY score DESC"),
    "EntityRepo.roles": (
        "SELECT r.text, r.org, r.article_id FROM roles r WHERE r.entity_id = ?"
        " ORDER BY r.article_id DESC, r.id"),
    "EntityRepo.aliases": (
        "SELECT DISTINCT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " WHERE a.entity_id = ? AND a.alias != e.name ORDER BY a.alias"),
    "EntityRepo.related": (
        "SELECT e.name, SUM(m2.count) AS n FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id"
        " JOIN entities e ON e.id = m2.entity_id"
        " WHERE m1.entity_id = ? AND e.grp IN ('person', 'org', 'place')"
        " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?"),
    "EntityRepo.figures_about": (
        "SELECT f.*, a.title, a.url, a.published, a.source FROM figures f"
        " JOIN articles a ON a.id = f.article_id WHERE f.subject_id = ?"
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC, f.position LIMIT ?"),
    "EntityRepo.figures_for_topic": (
        "SELECT f.*, a.title, a.url, a.published, a.source FROM figures f"
        " JOIN articles a ON a.id = f.article_id"
        " WHERE f.article_id IN (SELECT article_id FROM article_topics WHERE topic = ?)"
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC, f.position LIMIT ?"),
    "ArticleRepo.latest": (
        "SELECT a.id, a.title, a.url, a.published, a.source, a.summary, a.story_id,"
        " a.ingested_at FROM articles a "
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ?"),
    "ArticleRepo.latest.topic": (
        "SELECT a.id, a.title, a.url, a.published, a.source, a.summary, a.story_id,"
        " a.ingested_at FROM articles a "
        "WHERE a.id IN (SELECT article_id FROM article_topics WHERE topic = ?)"
        " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ?"),
    "SeriesRepo.for_subject": (
        "SELECT * FROM figure_series WHERE subject_id = ?"
        " ORDER BY observed_on DESC, id DESC LIMIT ?"),
    "ArticleRepo.search": (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"),
    "autocomplete.prefix_range": (  # baseline only: the bot answers from an in-memory index
        "SELECT DISTINCT e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " WHERE a.norm >= ? AND a.norm < ? LIMIT ?"),
    "EntityRepo.all_names": (
        "SELECT a.alias, e.name, COALESCE(t.n, 0) AS n"
        " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " LEFT JOIN (SELECT entity_id, SUM(count) AS n FROM mentions GROUP BY entity_id) t"
        " ON t.entity_id = e.id"),
}


class Bare:
    """Replays each command's statements; keeps per-statement timings (seconds)."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path)
        self.timings: dict[str, list[float]] = defaultdict(list)

    def _q(self, name: str, params: tuple) -> list[tuple]:
        start = time.perf_counter()
        rows = self.conn.execute(SQL[name], params).fetchall()
        self.timings[name].append(time.perf_counter() - start)
        return rows

    def _articles(self, ids: list[int]) -> None:
        for aid in ids:
            if self._q("ArticleRepo._records", (aid, 1)):
                self._q("ArticleRepo._records.topics", (aid,))

    def entity(self, name: str) -> bool:
        """What /entity <name> runs."""
        row = self._q("EntityRepo.lookup", (norm_name(name),))
        if not row:
            return False
        eid = row[0][0]
        self._q("EntityRepo.mention_stats.sum", (eid,))
        ids = [r[0] for r in self._q("EntityRepo.mention_stats.newest", (eid, 5))]
        self._articles(ids)
        self._q("EntityRepo.roles", (eid,))
        self._q("EntityRepo.aliases", (eid,))
        self._q("EntityRepo.related", (eid, 8))
        return True

    def figures(self, name: str) -> bool:
        """What /figures <entity> runs (the handler looks the entity up a second time)."""
        row = self._q("EntityRepo.lookup", (norm_name(name),))
        if not row:
            return False
        self._q("EntityRepo.figures_about", (row[0][0], 25))
        row = self._q("EntityRepo.lookup", (norm_name(name),))
        self._q("SeriesRepo.for_subject", (row[0][0], 500))
        return True

    def figures_topic(self, topic: str) -> bool:
        """What /figures <topic> runs."""
        self._q("EntityRepo.figures_for_topic", (topic, 25))
        return True

    def latest(self, topic: str) -> bool:
        """What /latest [topic] runs ("" for no topic)."""
        if topic:
            rows = self._q("ArticleRepo.latest.topic", (topic, 5))
        else:
            rows = self._q("ArticleRepo.latest", (5,))
        for r in rows:
            self._q("ArticleRepo._records.topics", (r[0],))
        return True

    def search(self, words: str) -> bool:
        """What /search <words> runs (quoted words, as QueryService.search builds them)."""
        fts = " ".join(f'"{w}"' for w in words.split()[:12])
        ids = [r[0] for r in self._q("ArticleRepo.search", (fts, 5))]
        self._articles(ids)
        return True

    def complete(self, prefix: str) -> bool:
        """An indexed prefix range on entity_aliases(norm): the SQL an index-less bot would run."""
        key = norm_name(prefix)
        self._q("autocomplete.prefix_range", (key, key + "\U0010ffff", 25))
        return True

    def plans(self, samples: dict[str, tuple]) -> dict[str, list[str]]:
        """EXPLAIN QUERY PLAN of each statement, with sample parameters."""
        out = {}
        for name, params in samples.items():
            rows = self.conn.execute("EXPLAIN QUERY PLAN " + SQL[name], params).fetchall()
            out[name] = [str(r[-1]) for r in rows]
        return out

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
