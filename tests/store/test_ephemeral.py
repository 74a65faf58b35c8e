"""Expiring keys and values shared by processes (bot.store.ephemeral), on both engines."""

from __future__ import annotations

import time
from datetime import datetime, tzinfo

import pytest

from bot.store import ephemeral as ephemeral_mod
from bot.store.ephemeral import MAX_VALUE
from tests.store.engines import Engine


async def test_first_is_true_once_per_key_across_processes(engine: Engine) -> None:
    here, there = engine.store.ephemeral, (await engine.another_store()).ephemeral
    assert await here.first("req:1", 60)
    assert not await there.first("req:1", 60)
    assert not await here.first("req:1", 60)
    assert await there.first("req:2", 60)


async def test_a_key_is_new_again_once_it_expired(engine: Engine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cache = engine.store.ephemeral
    assert await cache.first("req:short", 1)
    assert not await cache.first("req:short", 1)

    class Later(datetime):
        """The clock 2.1 s on (timestamps are kept to the second): no wire to wait on."""

        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Later:
            return cls.fromtimestamp(time.time() + 2.1, tz)

    monkeypatch.setattr(ephemeral_mod, "datetime", Later)
    assert await cache.first("req:short", 1)
    assert not await cache.first("req:short", 1)


async def test_put_then_take_once_from_any_process(engine: Engine) -> None:
    here, there = engine.store.ephemeral, (await engine.another_store()).ephemeral
    await here.put("share:t", '{"reply": 1}', 60)
    assert await there.take("share:t") == '{"reply": 1}'
    assert await here.take("share:t") is None
    assert await here.take("never-put") is None
    with pytest.raises(ValueError, match="at most"):
        await here.put("big", "x" * (MAX_VALUE + 1), 60)
