"""Which database the store opens: one rule, used by `run`, `ask`, `config check` and the rest.

Precedence, first given wins:
1. `--db PATH` on the command line (a SQLite file);
2. `POLICYWIRE_DATABASE_URL` (env): `sqlite:///...` or `postgresql://...`;
3. `storage.url` in the config file;
4. `POLICYWIRE_DB` (env, a SQLite file; the Docker image sets it to `/data/policywire.db`);
5. `storage.path` in the config file (default `data/policywire.db`).

A relative SQLite path resolves as every config path does (`resolve_relative`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.config_loader import resolve_relative
from bot.domain.errors import ConfigError
from bot.settings import Config, parse_database_url

ENV_URL = "POLICYWIRE_DATABASE_URL"
ENV_PATH = "POLICYWIRE_DB"


@dataclass(frozen=True, slots=True)
class StorageTarget:
    """The chosen engine: a SQLite file, or a PostgreSQL DSN (for asyncpg)."""

    engine: Literal["sqlite", "postgresql"]
    sqlite_path: Path | None = None
    dsn: str | None = None
    source: str = "storage.path"  # which setting chose it (for messages)
    shown: str = ""  # what to print: the path, or the DSN without its password

    def describe(self) -> str:
        """One line for `config check` and the start-up log."""
        return f"{self.engine} {self.shown} (from {self.source})"


def storage_target(config: Config, config_path: str | Path, env: Mapping[str, str], *,
                   db_path: str | Path | None = None) -> StorageTarget:
    """Apply the precedence above; ConfigError for a malformed POLICYWIRE_DATABASE_URL."""
    if db_path:
        return _sqlite(Path(db_path), "--db")
    url, source = env.get(ENV_URL, "").strip(), ENV_URL
    if not url and config.storage.url:
        url, source = config.storage.url, "storage.url"
    if url:
        try:
            parsed = parse_database_url(url)
        except ValueError as exc:
            raise ConfigError([f"{source}: {exc}"]) from None
        if parsed.engine == "postgresql":
            return StorageTarget("postgresql", dsn=parsed.url, source=source,
                                 shown=parsed.redacted())
        assert parsed.sqlite_path is not None
        path = parsed.sqlite_path
        return _sqlite(Path(path) if path == ":memory:" else
                       resolve_relative(config_path, path), source)
    if env.get(ENV_PATH):
        return _sqlite(Path(env[ENV_PATH]), ENV_PATH)
    return _sqlite(resolve_relative(config_path, config.storage.path), "storage.path")


def _sqlite(path: Path, source: str) -> StorageTarget:
    return StorageTarget("sqlite", sqlite_path=path, source=source, shown=str(path))
