-- Feed state on PostgreSQL: SQLite's `feed_state` (bot/store/schema 002, 010, 012) with real
-- timestamps. Only the polling claims use it so far (bot/store/postgres/feeds.py).
CREATE TABLE feed_state (
    url                  TEXT PRIMARY KEY,
    title                TEXT,
    etag                 TEXT,
    last_modified        TEXT,
    last_success         TIMESTAMPTZ,
    last_attempt         TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    paused               BOOLEAN NOT NULL DEFAULT false,
    paused_reason        TEXT,
    next_poll_at         TIMESTAMPTZ,
    admins_notified      BOOLEAN NOT NULL DEFAULT false,
    baseline_done        BOOLEAN NOT NULL DEFAULT false,
    body_hash            TEXT,
    poll_owner           TEXT,
    poll_lease_until     TIMESTAMPTZ,
    poll_due             TIMESTAMPTZ
);
