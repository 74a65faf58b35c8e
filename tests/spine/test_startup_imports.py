"""What starting a command costs: building the app imports no library that only some commands
use (page extraction, story clustering and, through it, SciPy)."""

from __future__ import annotations

import subprocess
import sys

LATE = ("trafilatura", "datasketch", "scipy")
PROBE = f"""
import sys
import bot.app
import bot.cli_actions
print(sorted(m for m in {LATE!r} if m in sys.modules))
"""


def test_building_blocks_of_a_command_import_no_late_library() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         timeout=60, check=True).stdout.strip()
    assert out == "[]"
