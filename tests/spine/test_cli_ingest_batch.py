"""`policywire ingest`: one bad item fails alone; the rest of the batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.domain.models import ArticleIn
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
        {"url": "https://e.org/5", "title": "Half \ud800 pair",  # JSON's lone surrogate
         "text": "Poland spent $2 million \udfff today."},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    # (json.dumps writes the lone surrogates as "\ud800" escapes, which is how feeds send them)
    db = tmp_path / "x.db"
    result = policywire(repo_root, "--db", str(db), "ingest", str(batch))
    assert result.returncode == 2
    assert f"{batch}:2" in result.stderr and "text" in result.stderr
    assert f"{batch}:3" in result.stderr and f"{batch}:7" in result.stderr
    stored = [line for line in result.stdout.splitlines() if " stored: " in line]
    titles = [s.split(": ", 1)[1].split(" topics: ")[0] for s in stored]
    assert titles == ["First", "Huge", "Last", "Half \ufffd pair"]
    answer = policywire(repo_root, "--db", str(db), "ask", "/figures Lithuania", "--json")
    assert answer.returncode == 0
    assert json.loads(answer.stdout)["items"][0]["value"] == 5e6


def test_an_articles_lone_surrogates_become_replacement_characters() -> None:
    art = ArticleIn(url="https://e.org/\ud800", title="Half \ud800 pair", text="a \udfff b",
                    source="x\ud83d", guid="g")
    assert (art.url, art.title, art.text, art.source, art.guid) == (
        "https://e.org/\ufffd", "Half \ufffd pair", "a \ufffd b", "x\ufffd", "g")
    emoji = json.loads('"\\ud83d\\ude00"')  # a JSON pair of halves is one character
    assert ArticleIn(url=None, title=emoji, text="t").title == "\U0001f600"
