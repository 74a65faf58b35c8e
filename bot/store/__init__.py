"""SQLite storage: articles, entities, figures, subscriptions, deliveries, feed state."""
