-- Short-lived values shared by the processes of a deployment (bot.store.ephemeral), as
-- SQLite's migration 013: a Slack request seen once, the reply behind a share button.
CREATE TABLE ephemeral (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL DEFAULT '',
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ephemeral_expiry ON ephemeral (expires_at);
