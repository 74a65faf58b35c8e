-- Feed polling claims (bot/store/ports.py::FeedClaims), in unix seconds: who polls the feed
-- now and until when, and when it is next due.
ALTER TABLE feed_state ADD COLUMN poll_owner TEXT;
ALTER TABLE feed_state ADD COLUMN poll_lease_until REAL;
ALTER TABLE feed_state ADD COLUMN poll_due REAL;
