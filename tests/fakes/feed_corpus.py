"""The feed corpus under ../shared/data (test input only, never copied into the repo)."""

from __future__ import annotations

import json
from pathlib import Path

FOLDERS = ("feedparser-tests", "feeds-feedjira")


def corpus_files(data: Path) -> list[Path]:
    """Every feed file of the corpus folders (manifests left out), sorted."""
    return sorted(p for f in FOLDERS if (data / f).is_dir()
                  for p in (data / f).rglob("*") if p.is_file() and p.suffix != ".jsonl")


def well_formed(data: Path, *, json_feeds: bool = True) -> set[str]:
    """Paths (relative to `data`) of files known to be well-formed feeds; JSON Feeds only when
    `json_feeds` (feedparser itself does not read them)."""
    good = {str(p.relative_to(data)) for p in (data / "feedparser-tests" / "wellformed").rglob("*")
            if p.is_file()}
    manifest = data / "feeds-feedjira" / "manifest.jsonl"
    skip = {"html", "opml"} | (set() if json_feeds else {"jsonfeed"})
    if manifest.exists():
        for line in manifest.read_text().splitlines():
            row = json.loads(line)
            if row["well_formed"] and row["format"] not in skip:
                good.add(f"feeds-feedjira/{row['file']}")
    return good
