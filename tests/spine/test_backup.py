"""`policywire backup`: a consistent copy of the live database, taken while it is in use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.app import Runtime
from tests.spine.test_cli import policywire


async def test_backup_while_the_store_is_open(app: Runtime, tmp_path: Path) -> None:
    """A backup taken while the app holds the database has every committed row."""
    await app.store.subscriptions.add("slack", "C1", "reserves")
    await app.store.audit.record("slack", "U1", "feeds", "list")
    target = tmp_path / "copy" / "backup.db"
    await app.store.db.backup(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0] >= 1
        assert conn.execute("SELECT action FROM audit_log WHERE user_id = 'U1'").fetchall() == [
            ("feeds",)]


@pytest.mark.slow
def test_backup_command(repo_root: Path, tmp_path: Path) -> None:
    """The CLI writes the copy and says where."""
    db = tmp_path / "pw.db"
    assert policywire(repo_root, "--db", str(db), "ask", "/topics").returncode == 0
    out = tmp_path / "b.db"
    result = policywire(repo_root, "--db", str(db), "backup", str(out))
    assert result.returncode == 0 and str(out) in result.stdout
    with sqlite3.connect(out) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "deliveries", "subscriptions"} <= tables
