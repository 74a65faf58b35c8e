-- When an article's alerts were enqueued. A replay (the article re-ingested after a crash or
-- at the next start) enqueues alerts only for an article without it, so a channel that
-- subscribed later never receives an article stored before it subscribed.
ALTER TABLE articles ADD COLUMN alerted_at TEXT;
UPDATE articles SET alerted_at = ingested_at;
