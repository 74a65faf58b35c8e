"""Test scheduling for `make test`: the fault tests in lanes, everything else one at a time.

Each fault test starts several bot processes and mostly waits on them (kill -9, leases,
feed intervals). Dealt out by xdist's default `load` scheduler they arrive in one chunk on one
worker and run in turn at the end (measured 2026-12-07: 267 s on one worker, the others idle
after 150 s). Here each fault file goes to one of LANES lanes, longest first by the seconds it
was measured to take, so at most LANES of them run at once; the lanes start first and the other
tests go one at a time to whichever worker is free. Used with `--dist loadgroup` (whose own
grouping by `xdist_group` marks does nothing under pytest 9.2: xdist 3.8 renames `_nodeid`,
which pytest no longer reads).
"""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling

LANES = 2
# Seconds each fault file took on 2 cores (tests/faults, 2026-12-07); files not listed take
# a few seconds and are scheduled as single tests.
FAULT_FILE_SECONDS = {
    "test_pg_feeds_system.py": 72, "test_kill9.py": 62, "test_pg_digest_leader.py": 55,
    "test_pg_system.py": 33, "test_pg_workers.py": 20, "test_pg_discord_gateway.py": 10,
    "test_write_lock.py": 9, "test_subscribe_from_now.py": 6,
}
_FAULTS = "tests/faults/"


def lanes(seconds: dict[str, float], count: int = LANES) -> dict[str, int]:
    """{file: lane}, longest file first into the lane with the least time so far."""
    totals = [0.0] * count
    out: dict[str, int] = {}
    for name, secs in sorted(seconds.items(), key=lambda kv: (-kv[1], kv[0])):
        lane = totals.index(min(totals))
        totals[lane] += secs
        out[name] = lane
    return out


_LANE_OF = lanes(FAULT_FILE_SECONDS)


def scope(nodeid: str) -> str:
    """The unit of work a test belongs to: its fault lane, or the test itself."""
    path = nodeid.split("::", 1)[0]
    if path.startswith(_FAULTS) and path[len(_FAULTS):] in _LANE_OF:
        return f"fault-lane-{_LANE_OF[path[len(_FAULTS):]]}"
    return nodeid


class LaneScheduling(LoadScopeScheduling):
    """xdist's scope scheduler with `scope` as the scope: the lanes (several tests each) are
    queued first, since scopes are ordered by their number of tests."""

    def _split_scope(self, nodeid: str) -> str:
        return scope(nodeid)


def make_scheduler(config: Any, log: Any) -> LaneScheduling | None:
    """The scheduler for `--dist loadgroup`; None (xdist's own) for any other mode."""
    if config.getoption("dist") != "loadgroup":
        return None
    return LaneScheduling(config, log)
