"""A real PostgreSQL for the tests: the one in POLICYWIRE_TEST_PG_URL, or a throwaway cluster.

Without the URL, each test session (each xdist worker) runs `initdb` into a folder under the
temp dir (as the `postgres` user when we are root: initdb refuses root) and `pg_ctl start`s it
on a free port of 127.0.0.1 with fsync off; it is stopped and deleted when the session ends.
Each test that asks for `pg_dsn` gets a database of its own on that server.

Where PostgreSQL is not installed the tests that need it skip with one line saying so, unless
CI (env `CI`) or `POLICYWIRE_REQUIRE_PG=1` asks for them: then they fail.
"""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV_URL = "POLICYWIRE_TEST_PG_URL"
ENV_REQUIRE = "POLICYWIRE_REQUIRE_PG"
ENV_BINDIR = "POLICYWIRE_PG_BINDIR"
SKIP_REASON = ("PostgreSQL tests skipped: no PostgreSQL here (apt-get install postgresql-15, "
               f"or set {ENV_URL}=postgresql://...)")


def pg_required(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether a missing PostgreSQL is a failure (CI, or POLICYWIRE_REQUIRE_PG=1)."""
    ci = env.get("CI", "").strip().lower()
    return env.get(ENV_REQUIRE, "").strip() == "1" or ci not in ("", "0", "false", "no")


def find_bindir() -> Path | None:
    """The folder of initdb/pg_ctl: $POLICYWIRE_PG_BINDIR, Debian's newest, or on PATH."""
    if os.environ.get(ENV_BINDIR):
        return Path(os.environ[ENV_BINDIR])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One throwaway PostgreSQL server (initdb + pg_ctl)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # /tmp, not $TMPDIR: the postgres user must reach the folder (a root-only TMPDIR fails)
        self.base = Path(tempfile.mkdtemp(prefix="policywire-pg-",
                                          dir="/tmp" if os.path.isdir("/tmp") else None))
        self.data = self.base / "data"
        self.port = 0
        self._as: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.base, 0o700)

    @property
    def url(self) -> str:
        """The superuser's DSN for the `postgres` database."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        done = subprocess.run([*self._as, *args], capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            log = self.base / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}): "
                               f"{done.stderr.strip() or done.stdout.strip()}\n{tail}")

    def start(self) -> Cluster:
        """initdb, then start on a free port (a few tries: another process may take it)."""
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "--auth=trust",
                  "-U", "postgres", "-E", "UTF8", "--no-sync")
        for attempt in range(3):
            self.port = _free_port()
            options = (f"-k {self.base} -c listen_addresses=127.0.0.1 -p {self.port}"
                       " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                          str(self.base / "log"), "-w", "-t", "60", "-o", options, "start")
                self._watchdog()
                return self
            except RuntimeError:
                if attempt == 2:
                    raise
        return self

    def _watchdog(self) -> None:
        """Stop the server and delete its folder if this test process dies without doing it
        (SIGKILL, a crash): a detached shell that waits for our pid to go."""
        stop = " ".join([*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                         "-m", "immediate", "stop"])
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
                  f"if [ -e {self.data}/postmaster.pid ]; then {stop} >/dev/null 2>&1; fi; "
                  f"rm -rf {self.base}")
        subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)

    def stop(self) -> None:
        """Stop the server (immediate: nothing in it is kept) and delete its folder."""
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "-w", "stop"], capture_output=True,
                           timeout=60, check=False)
        shutil.rmtree(self.base, ignore_errors=True)


@dataclass
class PgServer:
    """A server the tests may create databases on (`url`: a DSN with that right)."""

    url: str

    def dsn_for(self, database: str) -> str:
        """The server's DSN with another database name."""
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{database}"))

    async def _admin(self, sql: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.url, timeout=30)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def create_database(self) -> str:
        """A new empty database; its name."""
        name = f"pw_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        _off_loop(self._admin(f'CREATE DATABASE "{name}"'))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database made by `create_database` (closing its connections)."""
        _off_loop(self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _off_loop(coro: Coroutine[Any, Any, None]) -> None:
    """Run `coro` to the end on a loop of its own in another thread (a fixture may be set up
    while the test's loop runs, e.g. through `request.getfixturevalue` in an async fixture)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result(timeout=120)


def unavailable() -> None:
    """Skip (or, where PostgreSQL is required, fail) a test that needs PostgreSQL."""
    if pg_required():
        pytest.fail(f"PostgreSQL is required here (CI or {ENV_REQUIRE}=1) but not installed: "
                    f"apt-get install postgresql-15, or set {ENV_URL}", pytrace=False)
    pytest.skip(SKIP_REASON)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The PostgreSQL server of this test session (given, or started here)."""
    given = os.environ.get(ENV_URL, "").strip()
    if given:
        yield PgServer(given)
        return
    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        unavailable()
        raise AssertionError("unreachable")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield PgServer(cluster.url)
    finally:
        cluster.stop()


@pytest.fixture
def pg_dsn(pg_server: PgServer) -> Iterator[str]:
    """A DSN of a fresh, empty database on the session's server, dropped afterwards."""
    name = pg_server.create_database()
    try:
        yield pg_server.dsn_for(name)
    finally:
        pg_server.drop_database(name)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line at the end of the run when PostgreSQL tests were skipped (also under -q)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if SKIP_REASON in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"{SKIP_REASON} ({len(skipped)} tests)", yellow=True)
