"""A local feed host whose feeds a test can change between polls (ephemeral loopback port).

`host.set(name, xml)` publishes a feed at `host.url(name)`; `host.fail(name, status)` makes it
answer an error; each feed gets an ETag derived from its body, and a matching If-None-Match is
answered with 304. `host.page(name, html)` serves an article page at `host.page_url(name)`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from types import TracebackType

from aiohttp import web


class FeedHost:
    """Mutable feeds and pages served by aiohttp."""

    def __init__(self) -> None:
        self.feeds: dict[str, str] = {}
        self.pages: dict[str, str] = {}
        self.failures: dict[str, tuple[int, dict[str, str]]] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.base = ""
        self._runner: web.AppRunner | None = None

    def url(self, name: str) -> str:
        """Address of feed `name`."""
        return f"{self.base}/f/{name}"

    def page_url(self, name: str) -> str:
        """Address of page `name`."""
        return f"{self.base}/p/{name}"

    def set(self, name: str, xml: str) -> str:
        """Publish (or replace) a feed; returns its URL."""
        self.feeds[name] = xml
        self.failures.pop(name, None)
        return self.url(name)

    def fail(self, name: str, status: int, headers: dict[str, str] | None = None) -> None:
        """Make feed `name` answer `status` until `set` is called again."""
        self.failures[name] = (status, headers or {})

    def page(self, name: str, html: str) -> str:
        """Serve an HTML page; returns its URL."""
        self.pages[name] = html
        return self.page_url(name)

    async def __aenter__(self) -> FeedHost:
        app = web.Application()
        app.router.add_get("/f/{name}", self._feed)
        app.router.add_get("/p/{name}", self._page)
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

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.hits[name] += 1
        if name in self.failures:
            status, headers = self.failures[name]
            return web.Response(status=status, text="unavailable", headers=headers)
        if name not in self.feeds:
            raise web.HTTPNotFound()
        body = self.feeds[name]
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified[name] += 1
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=body, content_type="application/rss+xml",
                            headers={"ETag": etag})

    async def _page(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.hits["page:" + name] += 1
        if name not in self.pages:
            raise web.HTTPNotFound()
        return web.Response(text=self.pages[name], content_type="text/html")
