"""Leadership per role (bot.store.ports.Leadership): one leader at a time, handed over when it
steps down or its process dies (on SQLite, the one process always leads)."""

from __future__ import annotations

from tests.store.engines import Engine


async def test_one_leader_at_a_time_and_a_dead_leader_is_replaced(engine: Engine) -> None:
    first, second = await engine.another_store(), await engine.another_store()
    assert await first.leader.try_lead("scheduler")
    assert await first.leader.try_lead("scheduler")  # still leading
    if engine.name == "sqlite":
        assert await second.leader.try_lead("scheduler")  # one process per file: all lead
        return
    assert not await second.leader.try_lead("scheduler")
    assert await second.leader.try_lead("gateway")  # roles are separate
    await first.leader.step_down("scheduler")
    assert await second.leader.try_lead("scheduler")
    assert not await first.leader.try_lead("scheduler")
    await second.close()  # the leader's process dies: its connection closes
    assert await first.leader.try_lead("scheduler")
    assert await first.leader.try_lead("gateway")
