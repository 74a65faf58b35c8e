-- The channel/topic pairs the config file assigned when it was last applied (start-up or
-- reload). Applying a config changes only what differs from this set: a pair new in the file
-- subscribes, a pair gone from the file unsubscribes (if it came from the config), and a pair
-- that did not change leaves alone whatever chat commands did to it since.
CREATE TABLE config_subscriptions (
    platform   TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    topic      TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id, topic)
);
INSERT INTO config_subscriptions (platform, channel_id, topic)
    SELECT platform, channel_id, topic FROM subscriptions WHERE origin = 'config';
