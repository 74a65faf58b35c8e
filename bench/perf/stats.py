"""Small helpers shared by the perf benchmarks: percentiles, medians, peak memory, JSON I/O."""

from __future__ import annotations

import json
import math
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT.parent / "shared" / "data"
RESULTS_DIR = REPO_ROOT / "bench" / "results"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def latency_ms(values: Sequence[float]) -> dict[str, float]:
    """p50, p99 and max of durations in seconds, as milliseconds."""
    return {"p50_ms": round(percentile(values, 50) * 1000, 3),
            "p99_ms": round(percentile(values, 99) * 1000, 3),
            "max_ms": round(max(values) * 1000, 3) if values else float("nan"),
            "n": len(values)}


def median(values: Sequence[float]) -> float:
    """The median (NaN for none)."""
    return statistics.median(values) if values else float("nan")


def peak_rss_mib(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM) of this process or of `pid`, MiB.

    /proc's VmHWM belongs to the process image: getrusage's ru_maxrss would also count the
    parent's memory at fork time, which survives exec on Linux and inflates child figures.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    if pid != "self":
        return float("nan")
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_json(module: str, args: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run `python -m module args` from the repo root; its last stdout line is JSON."""
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO_ROOT, text=True,
                          stdout=subprocess.PIPE, timeout=timeout, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": f"{module} exited {proc.returncode} without a result"}
    return json.loads(lines[-1])


def log(msg: str) -> None:
    """Progress to stderr (stdout carries results)."""
    print(msg, file=sys.stderr, flush=True)
