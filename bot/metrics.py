"""Prometheus metrics for one running bot, kept in a registry of its own.

Each `Metrics` owns a private `CollectorRegistry`, so several apps can live in one process (tests)
without clashing on the global default registry. Only stdlib and prometheus_client are imported:
this module sits in the bottom layer beside bot.domain and bot.settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, generate_latest

# Slash commands take 1 ms (a cached lookup) up to the platform's 3 s acknowledgement limit.
COMMAND_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0)
# A healthy loop is late by well under a millisecond; anything past 100 ms is a stall.
LOOP_LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

_COMMAND_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
OTHER_COMMAND = "other"


class Metrics:
    """Counters, gauges and histograms of PolicyWire, rendered in the Prometheus text format."""

    content_type = CONTENT_TYPE_PLAIN_0_0_4

    def __init__(
        self,
        *,
        known_commands: Iterable[str] | None = None,
        max_command_labels: int = 64,
        process_metrics: bool = True,
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        reg = self.registry
        self._known = {c.lower() for c in known_commands} if known_commands is not None else None
        self._max_command_labels = max_command_labels
        self._command_labels: set[str] = set()
        self.articles_ingested = Counter(
            "policywire_articles_ingested", "Articles stored (new, after de-duplication).",
            registry=reg)
        self.alerts_sent = Counter(
            "policywire_alerts_sent", "Alerts the platform accepted.", ["platform"], registry=reg)
        self.alerts_failed = Counter(
            "policywire_alerts_failed", "Alert send attempts that failed.",
            ["platform", "permanent"], registry=reg)
        self.alerts_pending = Gauge(
            "policywire_alerts_pending", "Deliveries not yet final (pending, sending or held).",
            registry=reg)
        self.feed_errors = Counter(
            "policywire_feed_errors", "Feed fetch or parse errors by reason.", ["reason"],
            registry=reg)
        self.feed_polls = Counter(
            "policywire_feed_polls", "Feed polls by outcome.", ["outcome"], registry=reg)
        self.command_seconds = Histogram(
            "policywire_command_seconds", "Time to answer a slash command.", ["command"],
            buckets=COMMAND_BUCKETS, registry=reg)
        self.commands = Counter(
            "policywire_commands", "Slash commands answered, by outcome.", ["command", "outcome"],
            registry=reg)
        self.loop_lag = Histogram(
            "policywire_event_loop_lag_seconds", "How late the event loop woke a timer.",
            buckets=LOOP_LAG_BUCKETS, registry=reg)
        self.loop_lag_max = Gauge(
            "policywire_event_loop_lag_max_seconds", "Largest event-loop lag seen since start.",
            registry=reg)
        if process_metrics:
            ProcessCollector(registry=reg)

    # -- observations ---------------------------------------------------------------------

    def observe_command(self, name: str, seconds: float, ok: bool) -> None:
        """Record one command's latency (the router's `LatencyObserver`)."""
        label = self._command_label(name)
        self.command_seconds.labels(command=label).observe(max(0.0, seconds))
        self.commands.labels(command=label, outcome="ok" if ok else "error").inc()

    def article_ingested(self, n: int = 1) -> None:
        """Count newly stored articles."""
        self.articles_ingested.inc(n)

    def alert_sent(self, platform: str) -> None:
        """Count an alert the platform accepted."""
        self.alerts_sent.labels(platform=platform).inc()

    def alert_failed(self, platform: str, permanent: bool) -> None:
        """Count a failed send; `permanent` failures are not retried."""
        self.alerts_failed.labels(platform=platform, permanent=str(bool(permanent)).lower()).inc()

    def feed_error(self, reason: str) -> None:
        """Count a feed error (e.g. "timeout", "http_5xx", "parse", "too_large")."""
        self.feed_errors.labels(reason=reason or "unknown").inc()

    def feed_poll(self, outcome: str) -> None:
        """Count a feed poll (e.g. "new", "unchanged", "not_modified", "error", "skipped")."""
        self.feed_polls.labels(outcome=outcome or "unknown").inc()

    def set_alerts_pending(self, n: int) -> None:
        """Set the number of deliveries not yet final."""
        self.alerts_pending.set(n)

    def alerts_pending_from(self, source: Callable[[], float]) -> None:
        """Read the pending count from `source` at every scrape instead (must be cheap, sync)."""
        self.alerts_pending.set_function(source)

    def loop_lag_observed(self, seconds: float, max_seconds: float) -> None:
        """Record one event-loop lag sample and the running maximum."""
        self.loop_lag.observe(max(0.0, seconds))
        self.loop_lag_max.set(max_seconds)

    # -- exposition -----------------------------------------------------------------------

    def render(self) -> bytes:
        """All series in the Prometheus text exposition format."""
        return generate_latest(self.registry)

    def value(self, name: str, labels: dict[str, str] | None = None) -> float | None:
        """The current value of one sample (e.g. "policywire_alerts_sent_total"), for tests/CLI."""
        return self.registry.get_sample_value(name, labels or {})

    def _command_label(self, name: str) -> str:
        name = (name or "").lower()
        if not _COMMAND_NAME.match(name):
            return OTHER_COMMAND
        if self._known is not None:
            return name if name in self._known else OTHER_COMMAND
        if name in self._command_labels:
            return name
        if len(self._command_labels) >= self._max_command_labels:
            return OTHER_COMMAND
        self._command_labels.add(name)
        return name
