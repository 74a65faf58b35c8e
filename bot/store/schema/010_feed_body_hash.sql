-- The hash of the last feed body whose every item was handled (with the fetch URL, content type
-- and item limit it was read under): a 200 answering the same bytes again is not parsed again
-- and writes no item rows, only the feed's state. NULL until such a poll.
ALTER TABLE feed_state ADD COLUMN body_hash TEXT;
