"""`record_items`: many items' seen-state in one transaction (SQLite: one executemany), on both
engines."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.store.engines import Engine

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _row(n: int, state: str = "baseline") -> dict[str, object]:
    return {"item_key": f"guid:{n}", "url": f"https://news.example/{n}", "title": f"Item {n}",
            "published": NOW, "fingerprint": f"fp{n}", "state": state, "reason": "why",
            "at": NOW}


async def test_record_items_writes_every_row_once_and_overwrites_a_known_key(
        engine: Engine) -> None:
    repo = engine.store.feeds
    await repo.record_items("https://f.example/rss", [_row(n) for n in range(3)])
    await repo.record_items("https://f.example/rss", [])  # nothing: no transaction
    await repo.record_items("https://f.example/rss", [_row(1, "skipped")])
    seen = await repo.seen("https://f.example/rss", ["guid:0", "guid:1", "guid:2", "x"])
    assert sorted(seen) == ["guid:0", "guid:1", "guid:2"]
    assert seen["guid:1"].state == "skipped" and seen["guid:0"].state == "baseline"
    assert seen["guid:2"].published == NOW and seen["guid:2"].url == "https://news.example/2"
    assert await repo.counts("https://f.example/rss") == {"baseline": 2, "skipped": 1}
