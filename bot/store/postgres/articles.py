"""Articles on PostgreSQL: the shared repository (bot.store.articles) with this engine's
full-text search.

Search reads the generated `articles.search` tsvector (English stemming, title weighted
above body; schema 003) through its GIN index. `websearch_to_tsquery` never rejects its
input; it gets the same all-words phrase SQLite's FTS5 gets (bot.store.text.search_phrase).
As on SQLite only the newest SEARCH_WINDOW matches (by id) are ranked, here by `ts_rank`.

The matches are always found through the GIN index (a bitmap scan): left to itself the planner
reads every row's tsvector instead (a sequential scan, or the primary key backwards with the
match as a filter) for any word more common than a few per cent of articles, which detoasts
each article's vector and grows with the store (10,000 articles: 37 ms against 4 ms through
the index for a word in 14% of them; measured with EXPLAIN ANALYZE, 2026-12-02).
"""

from __future__ import annotations

from bot.store import articles as shared
from bot.store.articles import ArticleRepoBase
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import PgEngine, positional

SEARCH_SQL = (
    "SELECT m.id FROM (SELECT id, search FROM articles"
    " WHERE search @@ websearch_to_tsquery('english', :q)"
    " ORDER BY id DESC LIMIT :window) m"
    " ORDER BY ts_rank(m.search, websearch_to_tsquery('english', :q)) DESC, m.id DESC"
    " LIMIT :limit"
)


class PgArticleRepo(ArticleRepoBase):
    """Read and write articles with their topics, entities, roles and figures."""

    search_sql = SEARCH_SQL

    def __init__(self, db: PgDatabase) -> None:
        super().__init__(PgEngine(db))
        self.db = db

    async def _matches(self, phrase: str, limit: int) -> list[int]:
        """The ranked matches, found through the GIN index (see the module's docstring)."""
        text, args = positional(SEARCH_SQL, {"q": phrase, "window": shared.SEARCH_WINDOW,
                                             "limit": limit})
        async with self.db.transaction() as conn:
            await conn.execute("SET LOCAL enable_seqscan = off")  # this transaction only
            await conn.execute("SET LOCAL enable_indexscan = off")
            return [int(r[0]) for r in await conn.fetch(text, *args)]
