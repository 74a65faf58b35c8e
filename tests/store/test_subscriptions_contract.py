"""Subscriptions, the audit log and the key-value map on both engines: add, remove and list;
a config sync that changes only what the file changed (what chat commands did since sticks);
audit entries newest first; a string map."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.store.subscriptions import ConfigChanges
from tests.store.engines import Engine

A = ("slack", "C1", "reserves")
B = ("slack", "C1", "mining")
C = ("discord", "D1", "reserves")


async def test_add_remove_and_list(engine: Engine) -> None:
    subs = engine.store.subscriptions
    assert await subs.add("slack", "C1", "reserves", created_by="U1")
    assert not await subs.add("slack", "C1", "reserves", mode="digest")  # exists: unchanged
    assert await subs.add("slack", "C1", "mining", mode="digest")
    assert await subs.add("discord", "D1", "reserves")
    listed = await subs.for_channel("slack", "C1")
    assert [(s.topic, s.mode, s.origin, s.last_error) for s in listed] == [
        ("mining", "digest", "command", None), ("reserves", "instant", "command", None)]
    assert all(isinstance(s.id, int) for s in listed)
    assert [(s.platform, s.channel_id) for s in await subs.for_topics(["reserves"])] == [
        ("slack", "C1"), ("discord", "D1")]  # in the order they were added
    assert len(await subs.for_topics(["reserves", "mining", "none"])) == 3
    assert await subs.for_topics([]) == []
    assert await subs.remove("slack", "C1", "reserves")
    assert not await subs.remove("slack", "C1", "reserves")
    assert [s.topic for s in await subs.for_channel("slack", "C1")] == ["mining"]
    assert await subs.for_channel("slack", "nowhere") == []


async def test_a_config_add_of_an_existing_pair_updates_its_mode(engine: Engine) -> None:
    subs = engine.store.subscriptions
    assert await subs.add(*A, origin="config")
    assert not await subs.add(*A, mode="digest", origin="config")
    ((topic, mode, origin),) = [(s.topic, s.mode, s.origin)
                                for s in await subs.for_channel("slack", "C1")]
    assert (topic, mode, origin) == ("reserves", "digest", "config")


async def test_a_delivery_error_is_recorded_on_the_channels_subscriptions(
        engine: Engine) -> None:
    subs = engine.store.subscriptions
    await subs.add(*A)
    await subs.add(*B)
    await subs.add(*C)
    await subs.record_error("slack", "C1", "channel_not_found")
    errors = {(s.channel_id, s.topic): s.last_error
              for s in await subs.for_topics(["reserves", "mining"])}
    assert errors == {("C1", "reserves"): "channel_not_found",
                      ("C1", "mining"): "channel_not_found", ("D1", "reserves"): None}


async def test_config_sync_changes_only_what_the_file_changed(engine: Engine) -> None:
    subs = engine.store.subscriptions
    first = await subs.apply_config({A: "instant", B: "digest"})
    assert first == ConfigChanges(added=(B, A), removed=())  # sorted pairs
    assert await subs.apply_config({A: "instant", B: "digest"}) == ConfigChanges()
    # a chat command removes A and subscribes C by hand: both stick across syncs
    assert await subs.remove(*A)
    assert await subs.add(*C)
    assert await subs.apply_config({A: "instant", B: "digest"}) == ConfigChanges()
    assert [s.topic for s in await subs.for_channel("slack", "C1")] == ["mining"]
    # the file changes B's mode and takes C on: C was there already, so it is not "added"
    assert await subs.apply_config({A: "instant", B: "instant", C: "digest"}) == (
        ConfigChanges())
    (b,) = await subs.for_channel("slack", "C1")
    assert b.mode == "instant"
    (c,) = await subs.for_channel("discord", "D1")
    assert (c.mode, c.origin) == ("digest", "command")
    # pairs gone from the file: B (from the config) goes, C (a command's) stays
    assert await subs.apply_config({A: "instant"}) == ConfigChanges(removed=(B,))
    assert await subs.for_channel("slack", "C1") == []
    assert [s.topic for s in await subs.for_channel("discord", "D1")] == ["reserves"]
    # A was never re-added after the command removed it; dropping it and adding it back is new
    assert await subs.apply_config({}) == ConfigChanges()
    assert await subs.apply_config({A: "digest"}) == ConfigChanges(added=(A,))


async def test_config_syncs_from_several_processes_add_each_pair_once(engine: Engine) -> None:
    stores = [await engine.another_store() for _ in range(3)]
    wanted = {("slack", f"C{i}", "reserves"): "instant" for i in range(10)}
    results = await asyncio.gather(*(s.subscriptions.apply_config(wanted) for s in stores))
    assert sorted(p for r in results for p in r.added) == sorted(wanted)
    assert len(await engine.store.subscriptions.for_topics(["reserves"])) == 10


async def test_audit_entries_newest_first(engine: Engine) -> None:
    audit = engine.store.audit
    assert await audit.recent() == []
    await audit.record("slack", "U1", "subscribe", "reserves", channel_id="C1")
    await audit.record("discord", "U2", "feeds add", "https://x.example/rss",
                       outcome="refused")
    await audit.record("console", "local", "audit")
    entries = await audit.recent()
    assert [(e.platform, e.user_id, e.action, e.detail, e.channel_id, e.outcome)
            for e in entries] == [
        ("console", "local", "audit", "", None, "ok"),
        ("discord", "U2", "feeds add", "https://x.example/rss", None, "refused"),
        ("slack", "U1", "subscribe", "reserves", "C1", "ok")]
    assert datetime.fromisoformat(entries[0].at).tzinfo is not None  # ISO text, with a zone
    assert [e.action for e in await audit.recent(limit=1)] == ["audit"]


async def test_key_value_get_and_set(engine: Engine) -> None:
    kv = engine.store.kv
    assert await kv.get("commands:slack") is None
    await kv.set("commands:slack", "hash1")
    await kv.set("commands:discord", "hash2")
    await kv.set("commands:slack", "hash3")
    assert (await kv.get("commands:slack"), await kv.get("commands:discord")) == (
        "hash3", "hash2")
