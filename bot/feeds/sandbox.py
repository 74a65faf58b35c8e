"""Run parsing in a throw-away child process with hard CPU and memory limits.

A thread cannot be stopped, so every feed parse and page extraction runs in a process that the
kernel stops. A helper process (one per worker slot, spawned once, single-threaded, with the
parsers already imported) forks one child per job. The child lowers RLIMIT_CPU and RLIMIT_AS
before it starts: past its CPU budget it gets SIGXCPU (and SIGKILL one second later), past its
memory budget MemoryError. Either way the job ends as a `ParseLimit` that says which limit, and
nothing of the job outlives it. Any other exception in the job becomes a `FeedError`.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import pickle
import queue
import resource
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, NoReturn, TypeVar

from bot.feeds.errors import FeedError, ParseLimit
from bot.settings import FetchConfig

T = TypeVar("T")
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class JobLimits:
    """What one job may use: CPU seconds and memory on top of the helper's own."""

    cpu_seconds: int = 5
    memory_mb: int = 300

    def wall_seconds(self) -> float:
        """A last-resort wall-clock bound (the CPU limit normally ends a job long before)."""
        return 30.0 + 10.0 * self.cpu_seconds


def limits_for(config: FetchConfig) -> JobLimits:
    """The job limits a fetch config sets (`parse_cpu_seconds`, `parse_memory_mb`)."""
    return JobLimits(config.parse_cpu_seconds, config.parse_memory_mb)


class _CpuLimit(BaseException):
    """Raised inside a job by SIGXCPU (a BaseException so no `except Exception` swallows it)."""


def _on_xcpu(signum: int, frame: object) -> NoReturn:
    raise _CpuLimit


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _limit(limits: JobLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXCPU, _on_xcpu)
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    base = _address_space()
    if base is not None:
        cap = base + limits.memory_mb * _MB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _run_job(job: bytes) -> bytes:
    out_of_memory = pickle.dumps(("memory", None))
    try:
        fn, args, kwargs, limits = pickle.loads(job)
        _limit(limits)
        outcome: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except _CpuLimit:
        outcome = ("cpu", None)
    except MemoryError:
        return out_of_memory
    except FeedError as exc:
        outcome = ("feed", exc)
    except BaseException as exc:  # the job's own failure, reported to the caller in words
        outcome = ("error", f"{type(exc).__name__}: {exc}"[:500])
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return out_of_memory
    except _CpuLimit:
        return pickle.dumps(("cpu", None))


def _child(job: bytes, fd: int) -> NoReturn:
    try:
        data = _run_job(job)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    parts = []
    while chunk := os.read(fd, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


_WARM_FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>w</title><item>'
              b'<title>w</title><link>https://w.example/</link><description>&lt;p&gt;w&lt;/p&gt;'
              b'</description></item></channel></rss>')
_WARM_PAGE = (b"<html><head><title>w</title></head><body><article><p>" + b"Warm words. " * 40
              + b"</p></article></body></html>")


def _warm_up() -> None:
    """Import the parsers and run each once, so every child inherits their warm caches."""
    from bot.feeds.extract import extract_article
    from bot.feeds.parser import parse_feed

    try:
        parse_feed(_WARM_FEED, url="https://w.example/feed")
        extract_article(_WARM_PAGE, "https://w.example/")
    except Exception:  # a warm-up failure only costs speed
        pass
    gc.collect()
    gc.freeze()  # children's collections then skip (and do not copy) the inherited heap


def _helper_main(conn: Connection) -> None:
    """The helper process: fork a limited child per job and relay what it wrote."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.disable(logging.WARNING)  # the parent reports outcomes; no unformatted noise
    _warm_up()

    while True:
        try:
            job = conn.recv_bytes()
        except (EOFError, OSError):
            return
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(job, w)
        os.close(w)
        data = _read_all(r)
        os.close(r)
        _, status = os.waitpid(pid, 0)
        if not data:
            sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            kind = "cpu" if sig in (signal.SIGXCPU, signal.SIGKILL) else "died"
            data = pickle.dumps((kind, sig or os.waitstatus_to_exitcode(status)))
        try:
            conn.send_bytes(data)
        except OSError:
            return


class _Helper:
    """One helper process and the parent's end of its pipe."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_helper_main, args=(theirs,), daemon=True,
                                   name="policywire-parse")
        self.process.start()
        theirs.close()

    def call(self, job: bytes, timeout: float) -> bytes | None:
        """The child's answer, or None when none came within `timeout` seconds."""
        self.conn.send_bytes(job)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv_bytes()

    def close(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class Sandbox:
    """Runs functions of `bot.feeds` under `JobLimits`, at most `workers` at a time."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: queue.SimpleQueue[_Helper] = queue.SimpleQueue()
        self._all: set[_Helper] = set()
        self._lock = threading.Lock()

    def helper_pids(self) -> list[int]:
        """Process ids of the helper processes (for tests and diagnostics)."""
        with self._lock:
            return [h.process.pid for h in self._all if h.process.pid is not None]

    def _take(self) -> _Helper:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            helper = _Helper()
            with self._lock:
                self._all.add(helper)
            return helper

    def _drop(self, helper: _Helper) -> None:
        with self._lock:
            self._all.discard(helper)
        helper.close()

    def run(self, limits: JobLimits, what: str, fn: Callable[..., T], *args: Any,
            **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` in a limited child process; blocks the calling thread.

        `what` names the job in errors ("parsing the feed took more than 5 s of CPU").
        """
        job = pickle.dumps((fn, args, kwargs, limits), protocol=pickle.HIGHEST_PROTOCOL)
        with self._slots:
            helper = self._take()
            try:
                data = helper.call(job, limits.wall_seconds())
            except (EOFError, OSError) as exc:
                self._drop(helper)
                raise FeedError(f"{what} failed: the process went away "
                                f"({exc or type(exc).__name__})") from exc
            except BaseException:
                self._drop(helper)
                raise
            if data is None:
                self._drop(helper)
                raise ParseLimit(f"{what} gave no answer within {limits.wall_seconds():g} s")
            self._idle.put(helper)
        kind, value = pickle.loads(data)
        if kind == "ok":
            result: T = value
            return result
        if kind == "cpu":
            raise ParseLimit(f"{what} took more than {limits.cpu_seconds} s of CPU")
        if kind == "memory":
            raise ParseLimit(f"{what} needed more than {limits.memory_mb} MB of memory")
        if kind == "feed":
            raise value
        if kind == "died":
            raise FeedError(f"{what} failed: the process died (status {value})")
        raise FeedError(f"{what} failed: {value}")

    async def run_async(self, limits: JobLimits, what: str, fn: Callable[..., T], *args: Any,
                        **kwargs: Any) -> T:
        """`run` without blocking the event loop."""
        return await asyncio.to_thread(self.run, limits, what, fn, *args, **kwargs)

    def close(self) -> None:
        """Stop every helper process."""
        while True:
            try:
                helper = self._idle.get_nowait()
            except queue.Empty:
                break
            self._drop(helper)


_SHARED: Sandbox | None = None
_SHARED_LOCK = threading.Lock()


def shared_sandbox() -> Sandbox:
    """The process-wide sandbox (helpers start on first use and stop at exit)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Sandbox(workers=max(1, min(4, os.cpu_count() or 2)))
        return _SHARED


__all__ = ["JobLimits", "Sandbox", "limits_for", "shared_sandbox"]
