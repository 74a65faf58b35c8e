"""Write or check a generated resource file (the `--write` / `--check` of the build scripts)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def write_or_check(target: Path, text: str, argv: Sequence[str]) -> int:
    """With `--check` in `argv`: 0 when `target` holds `text`, else 1 (said on stderr).
    Otherwise write `text` to `target` and return 0."""
    if "--check" in argv:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{target.name} is out of date", file=sys.stderr)
        return 0 if same else 1
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0
