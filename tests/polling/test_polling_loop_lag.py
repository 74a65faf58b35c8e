"""The event loop stays free while a burst of 200 new articles is understood and stored.

No clock is read here (timings belong to bench/perf/loop_lag.py). Instead the Analyzer is probed:
every call must run off the loop's thread, and while a call is running the loop must serve a
callback posted to it from the worker. If the understanding ran on the loop, or blocked it, the
probe would see a running loop in its own thread, or its callback would never be served.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.nlp.analyzer import Analyzer
from tests.polling.conftest import NOW, Rig, feed_xml, news_item

pytestmark = pytest.mark.spacy
SERVE_WAIT = 60.0  # seconds the probe waits for the loop; only reached when the loop is blocked


class LoopProbe:
    """Wraps Analyzer methods: records where each call runs and whether the loop answered."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.loop_thread = threading.get_ident()
        self.calls = 0
        self.on_loop_thread = 0
        self.unserved = 0
        self.articles = 0

    def _running_loop_here(self) -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    def wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def probed(analyzer: Analyzer, articles: Any, *args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if threading.get_ident() == self.loop_thread or self._running_loop_here():
                self.on_loop_thread += 1
                result = method(analyzer, articles, *args, **kwargs)
            else:
                served = threading.Event()
                self.loop.call_soon_threadsafe(served.set)
                result = method(analyzer, articles, *args, **kwargs)
                if not served.wait(SERVE_WAIT):
                    self.unserved += 1
            self.articles += len(result) if isinstance(result, list) else 1
            return result
        return probed


@pytest.mark.slow
async def test_burst_of_200_new_items_is_understood_off_the_loop(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = rig.add_feed("burst", feed_xml("Burst", []))
    await rig.poller.poll(feed)
    probe = LoopProbe(asyncio.get_running_loop())
    monkeypatch.setattr(Analyzer, "analyze", probe.wrap(Analyzer.analyze))
    monkeypatch.setattr(Analyzer, "analyze_many", probe.wrap(Analyzer.analyze_many))
    items = [news_item(1000 + i, NOW - timedelta(minutes=i)) for i in range(200)]
    rig.host.set("burst", feed_xml("Burst", items))
    report = await rig.poller.poll(feed)
    assert report.new == 200 and report.complete
    assert probe.calls > 0 and probe.articles >= 200
    assert probe.on_loop_thread == 0, "the Analyzer ran on the event loop's thread"
    assert probe.unserved == 0, "the loop served nothing while an article was being understood"
