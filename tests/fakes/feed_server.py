"""A local aiohttp server that serves feeds, hostile responses and a directory of files.

Start it with `async with FeedServer(root=...) as srv:`; `srv.url("/feed/basic")` gives an address
on an ephemeral loopback port and `srv.requests` records (path, headers) of every request.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import brotli
from aiohttp import web

from tests.fakes import feed_fixtures as fx

_HEADER_LINE = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.+?)\s*$", re.M)
_TYPES = {".xml": "application/xml", ".json": "application/feed+json", ".html": "text/html"}
ETAG = '"v1-abc"'
LAST_MODIFIED = "Mon, 06 May 2024 10:00:00 GMT"


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request the server saw."""

    path: str
    query: str
    headers: dict[str, str]


def file_headers(data: bytes) -> dict[str, str]:
    """`Header:` lines from a feedparser test file's leading comment (any UTF-16/32 too)."""
    head = data[:4096].replace(b"\x00", b"")
    return {k.decode().title(): v.decode("latin-1") for k, v in _HEADER_LINE.findall(head)}


@functools.cache
def _bomb(encoding: str) -> bytes:
    """32 MiB of zeros compressed to a few KB (built once per process, quickly)."""
    zeros = b"\0" * (32 * 1024 * 1024)
    if encoding == "gzip":
        return gzip.compress(zeros, compresslevel=6)
    return brotli.compress(zeros, quality=4)


