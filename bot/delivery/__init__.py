"""Delivery: alert cards, figure tracking, digests and notices into the outbox; the worker that
posts them and owns retries."""
