"""The operations HTTP endpoint: GET /healthz (liveness, readiness) and GET /metrics.

Readiness runs every named check concurrently, each under a short timeout, so a hung store turns
into a 503 rather than a hung probe. Liveness (`/healthz?probe=live`) only proves that the process
and its event loop answer.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from aiohttp import web

from bot.metrics import Metrics

log = logging.getLogger(__name__)

Check = Callable[[], Awaitable[bool]] | Callable[[], bool]
BeforeScrape = Callable[[], Awaitable[None]]


class OpsServer:
    """aiohttp server for health probes and Prometheus scrapes; `port=0` picks a free port."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Metrics,
        checks: Mapping[str, Check] | None = None,
        *,
        check_timeout: float = 2.0,
        before_scrape: BeforeScrape | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.metrics = metrics
        self.checks: dict[str, Check] = dict(checks or {})
        self.check_timeout = check_timeout
        self.before_scrape = before_scrape
        self.draining = False
        self._runner: web.AppRunner | None = None

    def build_app(self) -> web.Application:
        """The aiohttp application (routes only; `start()` serves it)."""
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        return app

    async def start(self) -> None:
        """Bind and serve; afterwards `.port` is the bound port."""
        if self._runner is not None:
            return
        runner = web.AppRunner(self.build_app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        addresses = runner.addresses
        if addresses:
            self.port = int(addresses[0][1])
        log.info("ops endpoint listening", extra={"host": self.host, "port": self.port})

    async def stop(self) -> None:
        """Stop serving and release the port."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    @property
    def url(self) -> str:
        """Base URL of the running server."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    async def run_checks(self) -> dict[str, bool]:
        """Run every readiness check concurrently; a raise or a timeout counts as failed."""
        names = list(self.checks)
        results = await asyncio.gather(*(self._run_check(n, self.checks[n]) for n in names))
        return dict(zip(names, results, strict=True))

    async def _run_check(self, name: str, check: Check) -> bool:
        try:
            result = check()
            if inspect.isawaitable(result):
                result = await asyncio.wait_for(result, self.check_timeout)
            return bool(result)
        except TimeoutError:
            log.warning("health check timed out", extra={"check": name})
            return False
        except Exception:
            log.warning("health check raised", extra={"check": name}, exc_info=True)
            return False

    async def _healthz(self, request: web.Request) -> web.Response:
        probe = request.query.get("probe", "ready")
        if probe == "live":
            return web.json_response({"status": "ok", "probe": "live"})
        if probe != "ready":
            return web.json_response(
                {"status": "error", "error": "probe must be 'live' or 'ready'"}, status=400)
        checks = await self.run_checks()
        healthy = all(checks.values()) and not self.draining
        status = "ok" if healthy else ("draining" if self.draining else "failing")
        return web.json_response(
            {"status": status, "probe": "ready", "checks": checks},
            status=200 if healthy else 503,
        )

    async def _metrics(self, request: web.Request) -> web.Response:
        if self.before_scrape is not None:
            try:
                await asyncio.wait_for(self.before_scrape(), self.check_timeout)
            except Exception:
                log.warning("metrics refresh failed; serving the last values", exc_info=True)
        body = self.metrics.render()
        return web.Response(body=body, headers={"Content-Type": self.metrics.content_type})


def pending_alerts_refresher(
    counts: Callable[[], Awaitable[Mapping[str, int]]], metrics: Metrics
) -> BeforeScrape:
    """A `before_scrape` hook setting alerts_pending from delivery counts per state.

    Pass `store.deliveries.counts`; pending, sending and held deliveries count as pending.
    """

    async def refresh() -> None:
        by_state = await counts()
        metrics.set_alerts_pending(
            sum(int(by_state.get(s, 0)) for s in ("pending", "sending", "held")))

    return refresh


def standard_checks(
    store: Any, adapters: Callable[[], Iterable[object]], scheduler: Any | None = None
) -> dict[str, Check]:
    """The usual readiness checks: "store" (`store.ping()`), "adapters" (every adapter in
    `adapters()` has a true `connected`), and "scheduler" (`scheduler.running`) when given."""

    def adapters_connected() -> bool:
        return all(bool(getattr(a, "connected", True)) for a in adapters())

    checks: dict[str, Check] = {"store": store.ping, "adapters": adapters_connected}
    if scheduler is not None:
        checks["scheduler"] = lambda: bool(scheduler.running)
    return checks
