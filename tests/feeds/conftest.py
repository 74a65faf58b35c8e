"""Fixtures for the feed tests: the local feed server and a loopback-allowed fetcher."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # lets `tests.fakes` import without a tests/__init__.py
    sys.path.insert(0, str(ROOT))

from bot.feeds.fetcher import Fetcher  # noqa: E402
from bot.settings import FetchConfig  # noqa: E402
from tests.fakes.feed_server import FeedServer  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture
def feed_data() -> Path:
    """../shared/data, or skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    """The local feed server on an ephemeral loopback port."""
    async with FeedServer() as srv:
        yield srv


@pytest.fixture
def fetch_config() -> FetchConfig:
    """Limits small enough for fast tests; loopback allowed for the local server."""
    return FetchConfig(allow_loopback=True, max_bytes=2 * 1024 * 1024, total_timeout=1.5,
                       connect_timeout=1.0)


@pytest.fixture
async def fetcher(fetch_config: FetchConfig) -> AsyncIterator[Fetcher]:
    """A started fetcher, closed after the test."""
    async with Fetcher(fetch_config) as f:
        yield f
