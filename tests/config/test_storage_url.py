"""Which database the store opens: storage.url / POLICYWIRE_DATABASE_URL choose the engine,
SQLite at storage.path stays the default, and `config check` says which one it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config_loader import load_config
from bot.config_loader.storage import storage_target
from bot.domain.errors import ConfigError
from bot.settings import Config, StorageConfig, parse_database_url

REPO = Path(__file__).resolve().parents[2]


def config(**storage: object) -> Config:
    return Config(storage=StorageConfig(**storage))  # type: ignore[arg-type]


def test_default_is_sqlite_at_storage_path(tmp_path: Path) -> None:
    target = storage_target(config(), tmp_path / "c.yaml", {})
    assert (target.engine, target.sqlite_path, target.source) == (
        "sqlite", Path("data/policywire.db"), "storage.path")


def test_precedence_flag_then_env_url_then_yaml_url_then_env_path(tmp_path: Path) -> None:
    cfg = config(url="postgresql://pw@db.example:5433/policywire")
    env = {"POLICYWIRE_DB": "/data/x.db"}
    assert storage_target(cfg, tmp_path / "c.yaml", env).engine == "postgresql"
    assert storage_target(cfg, tmp_path / "c.yaml", env).dsn == (
        "postgresql://pw@db.example:5433/policywire")
    env["POLICYWIRE_DATABASE_URL"] = "sqlite:////abs/other.db"
    assert storage_target(cfg, tmp_path / "c.yaml", env).sqlite_path == Path("/abs/other.db")
    assert storage_target(cfg, tmp_path / "c.yaml", env, db_path="f.db").sqlite_path == Path(
        "f.db")
    assert storage_target(config(), tmp_path / "c.yaml", {"POLICYWIRE_DB": "/data/x.db"}
                          ).sqlite_path == Path("/data/x.db")


def test_relative_sqlite_url_resolves_like_storage_path(tmp_path: Path) -> None:
    (tmp_path / "beside.db").write_bytes(b"")
    target = storage_target(config(url="sqlite:///beside.db"), tmp_path / "c.yaml", {})
    assert target.sqlite_path == tmp_path / "beside.db"  # found next to the config file
    memory = storage_target(config(url="sqlite:///:memory:"), tmp_path / "c.yaml", {})
    assert memory.sqlite_path == Path(":memory:")


@pytest.mark.parametrize("url, problem", [
    ("mysql://h/db", "must start with sqlite:/// or postgresql://"),
    ("sqlite://relative.db", "sqlite:///relative/file.db"),
    ("sqlite:///", "sqlite:///relative/file.db"),
    ("postgresql://h:port/db", "bad port"),
    ("postgresql:///db", "names its host"),
])
def test_bad_urls_say_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_database_url(url)
    with pytest.raises(ConfigError, match=problem):
        storage_target(config(), "c.yaml", {"POLICYWIRE_DATABASE_URL": url})


def test_postgres_forms_and_password_redaction() -> None:
    assert parse_database_url("postgres://u@h/db").engine == "postgresql"
    assert parse_database_url("postgresql:///db?host=/run/postgresql").engine == "postgresql"
    assert parse_database_url("postgresql://u:s3cret@h:5432/db").redacted() == (
        "postgresql://u:***@h:5432/db")


def test_url_and_path_together_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("storage:\n  path: a.db\n  url: sqlite:///b.db\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert any("give storage.url or storage.path, not both" in e for e in err.value.errors)


def test_config_check_names_the_engine_and_checks_the_env_url(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("storage:\n  url: postgresql://pw:hidden@db:5432/policywire\n",
                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYWIRE_")}
    env["PYTHONPATH"] = str(REPO)
    run = [sys.executable, "-m", "bot", "config", "check", str(path)]
    ok = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "storage: postgresql postgresql://pw:***@db:5432/policywire (from storage.url)" in (
        ok.stdout)
    bad = subprocess.run(run, cwd=tmp_path, env={**env, "POLICYWIRE_DATABASE_URL": "redis://x"},
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "POLICYWIRE_DATABASE_URL: storage url must start with" in bad.stderr
