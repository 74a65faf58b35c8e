"""A crash after an article is committed but before its alerts are queued loses no alert."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Runtime

pytestmark = pytest.mark.spacy


async def test_reingest_after_listener_crash_queues_the_alert_once(app: Runtime,
                                                                   repo_root: Path) -> None:
    """The first ingest dies before alerting; ingesting again queues exactly one alert."""
    crashes = {"left": 1}

    async def crash_once(_article_id: int) -> None:
        if crashes["left"]:
            crashes["left"] -= 1
            raise RuntimeError("simulated crash between commit and alerts")

    app.ingest._on_new.insert(0, crash_once)
    app.ingest._replay.insert(0, crash_once)
    seed = repo_root / "seeds" / "articles" / "pakistan-el-salvador-bitcoin.md"
    with pytest.raises(RuntimeError):
        await app.ingest_paths([seed])
    assert await app.store.deliveries.counts() == {}
    (again,) = await app.ingest_paths([seed])
    assert again.created is False
    assert await app.store.deliveries.counts() == {"pending": 1}
    await app.ingest_paths([seed])
    assert await app.store.deliveries.counts() == {"pending": 1}
