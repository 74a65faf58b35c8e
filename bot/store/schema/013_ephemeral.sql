-- Short-lived values shared by the processes of a deployment (bot.store.ephemeral): a Slack
-- request seen once, the reply behind a "Share in channel" button. Each row lives until
-- `expires_at` (UTC ISO text); writers delete what has expired.
CREATE TABLE ephemeral (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL
);
CREATE INDEX ephemeral_expiry ON ephemeral(expires_at);
