"""Three real `policywire run` processes on one PostgreSQL and the Discord fake: one gateway
session in all; SIGKILL its holder and another process connects within about 10 s."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.test_pg_system import Deployment

CONNECTED = "discord connected as"
FOLLOWING = "another process holds the gateway"


class InfoDeployment(Deployment):
    """The fault-test deployment with INFO logs (who connected is a log line)."""

    def env(self) -> dict[str, str]:
        return {**super().env(), "POLICYWIRE_LOG_LEVEL": "INFO"}


async def _until(predicate: Callable[[], bool], timeout: float) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.05)


@pytest.mark.slow
async def test_one_gateway_session_and_takeover_after_sigkill(
        repo_root: Path, tmp_path: Path, pg_dsn: str) -> None:
    async with InfoDeployment(repo_root, tmp_path, pg_dsn) as dep:
        fake = dep.discord
        for _ in range(3):
            await dep.start()
        watches = [w for _, w in dep.procs]
        await _until(lambda: sum(w.count(CONNECTED) + w.count(FOLLOWING) for w in watches) == 3,
                     120)
        [holder] = [i for i, w in enumerate(watches) if w.count(CONNECTED)]
        assert len(fake.identifies) == 1 and fake.sessions == 1

        await dep.kill(holder)  # the socket and the lock connection die with the process
        killed = asyncio.get_running_loop().time()
        await fake.wait_for(lambda: len(fake.identifies) == 2 and fake.sessions == 1, 15)
        took = asyncio.get_running_loop().time() - killed
        print(f"\ndiscord gateway takeover after SIGKILL: {took:.1f}s")
        await asyncio.sleep(1)  # time enough for a wrong second takeover to show
        assert len(fake.identifies) == 2 and fake.sessions == 1
        assert took < 10, f"takeover took {took:.1f}s"
        survivors = [w for i, w in enumerate(watches) if i != holder]
        assert sum(w.count("took the gateway over") for w in survivors) == 1
        await dep.stop_all()
