"""Open the store the config chose (`bot.config_loader.storage.storage_target`): a SQLite file
(the default: one process) or a PostgreSQL database (several processes share it)."""

from __future__ import annotations

import logging

from bot.config_loader.storage import StorageTarget
from bot.settings import StorageConfig
from bot.store.repositories import Storage
from bot.store.sqlite import Store

log = logging.getLogger(__name__)


async def open_storage(target: StorageTarget, config: StorageConfig) -> Storage:
    """Connect to and migrate the chosen database; StoreUnavailable when it cannot be used."""
    log.info("opening the store", extra={"storage": target.describe()})
    if target.engine == "postgresql":
        from bot.store.postgres.store import PgStore  # asyncpg only where it is used

        assert target.dsn is not None
        return await PgStore.open(target.dsn, max_size=config.pool_size)
    assert target.sqlite_path is not None
    return await Store.open(target.sqlite_path, busy_timeout=config.busy_timeout)
