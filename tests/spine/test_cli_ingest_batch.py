"""`policywire ingest`: one bad item fails alone; the rest of the batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.spine.test_cli import policywire

pytestmark = pytest.mark.spacy


@pytest.mark.slow
def test_a_bad_item_fails_alone_and_the_others_are_stored(repo_root: Path,
                                                        tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    rows = [
        {"url": "https://e.org/1", "title": "First", "text": "Estonia set aside 50 MW."},
        {"url": "https://e.org/2", "title": "No text"},
        "not an object",
        {"url": "https://e.org/3", "title": "Huge",
         "text": "Latvia bought 3 BTC. " * 60_000},  # over spaCy's 1,000,000 characters
        {"url": "https://e.org/4", "title": "Last", "text": "Lithuania spent $5 million."},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    db = tmp_path / "x.db"
    result = policywire(repo_root, "--db", str(db), "ingest", str(batch))
    assert result.returncode == 2
    assert f"{batch}:2" in result.stderr and "text" in result.stderr
    assert f"{batch}:3" in result.stderr and f"{batch}:6" in result.stderr
    stored = [line for line in result.stdout.splitlines() if " stored: " in line]
    titles = [s.split(": ", 1)[1].split(" topics: ")[0] for s in stored]
    assert titles == ["First", "Huge", "Last"]
    answer = policywire(repo_root, "--db", str(db), "ask", "/figures Lithuania", "--json")
    assert answer.returncode == 0
    assert json.loads(answer.stdout)["items"][0]["value"] == 5e6
