"""The test scheduler's lanes (tests/lanes.py): balanced, and naming fault files that exist."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.lanes import FAULT_FILE_SECONDS, lanes, make_scheduler, scope

FAULTS = Path(__file__).resolve().parents[1] / "faults"


def test_longest_first_into_the_emptier_lane() -> None:
    got = lanes({"a.py": 70, "b.py": 60, "c.py": 55, "d.py": 30, "e.py": 5}, count=2)
    assert got == {"a.py": 0, "b.py": 1, "c.py": 1, "d.py": 0, "e.py": 0}


def test_the_table_lanes_differ_by_less_than_the_shortest_file() -> None:
    got = lanes(FAULT_FILE_SECONDS)
    totals = [sum(s for f, s in FAULT_FILE_SECONDS.items() if got[f] == lane) for lane in (0, 1)]
    assert abs(totals[0] - totals[1]) <= min(FAULT_FILE_SECONDS.values())


def test_every_listed_fault_file_exists() -> None:
    assert sorted(f for f in FAULT_FILE_SECONDS if not (FAULTS / f).is_file()) == []


def test_fault_tests_share_their_lane_and_others_stand_alone() -> None:
    kill = scope("tests/faults/test_kill9.py::test_sigkill[plain]")
    assert kill == scope("tests/faults/test_kill9.py::test_sigkill[lock]")
    assert kill.startswith("fault-lane-")
    assert scope("tests/faults/test_busy_history.py::test_x") == \
        "tests/faults/test_busy_history.py::test_x"
    assert scope("tests/nlp/test_a.py::test_b") == "tests/nlp/test_a.py::test_b"


def test_the_lane_scheduler_is_hooked_in_and_only_for_loadgroup(
        pytestconfig: pytest.Config) -> None:
    impls = pytestconfig.pluginmanager.hook.pytest_xdist_make_scheduler.get_hookimpls()
    assert any(impl.function.__code__.co_filename == str(FAULTS.parent / "conftest.py")
               for impl in impls)
    for mode in ("load", "worksteal", "no"):
        assert make_scheduler(SimpleNamespace(getoption=lambda _name, m=mode: m), None) is None
