"""Item 5: a parser failure (a RecursionError included) is a feed failure.

It is counted toward backoff, pauses the feed after `fetch.max_failures`, tells the admins, and
`policywire ingest` reports it as bad input (exit 2) instead of an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import Rig, cli, local_config
from tests.security.payloads import nested_json_feed

JSON = {"Content-Type": "application/feed+json"}
WHY = "not a feed: JSON nested too deeply to read"


async def test_deep_json_feed_backs_off_then_pauses_and_tells_admins(rig: Rig) -> None:
    rig.set_fetch(max_failures=2)
    url = rig.server.serve("/deep.json", nested_json_feed(100_000), JSON)
    first = await rig.poll(url)
    assert first.error == WHY and first.retry_in is not None and not first.paused
    assert (await rig.state(url)).consecutive_failures == 1
    second = await rig.poll(url)
    state = await rig.state(url)
    assert second.paused and state.paused and state.consecutive_failures == 2
    assert WHY in (state.paused_reason or "")
    assert any(url in card and WHY in card for card in await rig.notices())


@pytest.mark.slow
async def test_cli_ingest_of_a_deep_json_feed_exits_2(rig: Rig, tmp_path: Path) -> None:
    url = rig.server.serve("/deep-cli.json", nested_json_feed(100_000), JSON)
    code, _out, err = await cli("ingest", url, "--config", str(local_config(tmp_path)),
                                cwd=tmp_path)
    assert code == 2, err
    assert WHY in err and "internal error" not in err


@pytest.mark.slow
async def test_cli_ingest_of_a_deep_json_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _out, err = await cli("ingest", str(path), "--config", str(local_config(tmp_path)),
                                cwd=tmp_path)
    assert code == 2, err
    assert "nested too deeply" in err and "internal error" not in err
