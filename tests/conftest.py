"""Shared fixtures: paths to the repo, the seed article and ../shared/data (skipped if absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.lanes import make_scheduler
from tests.pgsupport import (  # noqa: F401  (fixtures and a hook: a real PostgreSQL)
    pg_dsn,
    pg_server,
    pytest_terminal_summary,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip the test when it is not there."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


@pytest.fixture(scope="session")
def original_seed(shared_data: Path) -> Path:
    """The publisher's seed article (test input only)."""
    path = shared_data / "seed" / "seed-article.txt"
    if not path.exists():
        pytest.skip("seed article is absent")
    return path


@pytest.hookimpl(optionalhook=True)  # a run without xdist has no such hook
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Fault tests in lanes under `--dist loadgroup` (tests/lanes.py)."""
    return make_scheduler(config, log)
