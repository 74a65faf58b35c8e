-- The audit log records where a command ran and how it ended: every admin command and every
-- subscription change, from every adapter, through one rule in the command router.
ALTER TABLE audit_log ADD COLUMN channel_id TEXT;
ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ok';  -- ok | refused | error
