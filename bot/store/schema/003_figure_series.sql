-- Figure time series: one observation per tracked figure, keyed by (subject, measure, unit).
-- Citations are copied in so the history outlives article retention (links become NULL).
CREATE TABLE figure_series (
    id          INTEGER PRIMARY KEY,
    figure_id   INTEGER UNIQUE REFERENCES figures(id) ON DELETE SET NULL,
    article_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    subject_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    measure_key TEXT NOT NULL,                  -- normalised, e.g. "btc holdings"
    measure     TEXT,                           -- as extracted, e.g. "BTC holdings"
    explicit    INTEGER NOT NULL DEFAULT 1,     -- 0 when the key fell back to kind + unit
    unit        TEXT NOT NULL,
    value       REAL NOT NULL,
    value_high  REAL,
    qualifier   TEXT,
    kind        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    sentence    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,                  -- outlet name or host
    title       TEXT NOT NULL DEFAULT '',
    url         TEXT,
    observed_on TEXT NOT NULL,                  -- YYYY-MM-DD: published date, else ingest date
    recorded_at TEXT NOT NULL
);
CREATE INDEX figure_series_key ON figure_series(subject_id, measure_key, unit, observed_on);
CREATE INDEX figure_series_article ON figure_series(article_id);
CREATE INDEX figure_series_subject ON figure_series(subject_id, observed_on);

-- Why a delivery is held: NULL for digest subscriptions, 'rate-limit' for per-hour overflow.
-- Held rows end in the final state 'digested' once a digest card carrying them is enqueued.
ALTER TABLE deliveries ADD COLUMN hold_reason TEXT;
CREATE INDEX deliveries_channel ON deliveries(platform, channel_id, state, created_at);
