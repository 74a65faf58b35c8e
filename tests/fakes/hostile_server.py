"""A local aiohttp server that serves whatever bytes and headers a test registers.

`srv.serve("/x", body, {"Content-Type": ...})` publishes a response at `srv.url("/x")`; `hits`
counts requests per path. The hostile payloads themselves come from `tests/security/payloads.py`.
"""

from __future__ import annotations

from collections import Counter
from types import TracebackType

from aiohttp import web


class HostileServer:
    """Raw responses on an ephemeral loopback port."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.hits: Counter[str] = Counter()
        self.base = ""
        self._runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        """Absolute URL of `path`."""
        return self.base + path

    def serve(self, path: str, body: bytes | str, headers: dict[str, str] | None = None) -> str:
        """Answer GET `path` with `body` and `headers` (default Content-Type: RSS); its URL."""
        raw = body.encode() if isinstance(body, str) else body
        self.routes[path] = (raw, headers or {"Content-Type": "application/rss+xml"})
        return self.url(path)

    async def __aenter__(self) -> HostileServer:
        app = web.Application(client_max_size=1024)
        app.router.add_get("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base = f"http://{host}:{port}"
        return self

    async def __aexit__(self, et: type[BaseException] | None, ev: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.hits[request.path] += 1
        if request.path not in self.routes:
            raise web.HTTPNotFound()
        body, headers = self.routes[request.path]
        return web.Response(body=body, headers=headers)
