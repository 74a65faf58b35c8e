"""`PollLog`: changes and errors one INFO line each; 304s and same bodies at DEBUG, counted
into one INFO summary per period; the outcome names are the metrics'."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.feed_rules import PollLog, PollReport

URL = "https://example.org/feed.xml"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level]


def test_unchanged_polls_are_counted_into_one_summary(caplog: pytest.LogCaptureFixture) -> None:
    clock, log = Clock(), logging.getLogger("test.poll_log")
    polls = PollLog(log, every=60, clock=clock)
    caplog.set_level(logging.DEBUG, logger=log.name)
    outcomes = [polls.polled(PollReport(URL, not_modified=True)),
                polls.polled(PollReport(URL, same_body=True)),
                polls.polled(PollReport(URL, new=2)),
                polls.polled(PollReport(URL, error="timeout"))]
    assert outcomes == ["not_modified", "unchanged", "ok", "error"]
    assert len(_lines(caplog, logging.INFO)) == 2  # the change and the error
    assert len(_lines(caplog, logging.DEBUG)) == 2
    clock.now = 61
    polls.polled(PollReport(URL, not_modified=True))
    summary = _lines(caplog, logging.INFO)[-1]
    assert "2 not modified (304), 1 same body" in summary
    assert polls.quiet == {"not_modified": 0, "unchanged": 0}
    polls.polled(PollReport(URL, same_body=True))  # the next period has just begun
    assert len(_lines(caplog, logging.INFO)) == 3


def test_at_info_unchanged_polls_write_no_line_of_their_own(
        caplog: pytest.LogCaptureFixture) -> None:
    polls = PollLog(logging.getLogger("test.poll_log"), every=60, clock=Clock())
    caplog.set_level(logging.INFO, logger="test.poll_log")
    for _ in range(5):
        polls.polled(PollReport(URL, not_modified=True))
    assert caplog.records == [] and polls.quiet["not_modified"] == 5
