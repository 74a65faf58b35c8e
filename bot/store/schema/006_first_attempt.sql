-- When a delivery's first send started. After a crash (or a transient failure) the worker asks
-- the platform whether the alert was already posted, paging back through the channel's
-- history to this time (minus a margin for clock skew) instead of reading one fixed page.
ALTER TABLE deliveries ADD COLUMN first_attempt_at TEXT;
-- Rows already attempted before this migration: their creation time is a safe lower bound.
UPDATE deliveries SET first_attempt_at = created_at WHERE attempts > 0;
