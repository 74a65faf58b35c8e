"""Config reload: a valid file is swapped in, an invalid one is refused and the old one stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Runtime
from bot.domain.errors import ConfigError

NEW_TOPIC = """
topics:
  - name: stablecoins
    description: Stablecoin laws
    keywords: [stablecoin, GENIUS Act]
channels:
  - platform: console
    id: console
    topics: [stablecoins]
"""


async def test_reload_swaps_a_valid_config(app: Runtime, tmp_path: Path) -> None:
    """After /feeds reload with a new file, /topics lists the new topic."""
    path = tmp_path / "new.yaml"
    path.write_text(NEW_TOPIC)
    message = await app.reload(path)
    assert "1 topics" in message
    reply = await app.ask("/topics")
    assert [t.name for t in reply.topics or []] == ["stablecoins"]
    subs = await app.services.subscriptions.list("console", "console")
    assert "stablecoins" in {s.topic for s in subs}


async def test_invalid_reload_keeps_running_config(app: Runtime, tmp_path: Path) -> None:
    """A broken file raises ConfigError with file:line and changes nothing."""
    before = app.live.topics()
    path = tmp_path / "bad.yaml"
    path.write_text("topics:\n  - name: Bad Name\n    keywords: [x]\n")
    with pytest.raises(ConfigError) as exc:
        await app.reload(path)
    assert f"{path}:2:" in exc.value.errors[0]
    assert app.live.topics() == before


async def test_reload_through_admin_command(app: Runtime, tmp_path: Path) -> None:
    """The admin command refuses a broken config with its errors; non-admins are refused."""
    path = tmp_path / "bad.yaml"
    path.write_text("topics: 5\n")
    app.config_path = path
    reply = await app.ask("/feeds reload")
    assert not reply.ok and str(path) in reply.text
    denied = await app.ask("/feeds reload", platform="slack", user_id="U999")
    assert not denied.ok and "admin" in denied.text
