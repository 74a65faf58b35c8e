-- Live feeds: per-feed health and conditional-GET state, per-item seen-state with the reason an
-- item was stored or skipped, and feeds added at run time by admins (beside the config's).
CREATE TABLE feed_state (
    url                  TEXT PRIMARY KEY,          -- the configured feed URL (identity)
    title                TEXT,                      -- the feed's own title, last seen
    etag                 TEXT,
    last_modified        TEXT,
    last_success         TEXT,                      -- ISO 8601 UTC
    last_attempt         TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,                      -- in words
    paused               INTEGER NOT NULL DEFAULT 0,
    paused_reason        TEXT,
    next_poll_at         TEXT,
    admins_notified      INTEGER NOT NULL DEFAULT 0,
    baseline_done        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed_url            TEXT NOT NULL,
    item_key            TEXT NOT NULL,              -- guid:/url:/hash: identity (bot.feeds.dedup)
    url                 TEXT,                       -- canonical item URL, for /feeds why
    title               TEXT NOT NULL DEFAULT '',
    published           TEXT,
    content_fingerprint TEXT NOT NULL,
    article_id          INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    first_seen          TEXT NOT NULL,
    last_changed        TEXT,                       -- when an edit (new fingerprint) was seen
    edits               INTEGER NOT NULL DEFAULT 0,
    state               TEXT NOT NULL,              -- stored | skipped | baseline
    skip_reason         TEXT,                       -- why it was skipped / stored, in words
    PRIMARY KEY (feed_url, item_key)
);
CREATE INDEX feed_items_url ON feed_items(url);
CREATE INDEX feed_items_state ON feed_items(state, feed_url);

CREATE TABLE runtime_feeds (
    url      TEXT PRIMARY KEY,
    name     TEXT,
    topics   TEXT NOT NULL DEFAULT '[]',            -- JSON list of topic names
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
