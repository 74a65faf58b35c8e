"""The SQL the command paths run, replayed on a plain `sqlite3` connection (the baseline).

The statements are the store's own (imported from bot/store/entities.py, articles.py and
series.py), so `handler time / bare time` shows what the router, handlers, services, aiosqlite
thread hops and reply building add. Each statement is timed on its own as well, so a slow
command can be traced to the statement that makes it slow.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict

from bot.services.queries import MAX_ROLES
from bot.store import articles, entities, series
from bot.store.text import norm_name

SQL = {
    "EntityRepo.lookup": entities.LOOKUP_SQL,
    "EntityRepo.mention_stats.sum": entities.MENTION_TOTAL_SQL,
    "EntityRepo.mention_stats.newest": entities.NEWEST_MENTIONS_SQL,
    "ArticleRepo.get_many": articles.RECORDS_SQL,
    "ArticleRepo.get_many.topics": articles.RECORDS_TOPICS_SQL,
    "EntityRepo.roles": entities.ROLES_SQL,
    "EntityRepo.aliases": entities.ALIASES_SQL,
    "EntityRepo.related": entities.RELATED_SQL,
    "EntityRepo.figures_about": entities.FIGURES_ABOUT_SQL,
    "EntityRepo.figures_for_topic": entities.FIGURES_FOR_TOPIC_SQL,
    "ArticleRepo.latest": articles.LATEST_SQL,
    "ArticleRepo.latest.topic": articles.LATEST_TOPIC_SQL,
    "SeriesRepo.for_subject": series.FOR_SUBJECT_SQL,
    "ArticleRepo.search": articles.SEARCH_SQL,
    "autocomplete.prefix_range": (  # baseline only: the bot answers from an in-memory index
        "SELECT DISTINCT e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " WHERE a.norm >= ? AND a.norm < ? LIMIT ?"),
    "EntityRepo.all_names": entities.ALL_NAMES_SQL,
    "EntityRepo.article_names": entities.ARTICLE_NAMES_SQL,
}


class Bare:
    """Replays each command's statements; keeps per-statement timings (seconds)."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path)
        self.timings: dict[str, list[float]] = defaultdict(list)

    def _q(self, name: str, params: tuple | dict) -> list[tuple]:
        sql = SQL[name]
        if "{marks}" in sql:
            sql = articles.marks(sql, len(params))
        start = time.perf_counter()
        rows = self.conn.execute(sql, params).fetchall()
        self.timings[name].append(time.perf_counter() - start)
        return rows

    def _articles(self, ids: list[int]) -> None:
        if ids:
            self._q("ArticleRepo.get_many", tuple(ids))
            self._q("ArticleRepo.get_many.topics", tuple(ids))

    def entity(self, name: str) -> bool:
        """What /entity <name> runs."""
        row = self._q("EntityRepo.lookup", (norm_name(name),))
        if not row:
            return False
        eid = row[0][0]
        self._q("EntityRepo.mention_stats.sum", (eid,))
        ids = [r[0] for r in self._q("EntityRepo.mention_stats.newest", (eid, 5))]
        self._articles(ids)
        self._q("EntityRepo.roles", (eid, MAX_ROLES))
        self._q("EntityRepo.aliases", (eid,))
        self._q("EntityRepo.related",
                {"id": eid, "window": entities.RELATED_WINDOW, "limit": 8})
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
        self._articles([r[0] for r in rows])
        return True

    def search(self, words: str) -> bool:
        """What /search <words> runs (quoted words, as QueryService.search builds them)."""
        fts = " ".join(f'"{w}"' for w in words.split()[:12])
        params = {"q": fts, "window": articles.SEARCH_WINDOW, "limit": 5}
        ids = [r[0] for r in self._q("ArticleRepo.search", params)]
        self._articles(ids)
        return True

    def complete(self, prefix: str) -> bool:
        """An indexed prefix range on entity_aliases(norm): the SQL an index-less bot would run."""
        key = norm_name(prefix)
        self._q("autocomplete.prefix_range", (key, key + "\U0010ffff", 25))
        return True

    def plans(self, samples: dict[str, tuple | dict]) -> dict[str, list[str]]:
        """EXPLAIN QUERY PLAN of each statement, with sample parameters."""
        out = {}
        for name, params in samples.items():
            rows = self.conn.execute("EXPLAIN QUERY PLAN " + SQL[name], params).fetchall()
            out[name] = [str(r[-1]) for r in rows]
        return out

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
