"""The ops endpoint over real HTTP on an ephemeral port: health probes and metrics scrapes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest

from bot.metrics import Metrics
from bot.ops.server import OpsServer, pending_alerts_refresher, standard_checks
from bot.scheduler import Scheduler
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., object]]:
    """Start OpsServers on port 0; stop them all afterwards."""
    started: list[OpsServer] = []

    async def _start(metrics: Metrics, checks: dict, **kw: object) -> OpsServer:
        server = OpsServer("127.0.0.1", 0, metrics, checks, **kw)  # type: ignore[arg-type]
        await server.start()
        started.append(server)
        return server

    yield _start
    for server in started:
        await server.stop()


async def _get(url: str) -> tuple[int, str, dict | str]:
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        ctype = resp.headers.get("Content-Type", "")
        body = await resp.json() if "json" in ctype else await resp.text()
        return resp.status, ctype, body


async def test_healthz_ok_when_every_check_passes(serve, tmp_path) -> None:
    store = await Store.open(tmp_path / "pw.db")
    try:
        async def adapters() -> bool:
            return True

        server = await serve(Metrics(), {
            "store": store.ping, "adapters": adapters, "scheduler": lambda: True,
        })
        assert server.port > 0
        status, ctype, body = await _get(f"{server.url}/healthz")
        assert status == 200
        assert ctype.startswith("application/json")
        assert body == {"status": "ok", "probe": "ready",
                        "checks": {"store": True, "adapters": True, "scheduler": True}}
    finally:
        await store.close()


async def test_healthz_503_when_a_check_fails_or_raises(serve) -> None:
    def broken() -> bool:
        raise RuntimeError("scheduler gone")

    server = await serve(Metrics(), {"store": lambda: True, "adapters": lambda: False,
                                     "scheduler": broken})
    status, _, body = await _get(f"{server.url}/healthz")
    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"] == {"store": True, "adapters": False, "scheduler": False}


async def test_hanging_check_yields_503_not_a_hung_probe(serve) -> None:
    never = asyncio.Event()

    async def hung_store() -> bool:
        await never.wait()
        return True

    server = await serve(Metrics(), {"store": hung_store, "scheduler": lambda: True},
                         check_timeout=0.2)
    status, _, body = await asyncio.wait_for(_get(f"{server.url}/healthz"), 10)
    assert status == 503
    assert body["checks"] == {"store": False, "scheduler": True}


async def test_liveness_answers_even_when_readiness_fails(serve) -> None:
    server = await serve(Metrics(), {"adapters": lambda: False})
    live = await _get(f"{server.url}/healthz?probe=live")
    ready = await _get(f"{server.url}/healthz?probe=ready")
    bad = await _get(f"{server.url}/healthz?probe=sideways")
    assert live[0] == 200 and live[2]["status"] == "ok"
    assert "checks" not in live[2]
    assert ready[0] == 503
    assert bad[0] == 400


async def test_draining_makes_readiness_fail(serve) -> None:
    server = await serve(Metrics(), {"store": lambda: True})
    server.draining = True
    status, _, body = await _get(f"{server.url}/healthz")
    assert status == 503
    assert body["status"] == "draining"
    assert body["checks"] == {"store": True}


async def test_metrics_endpoint_serves_prometheus_text(serve) -> None:
    metrics = Metrics()
    metrics.article_ingested()
    metrics.alert_sent("discord")
    metrics.observe_command("search", 0.02, True)
    server = await serve(metrics, {})
    status, ctype, body = await _get(f"{server.url}/metrics")
    assert status == 200
    assert ctype.startswith("text/plain")
    assert "version=0.0.4" in ctype
    assert isinstance(body, str)
    assert "policywire_articles_ingested_total 1.0" in body
    assert 'policywire_alerts_sent_total{platform="discord"} 1.0' in body
    assert 'policywire_command_seconds_count{command="search"} 1.0' in body
    assert "process_resident_memory_bytes" in body


async def test_metrics_scrape_refreshes_pending_from_the_store(serve, tmp_path) -> None:
    store = await Store.open(tmp_path / "pw.db")
    try:
        for i, state in enumerate(("pending", "held", "sent", "sending", "failed")):
            await store.outbox.enqueue([Outgoing(
                key=f"k{i}", article_id=None, platform="console", channel_id="c", kind="article",
                card="{}", state=state)])
        metrics = Metrics()
        server = await serve(metrics, {}, before_scrape=pending_alerts_refresher(
            store.deliveries.counts, metrics))
        _, _, body = await _get(f"{server.url}/metrics")
        assert "policywire_alerts_pending 3.0" in body
    finally:
        await store.close()


async def test_two_servers_and_stop_releases_the_port(serve) -> None:
    a = await serve(Metrics(), {})
    b = await serve(Metrics(), {})
    assert a.port != b.port
    await a.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await _get(f"{a.url}/healthz?probe=live")
    assert (await _get(f"{b.url}/healthz?probe=live"))[0] == 200


class _Adapter:
    def __init__(self, connected: bool) -> None:
        self.connected = connected


async def test_standard_checks_follow_store_adapters_and_scheduler(serve, tmp_path) -> None:
    store = await Store.open(tmp_path / "pw.db")
    scheduler = Scheduler()
    adapters = [_Adapter(True), _Adapter(True)]
    server = await serve(Metrics(), standard_checks(store, lambda: adapters, scheduler))
    try:
        status, _, body = await _get(f"{server.url}/healthz")
        assert status == 503
        assert body["checks"] == {"store": True, "adapters": True, "scheduler": False}
        scheduler.start()
        assert (await _get(f"{server.url}/healthz"))[0] == 200
        adapters[1].connected = False
        status, _, body = await _get(f"{server.url}/healthz")
        assert status == 503 and body["checks"]["adapters"] is False
        adapters[1].connected = True
        await store.close()
        status, _, body = await _get(f"{server.url}/healthz")
        assert status == 503 and body["checks"]["store"] is False
    finally:
        scheduler.shutdown()
        await store.close()
