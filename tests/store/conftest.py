"""Store test fixtures."""

from tests.store.engines import engine, store  # noqa: F401  (each on SQLite and PostgreSQL)
