"""Several processes on one Discord application: one gateway session, held by the leader.

Two adapters (two `policywire run` processes, as far as the fake can tell) against one
FakeDiscord: only the lock holder opens a gateway session, both post over REST, and the
follower takes the gateway over when the holder stops (or loses its lock). With
`shard_ids` each connects its own shards and no lock is asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError

from bot.adapters.discord import DiscordAdapter, Lead, StepDown
from bot.app import chat_adapters
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import Leads
from bot.ops.server import standard_checks
from bot.settings import Config, DiscordConfig
from bot.store.ports import Leadership
from bot.store.postgres.store import PgStore
from tests.discord.support import Calls, SqliteState, build_deps
from tests.discord.test_discord_posting import CARD
from tests.fakes.discord_api import FakeDiscord

ROLE = "discord-gateway"


class OneHolder:
    """A Leadership for processes sharing one event loop: the first asker holds the role."""

    def __init__(self) -> None:
        self.holder: str | None = None
        self.asks = 0

    def for_process(self, name: str) -> tuple[Lead, StepDown]:
        async def lead() -> bool:
            self.asks += 1
            if self.holder is None:
                self.holder = name
            return self.holder == name

        async def step_down() -> None:
            if self.holder == name:
                self.holder = None

        return lead, step_down


def _adapter(fake: FakeDiscord, calls: Calls, state: SqliteState,
             lock: tuple[Lead, StepDown] | None = None, *,
             config: DiscordConfig | None = None, interval: float = 5.0) -> DiscordAdapter:
    lead, step_down = lock or (None, None)
    return DiscordAdapter(config or DiscordConfig(), build_deps(calls), "fake-token",
                          api_url=fake.api_url, state=state,
                          queue=OutboundQueue(per_channel_interval=0.0), ready_timeout=10,
                          guild_ready_timeout=0.2, lead=lead, step_down=step_down,
                          lead_interval=interval)


@pytest.fixture
async def pair(fake: FakeDiscord, calls: Calls,
               tmp_path: Path) -> AsyncIterator[tuple[DiscordAdapter, DiscordAdapter]]:
    holder = OneHolder()
    state = SqliteState(tmp_path / "state.db")  # the deployment's one kv table
    first = _adapter(fake, calls, state, holder.for_process("a"))
    second = _adapter(fake, calls, state, holder.for_process("b"))
    await first.start()
    await second.start()
    yield first, second
    await second.stop()
    await first.stop()


async def test_only_the_leader_opens_a_gateway_session(
        pair: tuple[DiscordAdapter, DiscordAdapter], fake: FakeDiscord) -> None:
    leader, follower = pair
    assert leader.gateway and not follower.gateway
    assert fake.sessions == 1 and len(fake.identifies) == 1
    assert len(fake.command_puts) == 1  # commands synced once, by the leader
    assert follower.client is not None and follower.client.ws is None
    # Both are healthy for /healthz: the leader is READY, the follower logged in.
    checks = standard_checks(SimpleNamespace(ping=lambda: True), lambda: [leader, follower])
    assert checks["adapters"]() is True


async def test_both_post_over_rest_and_find_each_others_posts(
        pair: tuple[DiscordAdapter, DiscordAdapter], fake: FakeDiscord) -> None:
    leader, follower = pair
    channel = fake.guild.channel_ids[0]
    a = await leader.send_card(channel, CARD, "delivery-a")
    b = await follower.send_card(channel, CARD, "delivery-b")
    assert a.ok and b.ok
    assert [m["id"] for m in fake.messages[channel]] == [a.message_id, b.message_id]
    # The follower's look-before-resend searches the history over REST too.
    assert await follower.find_delivered(channel, "delivery-a") == a.message_id
    assert fake.sessions == 1


@pytest.mark.slow
async def test_follower_takes_the_gateway_over_when_the_leader_stops(
        pair: tuple[DiscordAdapter, DiscordAdapter], fake: FakeDiscord, calls: Calls) -> None:
    leader, follower = pair
    started = asyncio.get_running_loop().time()
    await leader.stop()
    await _settled(fake, 0)
    await fake.wait_for(lambda: len(fake.identifies) == 2 and fake.sessions == 1, timeout=10)
    # READY comes before the command check, so wait for both (synced: None until checked)
    await asyncio.wait_for(_until(lambda: follower.connected and follower.synced is not None), 5)
    assert asyncio.get_running_loop().time() - started < 10
    assert follower.gateway and follower.synced is False  # same commands: no second sync
    assert len(fake.command_puts) == 1
    # Interactions now reach the new holder, once.
    sent = await fake.push_interaction(fake.interaction(
        2, "figures", [{"name": "name", "type": 3, "value": "El Salvador"}]))
    await fake.wait_for(lambda: bool(fake.callbacks_for(sent["id"])))
    assert len(fake.callbacks_for(sent["id"])) == 1
    assert calls.contexts[-1].platform == "discord"


@pytest.mark.slow
async def test_postgres_leader_killed_follower_connects_within_10_s(
        pg_dsn: str, fake: FakeDiscord, calls: Calls, tmp_path: Path) -> None:
    stores = [await PgStore.open(pg_dsn), await PgStore.open(pg_dsn)]
    state = SqliteState(tmp_path / "state.db")
    bots = []
    for n, store in enumerate(stores):
        async def lead(leader: Leadership = store.leader) -> bool:
            return await leader.try_lead(ROLE)

        async def step_down(leader: Leadership = store.leader) -> None:
            await leader.step_down(ROLE)

        # The first never steps down: it dies, and only its connection going tells.
        bots.append(_adapter(fake, calls, state, (lead, step_down) if n else (lead, _nothing)))
    first, second = bots
    try:
        await first.start()
        await second.start()
        assert first.gateway and not second.gateway and fake.sessions == 1
        # Killed: its gateway socket and its store's lock connection close.
        await first.stop()
        await stores[0].close()
        started = asyncio.get_running_loop().time()
        await fake.wait_for(lambda: len(fake.identifies) == 2, timeout=10)
        await asyncio.wait_for(_until(lambda: second.connected), 5)
        assert asyncio.get_running_loop().time() - started < 10
        assert second.gateway and fake.sessions == 1
        sent = await second.send_card(fake.guild.channel_ids[0], CARD, "after-takeover")
        assert sent.ok
    finally:
        await second.stop()
        await first.stop()
        await stores[1].close()


async def test_holder_that_loses_the_lock_closes_its_session(
        fake: FakeDiscord, calls: Calls, tmp_path: Path) -> None:
    holder = OneHolder()
    state = SqliteState(tmp_path / "state.db")
    first = _adapter(fake, calls, state, holder.for_process("a"), interval=0.2)
    second = _adapter(fake, calls, state, holder.for_process("b"), interval=0.2)
    try:
        await first.start()
        await second.start()
        holder.holder = "b"  # as when a's lock connection dropped and b took the lock
        await fake.wait_for(lambda: len(fake.identifies) == 2, timeout=10)
        await asyncio.wait_for(_until(lambda: second.connected and not first.gateway), 10)
        await _settled(fake, 1)
        assert first.connected  # logged in again, REST only
        result = await first.send_card(fake.guild.channel_ids[0], CARD, "after-loss")
        assert result.ok
    finally:
        await second.stop()
        await first.stop()


async def test_own_shards_connect_without_the_lock(fake: FakeDiscord, calls: Calls,
                                                   tmp_path: Path) -> None:
    refusing = OneHolder()
    refusing.holder = "somebody else"
    state = SqliteState(tmp_path / "state.db")
    bots = [_adapter(fake, calls, state, refusing.for_process(str(i)),
                     config=DiscordConfig(shard_count=2, shard_ids=[i])) for i in (0, 1)]
    try:
        for bot in bots:
            await bot.start()
        assert all(b.connected and b.gateway for b in bots)
        assert type(bots[0].client).__name__ == "AutoShardedClient"
        assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(0, 2), (1, 2)]
        assert fake.sessions == 2 and refusing.asks == 0
    finally:
        for bot in bots:
            await bot.stop()


def test_shard_ids_need_shard_count() -> None:
    with pytest.raises(ValidationError, match=r"shard_ids needs discord\.shard_count"):
        DiscordConfig(shard_ids=[0])
    with pytest.raises(ValidationError, match=r"not in 0\.\.1"):
        DiscordConfig(shard_count=2, shard_ids=[2])
    with pytest.raises(ValidationError, match="repeats"):
        DiscordConfig(shard_count=2, shard_ids=[1, 1])
    assert DiscordConfig(shard_count=4, shard_ids=[2, 3]).shard_ids == [2, 3]
    assert DiscordConfig(shard_count=2).shard_ids is None


async def _nothing() -> None:
    """A step-down that never happens (the process was killed)."""


async def _until(predicate: Callable[[], bool]) -> None:
    while not predicate():
        await asyncio.sleep(0.05)


async def _settled(fake: FakeDiscord, sessions: int) -> bool:
    """Wait until the fake has exactly `sessions` sockets open (a close is asynchronous)."""
    await asyncio.wait_for(_until(lambda: fake.sessions == sessions), 5)
    return True


class RoleHolder:
    """The store's Leadership shape for processes sharing one loop: holders by role name."""

    def __init__(self) -> None:
        self.holders: dict[str, object] = {}

    def process(self) -> Leads:
        me, holders = object(), self.holders

        class One:
            async def try_lead(self, role: str) -> bool:
                return holders.setdefault(role, me) is me

            async def step_down(self, role: str) -> None:
                if holders.get(role) is me:
                    del holders[role]

        return One()


async def test_composition_root_gives_discord_the_gateway_role(
        fake: FakeDiscord, calls: Calls, tmp_path: Path) -> None:
    leadership = RoleHolder()
    env = {"DISCORD_BOT_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url}
    state: Any = SqliteState(tmp_path / "state.db")
    made = [chat_adapters(Config())(replace(build_deps(calls), leader=leadership.process()),
                                    state, env) for _ in range(2)]
    bots = [bot for [bot] in made]
    assert all(isinstance(b, DiscordAdapter) for b in bots)
    try:
        for bot in bots:
            await bot.start()
        assert list(leadership.holders) == ["discord-gateway"]
        assert fake.sessions == 1 and len(fake.identifies) == 1
    finally:
        for bot in bots:
            await bot.stop()
    assert leadership.holders == {}  # the holder stepped down at stop
