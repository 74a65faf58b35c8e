"""Item 4: parser CPU within the byte cap is bounded.

Attribute floods and deep nesting are refused by the streaming structure check, a feed is read
only up to `fetch.max_items` items, and a parse past its CPU or memory budget is stopped by the
kernel in the sandbox's child process (and nothing of it is left running).
"""

from __future__ import annotations

from pathlib import Path

from tests.security.conftest import Rig
from tests.security.payloads import (
    empty_items,
    many_attributes,
    many_elements,
    many_items,
    nested_elements,
    one_big_item,
)


def _children_of(pid: int) -> list[str]:
    """Live child processes of `pid` (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


async def test_attribute_flood_is_refused(rig: Rig) -> None:
    url = rig.server.serve("/attrs", many_attributes(30_000))
    report = await rig.poll(url)
    assert report.error == "an element <item> has more than 256 attributes"
    assert (await rig.state(url)).consecutive_failures == 1


async def test_deep_nesting_is_refused(rig: Rig) -> None:
    url = rig.server.serve("/deep", nested_elements(100_000))
    report = await rig.poll(url)
    assert report.error == "elements are nested more than 100 deep"
    assert (await rig.state(url)).consecutive_failures == 1


async def test_a_million_empty_items_are_cut_at_max_items(rig: Rig) -> None:
    url = rig.server.serve("/empty", empty_items(1_000_000))
    report = await rig.poll(url)
    assert report.error is None
    assert ("items after the first 500",
            "not read: a feed is read up to fetch.max_items (500) items") in report.dropped


async def test_250k_items_are_read_up_to_max_items(rig: Rig) -> None:
    url = rig.server.serve("/many", many_items(250_000))
    report = await rig.poll(url)
    assert report.error is None and report.baseline == 500
    assert await rig.item_counts(url) == {"baseline": 500}


async def test_max_items_is_configurable(rig: Rig) -> None:
    rig.set_fetch(max_items=40)
    url = rig.server.serve("/many40", many_items(5_000))
    report = await rig.poll(url)
    assert report.baseline == 40
    assert any("fetch.max_items (40)" in why for _, why in report.dropped)


async def test_a_parse_past_its_cpu_budget_is_really_stopped(rig: Rig) -> None:
    rig.set_fetch(parse_cpu_seconds=1)
    url = rig.server.serve("/slow", many_elements(2_000_000))
    report = await rig.poll(url)
    assert report.error == "parsing the feed took more than 1 s of CPU"
    state = await rig.state(url)
    assert state.consecutive_failures == 1 and state.last_error == report.error
    from bot.feeds.sandbox import shared_sandbox

    helpers = shared_sandbox().helper_pids()
    assert helpers and all(_children_of(pid) == [] for pid in helpers)


async def test_a_parse_past_its_memory_budget_is_stopped(rig: Rig) -> None:
    rig.set_fetch(parse_memory_mb=64)
    url = rig.server.serve("/fat", one_big_item(9 * 2**20))
    report = await rig.poll(url)
    assert report.error == "parsing the feed needed more than 64 MB of memory"
    assert (await rig.state(url)).consecutive_failures == 1


async def test_an_unknown_declared_encoding_still_parses(rig: Rig) -> None:
    from tests.security.payloads import item, rss

    body = rss(item(1)).replace('<?xml version="1.0"?>',
                                '<?xml version="1.0" encoding="bogus"?>').encode()
    url = rig.server.serve("/bogus", body)
    report = await rig.poll(url)
    assert report.error is None and report.baseline == 1