class FeedServer:
    """Routes for every fetch/parse case; `root` (optional) is served under /files/."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.requests: list[Recorded] = []
        self.churn = 0
        self._runner: web.AppRunner | None = None
        self.base = ""
        self.in_flight = 0
        self.max_in_flight = 0

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server."""
        return self.base + path

    def requests_to(self, path: str) -> list[Recorded]:
        """Recorded requests whose path equals `path`."""
        return [r for r in self.requests if r.path == path]

    async def __aenter__(self) -> FeedServer:
        app = web.Application(middlewares=[self._record])
        r = app.router
        r.add_get("/files/{name:.+}", self._file)
        r.add_get("/feed/basic", self._text(fx.BASIC, "application/rss+xml"))
        r.add_get("/feed/guidless", self._text(fx.GUIDLESS, "application/rss+xml"))
        r.add_get("/feed/cp1252", self._raw(fx.CP1252, "application/rss+xml; charset=windows-1252"))
        r.add_get("/feed/latin1", self._raw(fx.LATIN1, "text/xml; charset=ISO-8859-1"))
        r.add_get("/feed/wrong-type", self._text(fx.BASIC, "text/plain"))
        r.add_get("/feed/json", self._text(fx.JSON_FEED, "application/feed+json"))
        r.add_get("/feed/json-untyped", self._text(fx.JSON_FEED, "text/plain"))
        r.add_get("/feed/churn", self._churn)
        r.add_get("/feed/story/{outlet}", self._story)
        r.add_get("/feed/etag", self._etag)
        r.add_get("/html", self._text(fx.HTML_PAGE, "text/html"))
        r.add_get("/article", self._text(fx.ARTICLE_HTML, "text/html"))
        r.add_get("/bomb/billion-laughs", self._text(fx.BILLION_LAUGHS, "application/rss+xml"))
        r.add_get("/bomb/quadratic", self._text(fx.QUADRATIC, "application/rss+xml"))
        r.add_get("/bomb/external", self._text(fx.EXTERNAL_ENTITY, "application/rss+xml"))
        r.add_get("/bomb/{enc:gzip|br}", self._bomb)
        r.add_get("/gzip/basic", self._raw(gzip.compress(fx.BASIC.encode()), "text/xml", "gzip"))
        r.add_get("/br/basic", self._raw(brotli.compress(fx.BASIC.encode()), "text/xml", "br"))
        r.add_get("/status/{code:\\d+}", self._status)
        r.add_get("/retry/{code:\\d+}", self._retry)
        r.add_get("/slow", self._slow)
        r.add_get("/huge", self._huge)
        r.add_get("/redirect", self._redirect)
        r.add_get("/loop/{n:\\d+}", self._loop)
        r.add_get("/chain/{n:\\d+}", self._chain)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base = f"http://{host}:{port}"
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _record(self, request: web.Request, handler: web.Handler) -> web.StreamResponse:
        self.requests.append(Recorded(request.path, request.query_string, dict(request.headers)))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            self.in_flight -= 1

    @staticmethod
    def _text(body: str, ctype: str) -> web.Handler:
        return FeedServer._raw(body.encode("utf-8"), ctype)

    @staticmethod
    def _raw(body: bytes, ctype: str, encoding: str | None = None) -> web.Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            headers = {"Content-Type": ctype}
            if encoding:
                headers["Content-Encoding"] = encoding
            return web.Response(body=body, headers=headers)

        return handler

    async def _bomb(self, request: web.Request) -> web.StreamResponse:
        enc = request.match_info["enc"]
        headers = {"Content-Type": "application/rss+xml", "Content-Encoding": enc}
        return web.Response(body=_bomb(enc), headers=headers)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        if self.root is None:
            raise web.HTTPNotFound()
        path = (self.root / request.match_info["name"]).resolve()
        if not path.is_file() or self.root.resolve() not in path.parents:
            raise web.HTTPNotFound()
        data = path.read_bytes()
        headers = file_headers(data)
        headers.setdefault("Content-Type", _TYPES.get(path.suffix, "application/octet-stream"))
        return web.Response(body=data, headers=headers)

    async def _churn(self, request: web.Request) -> web.StreamResponse:
        self.churn += 1
        stamp = f"Thu, 09 May 2024 10:{self.churn % 60:02d}:00 GMT"
        body = fx.rss("Churning feed", [
            fx.item("Same story, new stamp", "https://news.example/churn?utm_medium=rss",
                    stamp, f"Unchanged text. Checked at 10:{self.churn % 60:02d} GMT.",
                    guid="churn-1"),
        ])
        return web.Response(text=body, content_type="application/rss+xml")

    async def _story(self, request: web.Request) -> web.StreamResponse:
        outlet = request.match_info["outlet"]
        if outlet not in fx.STORY:
            raise web.HTTPNotFound()
        return web.Response(text=fx.story_feed(outlet), content_type="application/rss+xml")

    async def _etag(self, request: web.Request) -> web.StreamResponse:
        headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-None-Match") == ETAG or (
            request.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return web.Response(status=304, headers=headers)
        return web.Response(text=fx.BASIC, content_type="application/rss+xml", headers=headers)

    async def _status(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=int(request.match_info["code"]), text="no feed for you")

    async def _retry(self, request: web.Request) -> web.StreamResponse:
        after = request.query.get("after", "120")
        return web.Response(status=int(request.match_info["code"]), headers={"Retry-After": after})

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        interval = float(request.query.get("interval", "0.05"))
        try:
            for _ in range(int(request.query.get("count", "10000"))):
                await resp.write(b" ")
                await asyncio.sleep(interval)
            await resp.write_eof()
        except ConnectionError:
            pass  # the client gave up, as it should
        return resp

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        chunk = b"<!-- padding -->" * 4096
        try:
            for _ in range(int(request.query.get("mib", "64")) * 16):
                await resp.write(chunk)
            await resp.write_eof()
        except ConnectionError:
            pass  # the client stopped at its cap
        return resp

    async def _redirect(self, request: web.Request) -> web.StreamResponse:
        code = int(request.query.get("code", "302"))
        return web.Response(status=code, headers={"Location": request.query["to"]})

    async def _loop(self, request: web.Request) -> web.StreamResponse:
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/loop/{(n + 1) % 3}")

    async def _chain(self, request: web.Request) -> web.StreamResponse:
        n = int(request.match_info["n"])
        raise web.HTTPMovedPermanently("/feed/basic" if n <= 0 else f"/chain/{n - 1}")
