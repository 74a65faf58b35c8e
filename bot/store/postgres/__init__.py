"""The PostgreSQL store (asyncpg): migrations under an advisory lock and the outbox."""
