-- A seen feed item points at the article it became, as on SQLite: the article's deletion
-- (retention) clears the link instead of leaving it dangling. Migration 004 came before the
-- articles table existed (003 was written beside it), so the key is added here.
UPDATE feed_items SET article_id = NULL
 WHERE article_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = article_id);
ALTER TABLE feed_items ADD CONSTRAINT feed_items_article_fk
    FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE SET NULL;
CREATE INDEX feed_items_article ON feed_items (article_id) WHERE article_id IS NOT NULL;
