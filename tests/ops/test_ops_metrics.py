"""Metrics: each app has its own registry and the text exposition carries every series."""

from __future__ import annotations

from bot.chat.router import LatencyObserver
from bot.metrics import Metrics


def test_render_contains_series_after_observations() -> None:
    m = Metrics()
    m.article_ingested()
    m.article_ingested(2)
    m.alert_sent("slack")
    m.alert_failed("discord", permanent=True)
    m.alert_failed("discord", permanent=False)
    m.feed_error("timeout")
    m.feed_poll("new")
    m.set_alerts_pending(7)
    m.observe_command("figures", 0.004, True)
    m.observe_command("figures", 1.5, False)
    m.loop_lag_observed(0.02, 0.02)

    text = m.render().decode()
    assert "policywire_articles_ingested_total 3.0" in text
    assert 'policywire_alerts_sent_total{platform="slack"} 1.0' in text
    assert 'policywire_alerts_failed_total{permanent="true",platform="discord"} 1.0' in text
    assert 'policywire_alerts_failed_total{permanent="false",platform="discord"} 1.0' in text
    assert 'policywire_feed_errors_total{reason="timeout"} 1.0' in text
    assert 'policywire_feed_polls_total{outcome="new"} 1.0' in text
    assert "policywire_alerts_pending 7.0" in text
    assert 'policywire_command_seconds_bucket{command="figures",le="0.005"} 1.0' in text
    assert 'policywire_command_seconds_count{command="figures"} 2.0' in text
    assert 'policywire_commands_total{command="figures",outcome="error"} 1.0' in text
    assert "policywire_event_loop_lag_seconds_count 1.0" in text
    assert "policywire_event_loop_lag_max_seconds 0.02" in text
    assert "# TYPE policywire_command_seconds histogram" in text


def test_registries_are_independent() -> None:
    a, b = Metrics(process_metrics=False), Metrics(process_metrics=False)
    a.alert_sent("console")
    assert a.value("policywire_alerts_sent_total", {"platform": "console"}) == 1.0
    assert b.value("policywire_alerts_sent_total", {"platform": "console"}) is None


def test_observe_command_is_a_router_latency_observer() -> None:
    m = Metrics(known_commands=["entity", "figures"])
    observer: LatencyObserver = m.observe_command
    observer("entity", 0.01, True)
    observer("no-such-thing", 0.01, False)
    observer("Robert'); DROP", 0.01, False)
    assert m.value("policywire_command_seconds_count", {"command": "entity"}) == 1.0
    assert m.value("policywire_command_seconds_count", {"command": "other"}) == 2.0


def test_command_labels_are_capped_without_a_known_list() -> None:
    m = Metrics(max_command_labels=2, process_metrics=False)
    for name in ("a", "b", "c", "d"):
        m.observe_command(name, 0.001, True)
    assert m.value("policywire_command_seconds_count", {"command": "b"}) == 1.0
    assert m.value("policywire_command_seconds_count", {"command": "other"}) == 2.0


def test_pending_gauge_can_read_a_callback_at_scrape_time() -> None:
    m = Metrics(process_metrics=False)
    queue = [1, 2, 3]
    m.alerts_pending_from(lambda: len(queue))
    assert "policywire_alerts_pending 3.0" in m.render().decode()
    queue.pop()
    assert "policywire_alerts_pending 2.0" in m.render().decode()
