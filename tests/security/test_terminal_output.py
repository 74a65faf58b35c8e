"""Item 8: ESC/BEL/OSC and other control characters from outside text never reach a terminal.

An article whose title and text carry a window-title OSC, a screen clear, colours, a hyperlink
OSC, BEL and an 8-bit CSI is ingested with the real CLI; `ingest`, `ask`, `ask --json` and the
console adapter of `policywire run` then print it. Their output holds no control character
but newlines (and JSON still carries the title, escaped).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.security.conftest import ROOT, cli
from tests.security.payloads import CONTROL_CHARS, TERMINAL_TITLE

pytestmark = pytest.mark.spacy

BODY = ("El Salvador's central bank said its bitcoin reserve grew to 6,240 BTC this week, "
        "and the treasury bought bitcoin again. \x1b[5mBlink\x1b[0m \x07\x1b]52;c;cHduZWQ=\x07")


def _clean(out: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in out if c in CONTROL_CHARS})
    assert not bad, f"control characters reached the terminal: {bad}"


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """A config (console channel on the bundled topics) and a seeds folder with the article."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "hostile.md").write_text(
        f"---\ntitle: {json.dumps(TERMINAL_TITLE)}\nsource: Wire\ndate: 2025-05-23\n---\n\n"
        f"{BODY}\n", encoding="utf-8")
    config = tmp_path / "local.yaml"
    config.write_text(
        f"include: [{ROOT / 'seeds' / 'topics.yaml'}]\n"
        "nlp: {executor: thread}\n"
        "server: {enabled: false}\n"
        f"storage: {{path: {tmp_path / 'pw.db'}}}\n"
        f"seeds: {{articles: {seeds}}}\n"
        "channels: [{platform: console, id: console, topics: [reserves]}]\n", encoding="utf-8")
    return config


@pytest.mark.slow
async def test_ingest_ask_and_console_print_no_control_characters(world: Path,
                                                                  tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    code, out, err = await cli("ingest", str(seeds), "--config", str(world), cwd=tmp_path)
    assert code == 0, err
    assert "stored" in out and "Wire  title red link bell" in out
    _clean(out)

    code, out, err = await cli("ask", "/latest", "--config", str(world), cwd=tmp_path)
    assert code == 0, err
    assert "title" in out and "red" in out
    _clean(out)

    code, out, err = await cli("ask", "/latest", "--json", "--config", str(world), cwd=tmp_path)
    assert code == 0, err
    _clean(out)
    assert json.loads(out)["articles"][0]["title"].startswith("Wire \x1b]0;pwned\x07")

    db = tmp_path / "pw.db"
    db.unlink()  # start over so `run` ingests the seed and prints its alert on the console
    code, out, err = await cli("run", "--console", "--config", str(world), cwd=tmp_path,
                               stdin=b"/latest\n")
    assert code == 0, err
    assert "ALERT #console" in out and "6,240 BTC" in out
    _clean(out)
