"""Use cases: ingest, alerts, deliveries, queries and subscriptions, on top of store and NLP."""
