"""SSRF guard: address table, numeric host forms, schemes, names and resolver answers."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.domain.errors import FeedError
from bot.feeds.guard import CachingResolver, GuardedResolver, address_problem, check_url


class TableResolver(AbstractResolver):
    """A resolver answering from a fixed name -> addresses table (a stand-in for DNS)."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host not in self.table:
            raise OSError(socket.EAI_NONAME, "unknown test name")
        return [
            ResolveResult(hostname=host, host=a, port=port,
                          family=socket.AF_INET6 if ":" in a else socket.AF_INET, proto=0,
                          flags=socket.AI_NUMERICHOST)
            for a in self.table[host]
        ]

    async def close(self) -> None:
        return None


BLOCKED = [
    ("127.0.0.1", "loopback"), ("127.5.4.3", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
    ("100.64.0.1", "not a public"), ("fc00::1", "private"), ("fd12:3456::1", "private"),
    ("169.254.169.254", "metadata"), ("169.254.10.10", "link-local"), ("fe80::1", "link-local"),
    ("fd00:ec2::254", "metadata"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "IPv4-mapped"), ("::ffff:10.1.2.3", "IPv4-mapped"),
    ("::ffff:169.254.169.254", "IPv4-mapped"), ("2002:a00:1::", "6to4"),
    ("192.0.2.10", "private"),
]


@pytest.mark.parametrize(("addr", "why"), BLOCKED)
def test_blocked_addresses_are_refused_with_a_reason(addr: str, why: str) -> None:
    problem = address_problem(ipaddress.ip_address(addr), allow_loopback=False)
    assert problem is not None and why in problem


@pytest.mark.parametrize("addr", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses_pass(addr: str) -> None:
    assert address_problem(ipaddress.ip_address(addr), allow_loopback=False) is None


def test_allow_loopback_lets_only_loopback_through() -> None:
    ok = [a for a, _ in BLOCKED if address_problem(ipaddress.ip_address(a), allow_loopback=True)
          is None]
    assert sorted(ok) == sorted(["127.0.0.1", "127.5.4.3", "::1"])


@pytest.mark.parametrize(
    "url",
    ["http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
     "http://127.1/", "http://017700000001/", "http://10.1/", "http://0/"],
)
async def test_numeric_host_forms_are_refused_even_with_loopback(url: str) -> None:
    with pytest.raises(FeedError, match="numeric host form"):
        await check_url(url, allow_loopback=True)


@pytest.mark.parametrize(
    ("url", "match"),
    [("file:///etc/passwd", "only http and https"), ("ftp://example.com/x", "only http"),
     ("gopher://example.com/", "only http"), ("http:///nohost", "no host"),
     ("http://user:pw@example.com/", "credentials"),
     ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
     ("http://169.254.169.254/latest/meta-data/", "metadata"),
     ("http://[::ffff:7f00:1]/", "IPv4-mapped"), ("http://127.0.0.1:8080/", "loopback")],
)
async def test_bad_urls_are_refused(url: str, match: str) -> None:
    with pytest.raises(FeedError, match=match):
        await check_url(url, allow_loopback=False)


async def test_names_are_checked_after_resolution() -> None:
    resolver = TableResolver(
        {"public.test": ["93.184.216.34"], "sneaky.test": ["93.184.216.34", "10.0.0.1"],
         "inside.test": ["192.168.0.7"], "local.test": ["127.0.0.1"]}
    )
    assert await check_url("https://public.test/feed", allow_loopback=False,
                           resolver=resolver) == "93.184.216.34"
    for name in ("sneaky.test", "inside.test"):
        with pytest.raises(FeedError, match="private"):
            await check_url(f"http://{name}/", allow_loopback=False, resolver=resolver)
    with pytest.raises(FeedError, match="loopback"):
        await check_url("http://local.test/", allow_loopback=False, resolver=resolver)
    assert await check_url("http://local.test/", allow_loopback=True,
                           resolver=resolver) == "127.0.0.1"
    with pytest.raises(FeedError, match="could not resolve"):
        await check_url("http://missing.test/", allow_loopback=False, resolver=resolver)


async def test_guarded_resolver_filters_what_the_connector_gets() -> None:
    inner = TableResolver({"rebind.test": ["10.9.8.7"], "ok.test": ["93.184.216.34"]})
    guarded = GuardedResolver(inner, allow_loopback=False)
    assert [r["host"] for r in await guarded.resolve("ok.test", 80)] == ["93.184.216.34"]
    with pytest.raises(OSError, match="private"):
        await guarded.resolve("rebind.test", 80)


async def test_cached_answer_is_checked_again_once_it_is_looked_up_anew() -> None:
    """A cached answer serves the guard until its TTL ends; the fresh answer after that is
    checked like the first (a name that moves to a private address is then refused)."""
    now = [0.0]
    table = TableResolver({"moves.test": ["93.184.216.34"]})
    cache = CachingResolver(table, ttl=60, clock=lambda: now[0])
    assert await check_url("http://moves.test/", allow_loopback=False,
                           resolver=cache) == "93.184.216.34"
    table.table["moves.test"] = ["10.1.2.3"]
    now[0] = 59.0
    assert await check_url("http://moves.test/", allow_loopback=False,
                           resolver=cache) == "93.184.216.34"
    assert cache.lookups == 1
    now[0] = 60.5
    with pytest.raises(FeedError, match="private"):
        await check_url("http://moves.test/", allow_loopback=False, resolver=cache)
    guarded = GuardedResolver(cache, allow_loopback=False)  # the connector's view: same answer
    with pytest.raises(OSError, match="private"):
        await guarded.resolve("moves.test", 80, socket.AF_UNSPEC)
    assert cache.lookups == 2


async def test_cache_shares_one_lookup_between_askers_and_keeps_a_failure_briefly() -> None:
    """Askers of one name at once share its lookup. A name that does not resolve fails again
    without a lookup for `negative_ttl` seconds (a feed's 200 item pages on a dead host cost
    one lookup, not 200, however slow the resolver is to say no), then is looked up anew."""
    class Slow(TableResolver):
        calls = 0

        async def resolve(self, host, port=0, family=0):  # type: ignore[no-untyped-def]
            Slow.calls += 1
            await asyncio.sleep(0.01)
            return await super().resolve(host, port, family)

    now = [0.0]
    slow = Slow({"one.test": ["93.184.216.34"]})
    cache = CachingResolver(slow, negative_ttl=15, clock=lambda: now[0])
    answers = await asyncio.gather(*(cache.resolve("one.test", 443, socket.AF_UNSPEC)
                                     for _ in range(5)))
    assert Slow.calls == 1 and {a[0]["host"] for a in answers} == {"93.184.216.34"}
    for _ in range(3):
        with pytest.raises(OSError, match="unknown test name") as failed:
            await cache.resolve("missing.test", 80, socket.AF_UNSPEC)
        assert failed.value.errno == socket.EAI_NONAME
    assert Slow.calls == 2 and cache.lookups == 2  # the failure was kept
    with pytest.raises(OSError):
        await cache.resolve("missing.test", 443, socket.AF_UNSPEC)  # another port: its own key
    slow.table["missing.test"] = ["93.184.216.35"]
    now[0] = 14.9
    with pytest.raises(OSError):
        await cache.resolve("missing.test", 80, socket.AF_UNSPEC)
    now[0] = 15.1
    assert (await cache.resolve("missing.test", 80, socket.AF_UNSPEC))[0]["host"] == "93.184.216.35"
    assert Slow.calls == 4


async def test_cancelled_or_unexpected_failures_are_not_kept() -> None:
    """Only a lookup that the resolver answered with an OSError is kept; a cancelled one or a
    bug in the resolver is asked again at once."""
    class Odd(TableResolver):
        calls = 0

        async def resolve(self, host, port=0, family=0):  # type: ignore[no-untyped-def]
            Odd.calls += 1
            if Odd.calls == 1:
                raise ValueError("resolver bug")
            return await super().resolve(host, port, family)

    cache = CachingResolver(Odd({"odd.test": ["93.184.216.36"]}), negative_ttl=15)
    with pytest.raises(ValueError):
        await cache.resolve("odd.test", 80, socket.AF_UNSPEC)
    assert (await cache.resolve("odd.test", 80, socket.AF_UNSPEC))[0]["host"] == "93.184.216.36"
    assert Odd.calls == 2


async def test_cache_holds_at_most_max_entries() -> None:
    names = {f"n{i}.test": [f"93.184.216.{i}"] for i in range(1, 6)}
    cache = CachingResolver(TableResolver(names), max_entries=3)
    for name in names:
        await cache.resolve(name, 80, socket.AF_UNSPEC)
    await cache.resolve("n5.test", 80, socket.AF_UNSPEC)
    await cache.resolve("n1.test", 80, socket.AF_UNSPEC)  # was evicted: looked up again
    assert cache.lookups == 6


async def test_kept_url_checks_still_refuse_and_keep_the_loopback_switch_apart() -> None:
    """The guard keeps what a URL alone tells (host, port, a literal address's verdict) between
    polls; a refusal is never kept as a pass, and allow_loopback is part of what is kept."""
    url = "http://127.0.0.1:8080/feed.xml"
    for _ in range(2):  # the second pass answers from what was kept
        assert await check_url(url, allow_loopback=True) == "127.0.0.1"
        with pytest.raises(FeedError, match="loopback"):
            await check_url(url, allow_loopback=False)
    for _ in range(2):
        with pytest.raises(FeedError, match="metadata"):
            await check_url("http://169.254.169.254/latest", allow_loopback=True)
    long_url = "http://10.0.0.1/" + "a" * 5000  # not kept, still refused
    with pytest.raises(FeedError, match="private"):
        await check_url(long_url, allow_loopback=True)


async def test_kept_url_checks_still_resolve_names_every_time() -> None:
    """A name's answer is not kept by the URL check: a name that now resolves to a private
    address is refused although the same URL passed before."""
    table = {"feeds.example": ["93.184.216.34"]}
    resolver = TableResolver(table)
    url = "http://feeds.example/rss"
    assert await check_url(url, allow_loopback=False, resolver=resolver) == "93.184.216.34"
    table["feeds.example"] = ["10.1.2.3"]
    with pytest.raises(FeedError, match="private"):
        await check_url(url, allow_loopback=False, resolver=resolver)
