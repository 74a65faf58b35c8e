"""SSRF guard: only http(s) URLs whose host resolves to public addresses may be fetched.

`check_url` vets a URL before each request (every redirect hop), and `GuardedResolver` wraps the
resolver the HTTP connector uses, so the address actually connected to is one that passed the same
check (a DNS answer that changes between check and connect cannot sneak a private address in).
The `Fetcher` gives both one `CachingResolver`: a host name is looked up once per TTL, the guard
checks every address of that answer and the connector connects to those same addresses (and
checks them again); an answer looked up anew after the TTL is checked anew.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from bot.domain.errors import FeedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_V = TypeVar("_V")
_Refusal = tuple[float, type[OSError], tuple[object, ...]]

# Names that point at cloud metadata services; refused before any lookup.
BLOCKED_NAMES = frozenset(
    {
        "metadata.google.internal",
        "metadata.goog",
        "metadata",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
# Hosts made only of numbers/hex in any dotting ("2130706433", "0x7f.1", "0177.0.0.1", "127.1").
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?$", re.I)


_V6_LOOPBACK = ipaddress.IPv6Address("::1")


class BlockedAddress(FeedError, OSError):
    """A host resolved to an address the guard refuses (also an OSError for the connector)."""


def address_problem(ip: IPAddress, *, allow_loopback: bool) -> str | None:
    """Why `ip` may not be fetched from, in words, or None when it is a public address."""
    if allow_loopback and ip.is_loopback and (ip.version == 4 or ip == _V6_LOOPBACK):
        return None
    if ip in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        for label, inner in (
            ("an IPv4-mapped", ip.ipv4_mapped),
            ("a 6to4", ip.sixtofour),
            ("a Teredo", ip.teredo[1] if ip.teredo else None),
        ):
            if inner is not None:
                why = address_problem(inner, allow_loopback=False)
                if why:
                    return f"{label} form of {why}"
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    for bad, why in checks:
        if bad:
            return why
    return None


def literal_host(host: str) -> IPAddress | None:
    """The address a host string spells literally, or None for a name.

    Raises FeedError for non-canonical numeric forms (decimal, hex, octal, short dotted).
    """
    h = host.strip("[]")
    try:
        return ipaddress.ip_address(h.split("%", 1)[0])
    except ValueError:
        pass
    if _NUMERIC_HOST.match(h):
        raise FeedError(
            f"refused {host!r}: numeric host forms other than a dotted quad are not allowed"
        )
    return None


def _split(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FeedError(f"refused {url!r}: malformed URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FeedError(
            f"refused {url!r}: only http and https URLs may be fetched, not {scheme or 'none'!r}"
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FeedError(f"refused {url!r}: the URL has no host")
    if parts.username or parts.password:
        raise FeedError(f"refused {url!r}: URLs with credentials are not fetched")
    return scheme, host, port or (443 if scheme == "https" else 80)


# The pure parts of a check are kept per URL and per address string, so a feed polled every
# few minutes is not parsed and classified again each time (refusals raise, and are not kept).
_PURE_CACHE = 4096  # entries per cache (a URL is kept only up to _CACHED_URL_CHARS)
_CACHED_URL_CHARS = 2048


@lru_cache(maxsize=_PURE_CACHE)
def _address_problem_of(addr: str, allow_loopback: bool) -> str | None:
    return address_problem(ipaddress.ip_address(addr.split("%", 1)[0]),
                           allow_loopback=allow_loopback)


def check_addresses(host: str, addresses: list[str], *, allow_loopback: bool) -> None:
    """Raise BlockedAddress when any resolved address of `host` is refused."""
    if not addresses:
        raise BlockedAddress(f"refused {host!r}: the name did not resolve to any address")
    for addr in addresses:
        why = _address_problem_of(addr, allow_loopback)
        if why:
            shown = host if host == addr else f"{host} ({addr})"
            raise BlockedAddress(f"refused {shown}: it is {why}")


def _target(url: str, allow_loopback: bool) -> tuple[str, int, str | None]:
    """(host, port, the literal address or None for a name) of a URL the guard lets through
    as far as the URL alone can tell; FeedError with the reason otherwise."""
    _, host, port = _split(url)
    if host in BLOCKED_NAMES or host.endswith(".metadata.google.internal"):
        raise FeedError(f"refused {host!r}: it is a cloud metadata name")
    ip = literal_host(host)
    if ip is None:
        return host, port, None
    check_addresses(host, [str(ip)], allow_loopback=allow_loopback)
    return host, port, str(ip)


_cached_target = lru_cache(maxsize=_PURE_CACHE)(_target)


async def check_url(
    url: str, *, allow_loopback: bool, resolver: AbstractResolver | None = None
) -> str:
    """Vet `url` and return the first resolved address; raise FeedError with the reason."""
    pick = _cached_target if len(url) <= _CACHED_URL_CHARS else _target
    host, port, literal = pick(url, allow_loopback)
    if literal is not None:
        return literal
    own = resolver is None
    res = resolver or ThreadedResolver()
    try:
        infos = await res.resolve(host, port, socket.AF_UNSPEC)
    except OSError as exc:
        raise FeedError(f"could not resolve {host!r}: {exc.strerror or exc}") from exc
    finally:
        if own:
            await res.close()
    addresses = [info["host"] for info in infos]
    check_addresses(host, addresses, allow_loopback=allow_loopback)
    return addresses[0]


DNS_TTL_S = 60.0  # how long a looked-up answer is reused (the system resolver gives no TTL)
# How long a name that did not resolve fails again without a lookup: short, as nscd's 20 s for
# hosts, so a name that comes back is soon used again; long enough that one feed's item pages
# on a dead host cost one lookup (a resolver that times out takes 5 s to say no, every time).
DNS_NEGATIVE_TTL_S = 15.0
DNS_CACHE_MAX = 4096  # names kept; the oldest answer goes first


class CachingResolver(AbstractResolver):
    """A resolver that reuses each answer for `ttl` seconds and looks a name up once at a time.

    A lookup the resolver refused (an OSError: no such name, a timeout) is refused again for
    `negative_ttl` seconds without asking; other failures are not kept. Shared by `check_url`
    and the connector's `GuardedResolver`, so a fetch of a host name costs one lookup (none
    while the answer is fresh), and the addresses connected to are exactly the ones the guard
    checked.
    """

    def __init__(
        self, inner: AbstractResolver | None = None, *, ttl: float = DNS_TTL_S,
        negative_ttl: float = DNS_NEGATIVE_TTL_S, max_entries: int = DNS_CACHE_MAX,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner or ThreadedResolver()
        self._ttl = ttl
        self._negative_ttl = negative_ttl
        self._max = max_entries
        self._clock = clock
        self._answers: dict[tuple[str, int, int], tuple[float, list[ResolveResult]]] = {}
        # (expiry, the refusal's type and args): raised anew, never the same object twice
        self._refusals: dict[tuple[str, int, int], _Refusal] = {}
        self._pending: dict[tuple[str, int, int], asyncio.Future[list[ResolveResult]]] = {}
        self.lookups = 0  # lookups passed to the inner resolver

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The fresh cached answer for (host, port, family), else one looked up now."""
        key = (host.rstrip(".").lower(), port, int(family))
        hit = self._answers.get(key)
        if hit is not None and hit[0] > self._clock():
            return list(hit[1])
        refused = self._refusals.get(key)
        if refused is not None and refused[0] > self._clock():
            raise refused[1](*refused[2])
        pending = self._pending.get(key)
        if pending is not None:
            try:
                return list(await asyncio.shield(pending))
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if not pending.cancelled() or (task is not None and task.cancelling()):
                    raise
                return await self.resolve(host, port, family)  # its first asker was cancelled
        fut: asyncio.Future[list[ResolveResult]] = asyncio.get_running_loop().create_future()
        self._pending[key] = fut
        try:
            self.lookups += 1
            infos = await self._inner.resolve(host, port, family)
        except asyncio.CancelledError:
            fut.cancel()
            raise
        except BaseException as exc:
            if isinstance(exc, OSError) and self._negative_ttl > 0:
                self._keep(self._refusals, key, (self._clock() + self._negative_ttl,
                                                  type(exc), exc.args))
            fut.set_exception(exc)
            fut.exception()  # retrieved: no "never retrieved" warning when nobody waited
            raise
        else:
            fut.set_result(infos)
            self._refusals.pop(key, None)
            if self._ttl > 0:
                self._keep(self._answers, key, (self._clock() + self._ttl, list(infos)))
            return list(infos)
        finally:
            del self._pending[key]

    def _keep(self, table: dict[tuple[str, int, int], _V], key: tuple[str, int, int],
              value: _V) -> None:
        """Put `value` under `key` as the newest entry, the oldest going past `max_entries`."""
        table.pop(key, None)
        table[key] = value
        while len(table) > self._max:
            del table[next(iter(table))]

    def forget(self) -> None:
        """Drop every cached answer and refusal."""
        self._answers.clear()
        self._refusals.clear()

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


class GuardedResolver(AbstractResolver):
    """Resolver for the HTTP connector that refuses names resolving to blocked addresses."""

    def __init__(self, inner: AbstractResolver | None = None, *, allow_loopback: bool) -> None:
        self._inner = inner or ThreadedResolver()
        self._allow_loopback = allow_loopback

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve through the inner resolver and refuse if any answer is blocked."""
        if host.rstrip(".").lower() in BLOCKED_NAMES:
            raise BlockedAddress(f"refused {host!r}: it is a cloud metadata name")
        infos = await self._inner.resolve(host, port, family)
        check_addresses(host, [i["host"] for i in infos], allow_loopback=self._allow_loopback)
        return infos

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


def host_of(url: str) -> str:
    """The lower-cased host of a URL ('' when it has none)."""
    return _cached_host(url) if len(url) <= _CACHED_URL_CHARS else _host(url)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


_cached_host = lru_cache(maxsize=_PURE_CACHE)(_host)

__all__ = ["BlockedAddress", "CachingResolver", "GuardedResolver", "address_problem", "check_url"]
