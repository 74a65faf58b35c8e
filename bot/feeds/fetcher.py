"""The one HTTP fetcher: guarded, bounded, conditional, with manual redirects.

One `aiohttp.ClientSession` per `Fetcher`, created in `start()` and closed in `close()`, and one
`CachingResolver` that the URL guard (`check_url`, every hop) and the connector share: a host
name is looked up once per `dns_ttl` seconds, and the connector connects to the addresses the
guard checked (aiohttp's own DNS cache is off, so there is only this one).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver

from bot.feeds.body import read_capped
from bot.feeds.errors import FeedError, RetryLater
from bot.feeds.guard import (
    DNS_TTL_S,
    BlockedAddress,
    CachingResolver,
    GuardedResolver,
    check_url,
    host_of,
)
from bot.settings import FetchConfig

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(slots=True)
class FetchResult:
    """What one fetch produced (after redirects)."""

    status: int
    final_url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    content_type: str | None = None
    charset: str | None = None
    redirects: list[str] = field(default_factory=list)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _status_words(status: int, reason: str | None) -> str:
    return f"HTTP {status} {reason or ''}".strip()


class SharedHostSlots(Protocol):
    """Per-host slots shared with other processes (bot.store.ports.HostSlots on PostgreSQL)."""

    async def acquire(self, host: str, slots: int) -> int: ...

    async def release(self, host: str, slot: int) -> None: ...


class Fetcher:
    """Fetches URLs through the SSRF guard with the limits of a `FetchConfig`.

    At most `per_host` requests to one host at once: in this process by semaphores, and across
    processes too when `shared_hosts` is given (a slot taken there inside the local one).
    """

    def __init__(
        self, config: FetchConfig, *, resolver: AbstractResolver | None = None,
        dns_ttl: float = DNS_TTL_S, shared_hosts: SharedHostSlots | None = None,
    ) -> None:
        self.config = config
        self.shared_hosts = shared_hosts
        self._inner_resolver = resolver
        self._dns_ttl = dns_ttl
        self.resolver: CachingResolver | None = None  # set by start(); closed by close()
        self._session: aiohttp.ClientSession | None = None
        self._global = asyncio.Semaphore(config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._host_users: dict[str, int] = {}

    async def start(self) -> None:
        """Create the session (idempotent)."""
        if self._session is not None:
            return
        self.resolver = CachingResolver(self._inner_resolver, ttl=self._dns_ttl)
        guarded = GuardedResolver(self.resolver, allow_loopback=self.config.allow_loopback)
        connector = aiohttp.TCPConnector(resolver=guarded, limit=self.config.concurrency,
                                         use_dns_cache=False)
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            trust_env=False,  # no proxies from the environment: they would bypass the guard
            headers={"User-Agent": self.config.user_agent},
            # `fetch` bounds the whole redirect chain with one asyncio.timeout; a second
            # per-request total timer here would only cost a timer handle per request
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.config.connect_timeout),
        )

    async def close(self) -> None:
        """Close the session."""
        if self._session is not None:
            await self._session.close()
            self._session = None
            # the threaded resolver made in start(); a resolver given in is the caller's
            if self.resolver is not None and self._inner_resolver is None:
                await self.resolver.close()
            self.resolver = None

    async def __aenter__(self) -> Fetcher:
        await self.start()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET `url` following at most `max_redirects` guarded redirects; raise FeedError."""
        if self._session is None:
            raise RuntimeError("Fetcher.start() was not called")
        try:
            async with asyncio.timeout(self.config.total_timeout):
                return await self._follow(url, etag, last_modified, accept)
        except TimeoutError as exc:
            raise FeedError(
                f"timed out after {self.config.total_timeout:g} s fetching {url}"
            ) from exc

    async def _follow(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        seen: list[str] = []
        current = url
        while True:
            await check_url(
                current, allow_loopback=self.config.allow_loopback, resolver=self.resolver
            )
            seen.append(current)
            headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate, br"}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            result, location = await self._one(current, headers)
            if location is None:
                result.redirects = seen[:-1]
                return result
            nxt = urljoin(current, location)
            scheme = urlsplit(nxt).scheme.lower()
            if scheme not in ("http", "https"):
                raise FeedError(
                    f"refused redirect from {current} to a {scheme or 'schemeless'} URL"
                )
            if nxt in seen:
                raise FeedError(f"redirect loop: {nxt} was already visited")
            if len(seen) > self.config.max_redirects:
                raise FeedError(f"too many redirects (more than {self.config.max_redirects})")
            log.debug("redirect %s -> %s", current, nxt)
            current = nxt

    async def _one(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, str | None]:
        assert self._session is not None
        host = host_of(url)
        sem = self._hosts.setdefault(host, asyncio.Semaphore(self.config.per_host))
        self._host_users[host] = self._host_users.get(host, 0) + 1
        try:
            async with self._global, sem:
                if self.shared_hosts is None:
                    return await self._request(url, headers)
                slot = await self.shared_hosts.acquire(host, self.config.per_host)
                try:
                    return await self._request(url, headers)
                finally:
                    await self.shared_hosts.release(host, slot)
        finally:
            self._host_users[host] -= 1
            if not self._host_users[host]:
                del self._host_users[host]
                self._hosts.pop(host, None)

    async def _request(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, str | None]:
        assert self._session is not None
        try:
            async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                status = resp.status
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                if status in _REDIRECTS:
                    location = resp.headers.get("Location")
                    if not location:
                        raise FeedError(f"HTTP {status} redirect without a Location header")
                    return FetchResult(status, url, b"", hdrs), location
                if status in (429, 503):
                    after = parse_retry_after(resp.headers.get("Retry-After"))
                    when = f"; retry after {after:g} s" if after is not None else ""
                    raise RetryLater(
                        f"{_status_words(status, resp.reason)} from {url}{when}", after, status
                    )
                if status == 304:
                    return self._result(url, status, b"", hdrs, resp, not_modified=True), None
                if status >= 400:
                    raise FeedError(f"{_status_words(status, resp.reason)} from {url}")
                body = await read_capped(
                    resp.content.iter_chunked(64 * 1024),
                    resp.headers.get("Content-Encoding"),
                    self.config.max_bytes,
                )
                return self._result(url, status, body, hdrs, resp), None
        except BlockedAddress:
            raise
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedAddress):
                raise exc.os_error from None
            raise FeedError(f"could not connect to {host_of(url)}: {exc.os_error}") from exc
        except aiohttp.ClientError as exc:
            raise FeedError(f"request to {url} failed: {exc}") from exc

    @staticmethod
    def _result(
        url: str,
        status: int,
        body: bytes,
        hdrs: Mapping[str, str],
        resp: aiohttp.ClientResponse,
        *,
        not_modified: bool = False,
    ) -> FetchResult:
        ctype = resp.content_type if "content-type" in hdrs else None
        return FetchResult(
            status=status,
            final_url=url,
            body=body,
            headers=dict(hdrs),
            etag=hdrs.get("etag"),
            last_modified=hdrs.get("last-modified"),
            not_modified=not_modified,
            content_type=ctype,
            charset=resp.charset if ctype else None,
        )
