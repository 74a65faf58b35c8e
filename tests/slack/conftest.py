"""Fixtures for the Slack adapter tests: the local Slack and adapter deps."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # make `tests.fakes` importable without a tests/__init__.py
    sys.path.insert(0, str(ROOT))

from bot.chat.ports import AdapterDeps  # noqa: E402
from tests.fakes.slack_api import SlackFake  # noqa: E402
from tests.slack.slack_helpers import Audit, build_deps  # noqa: E402


@pytest.fixture
def audit() -> Audit:
    return Audit()


@pytest.fixture
def deps(audit: Audit) -> AdapterDeps:
    return build_deps(audit)


@pytest.fixture
async def slack() -> AsyncIterator[SlackFake]:
    fake = await SlackFake().start()
    yield fake
    await fake.stop()
from tests.store.engines import engine  # noqa: E402,F401  (the SQLite/PostgreSQL store pair)
