"""`policywire run --role`: what each role starts, and cron jobs that fire only in the leader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build
from bot.app.roles import CHOICES, Roles
from bot.cli import ROLE_CHOICES
from bot.config_loader import load_config
from bot.scheduler import Scheduler
from bot.settings import FeedConfig

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config" / "policywire.yaml"


def test_roles_parse_all_or_one_and_refuse_the_rest() -> None:
    assert Roles.parse("all") == Roles(worker=True, poller=True, scheduler=True)
    assert Roles.parse("poller") == Roles(worker=False, poller=True, scheduler=False)
    assert Roles.parse("worker").describe() == "worker"
    assert Roles.parse("all").describe() == "all"
    with pytest.raises(ValueError, match="unknown role"):
        Roles.parse("everything")


def test_the_cli_offers_exactly_the_roles() -> None:
    assert ROLE_CHOICES == CHOICES
    out = subprocess.run([sys.executable, "-m", "bot", "run", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert "--role {all,worker,poller,scheduler}" in out


async def test_a_cron_job_fires_only_while_this_process_leads() -> None:
    leading = False
    fired: list[str] = []

    async def lead() -> bool:
        return leading

    async def digest() -> None:
        fired.append("digest")

    async def poll() -> None:
        fired.append("poll")

    sched = Scheduler(jitter=0, lead=lead)
    sched.cron("digest", digest, "0 8 * * *")
    sched.every("poll", poll, 60)
    await sched.run_now("digest")
    await sched.run_now("poll")  # interval jobs (feed polls) are every process's
    assert fired == ["poll"]
    leading = True
    await sched.run_now("digest")
    assert fired == ["poll", "digest"]


@pytest.mark.parametrize(("role", "worker", "feeds"), [
    ("all", True, True), ("worker", True, False), ("poller", False, True),
    ("scheduler", False, False)])
async def test_each_role_starts_its_own_background_work(
        tmp_path: Path, role: str, worker: bool, feeds: bool) -> None:
    config = load_config(CONFIG).model_copy(update={
        "feeds": [FeedConfig(url="http://127.0.0.1:9/feed.xml", interval=600)]})
    async with await build(config, {}, config_path=CONFIG, db_path=tmp_path / "pw.db",
                           executor="thread", roles=Roles.parse(role)) as app:
        await app.start(seeds=False)
        assert (app.worker._task is not None) is worker
        assert any(j.startswith("feed:") for j in app.scheduler.job_ids()) is feeds
        await app.reloader.reschedule_feeds()  # a reload keeps to the role too
        assert any(j.startswith("feed:") for j in app.scheduler.job_ids()) is feeds
        assert await app.scheduler.lead() is (role in ("all", "scheduler"))
