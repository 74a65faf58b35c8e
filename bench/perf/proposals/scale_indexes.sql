-- PROPOSED migration (not applied; bot/store/schema numbering belongs to the store owner).
-- Indexes for the command paths measured by `python -m bench.perf.store_scale` at 100,000
-- articles. Check the effect on a built store with:
--   python -m bench.perf.index_check --db STORE --sql bench/perf/proposals/scale_indexes.sql

-- /latest, /entity (newest articles), /figures: ORDER BY COALESCE(published, ingested_at)
-- DESC, id DESC can walk this index instead of sorting every candidate row.
CREATE INDEX IF NOT EXISTS articles_newest ON articles(COALESCE(published, ingested_at), id);

-- SUM(count) per entity (EntityRepo.lookup, mention_stats and, on ingest,
-- EntityWriter._resolve) read from the index alone instead of one table row per mention.
CREATE INDEX IF NOT EXISTS mentions_entity_count ON mentions(entity_id, count);

-- EntityRepo.related: co-mentions of an article from the index alone.
CREATE INDEX IF NOT EXISTS mentions_article_entity ON mentions(article_id, entity_id, count);
