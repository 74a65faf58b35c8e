"""Articles on PostgreSQL: the shared repository (bot.store.articles) with this engine's
full-text search.

Search reads the generated `articles.search` tsvector (English stemming, title weighted
above body; schema 003) through its GIN index. `websearch_to_tsquery` never rejects its
input; it gets the same all-words phrase SQLite's FTS5 gets (bot.store.text.search_phrase).
As on SQLite only the newest SEARCH_WINDOW matches (by id) are ranked, here by `ts_rank`.
"""

from __future__ import annotations

from bot.store.articles import ArticleRepoBase
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import PgEngine

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
