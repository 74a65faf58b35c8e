"""Store test fixtures."""

from tests.store.engines import engine  # noqa: F401  (every engine: SQLite and PostgreSQL)
