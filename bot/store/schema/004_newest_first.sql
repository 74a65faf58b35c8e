-- Newest-first reads that stay flat as the store grows (measured in bench/perf, docs/bench.md).
--
-- Every command lists "the newest N" of something: articles of a topic, articles naming an
-- entity, figures about a subject, figures of a topic. Sorting all candidates by the article's
-- date costs time linear in the store (200+ ms at 100,000 articles). The child rows now carry
-- the article's date, `article_at` = COALESCE(published, ingested_at), written with the row
-- (articles are never re-dated), so each list is an index walk that stops after N rows.

-- /latest without a topic.
CREATE INDEX articles_newest ON articles(COALESCE(published, ingested_at), id);

-- /latest <topic>, /figures <topic>.
ALTER TABLE article_topics ADD COLUMN article_at TEXT;
UPDATE article_topics SET article_at = (
    SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.id = article_id);
CREATE INDEX article_topics_newest ON article_topics(topic, article_at, article_id);

-- /entity (newest articles, related names, mention totals read from the index alone).
ALTER TABLE mentions ADD COLUMN article_at TEXT;
UPDATE mentions SET article_at = (
    SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.id = article_id);
CREATE INDEX mentions_entity_newest ON mentions(entity_id, article_at, article_id, count);
-- Co-mentions of an article (EntityRepo.related) from the index alone.
DROP INDEX mentions_article;
CREATE INDEX mentions_article ON mentions(article_id, entity_id, count);

-- /figures <entity>.
ALTER TABLE figures ADD COLUMN article_at TEXT;
UPDATE figures SET article_at = (
    SELECT COALESCE(a.published, a.ingested_at) FROM articles a WHERE a.id = article_id);
CREATE INDEX figures_subject_newest ON figures(subject_id, article_at, article_id, position);
DROP INDEX figures_subject;
