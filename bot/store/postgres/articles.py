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

The bitmap is in no order, so the newest matches cost a visit to every match: at 100,000
articles a word in 57% of them took 180-230 ms. The search therefore reads the ids in bands
from the newest down: first the newest FIRST_SPAN ids (`id > floor`, which the planner ANDs
with the GIN bitmap); while the window is not full, the next band lies below the last one,
as wide as the matches seen so far say is needed (1.5x, at most GROWTH times the ids read),
and at last reaches the first id. Each band ranks only its own matches and returns its best
`limit` with their ranks: every match of a band that is not the last is in the window, so
the best `limit` of the bands together are the best of the window, and no match is read or
ranked twice. A full window holds exactly the newest matches, so the answer is the one the
unbounded query gives.
"""

from __future__ import annotations

import math

from bot.store import articles as shared
from bot.store.articles import ArticleRepoBase
from bot.store.postgres.db import PgDatabase
from bot.store.postgres.sql import PgEngine, positional

SEARCH_SQL = (
    "WITH w AS (SELECT id, search FROM articles"
    " WHERE search @@ websearch_to_tsquery('english', :q) AND id > :floor AND id <= :ceil"
    " ORDER BY id DESC LIMIT :window)"
    " SELECT id, ts_rank(search, websearch_to_tsquery('english', :q)) AS rank,"
    " (SELECT count(*) FROM w) AS n FROM w"
    " ORDER BY rank DESC, id DESC LIMIT :limit"
)
FIRST_SPAN = 4 * shared.SEARCH_WINDOW  # how many of the newest ids are searched first
GROWTH = 50  # the most a span grows in one step


class PgArticleRepo(ArticleRepoBase):
    """Read and write articles with their topics, entities, roles and figures."""

    def __init__(self, db: PgDatabase) -> None:
        super().__init__(PgEngine(db))
        self.db = db

    async def _matches(self, phrase: str, limit: int) -> list[int]:
        """The ranked matches among the newest SEARCH_WINDOW, found through the GIN index
        from the newest ids down (see the module's docstring)."""
        window = shared.SEARCH_WINDOW
        async with self.db.transaction() as conn:
            top = await conn.fetchval("SELECT max(id) FROM articles")  # the primary key's end
            if top is None:
                return []
            await conn.execute("SET LOCAL enable_seqscan = off")  # this transaction only
            await conn.execute("SET LOCAL enable_indexscan = off")
            span, ceil, seen = FIRST_SPAN, int(top), 0
            best: list[tuple[float, int]] = []
            while True:
                floor = int(top) - span if span < top else 0
                text, args = positional(SEARCH_SQL, {"q": phrase, "floor": floor, "ceil": ceil,
                                                     "window": window - seen, "limit": limit})
                rows = await conn.fetch(text, *args)
                seen += int(rows[0]["n"]) if rows else 0
                best += [(float(r["rank"]), int(r["id"])) for r in rows]
                if floor == 0 or seen >= window:
                    return [i for _, i in sorted(best, reverse=True)[:limit]]
                ceil = floor
                span = math.ceil(span * min(1.5 * window / seen, GROWTH) if seen
                                 else span * GROWTH)
