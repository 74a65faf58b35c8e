"""Fetcher against the local feed server: limits, redirects, guard, conditional GET, retries."""

from __future__ import annotations

import asyncio
import email.utils
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import FeedError
from bot.feeds.errors import RetryLater, TooLarge
from bot.feeds.fetcher import Fetcher, parse_retry_after
from bot.settings import FetchConfig
from tests.fakes import feed_fixtures as fx
from tests.fakes.feed_server import ETAG, LAST_MODIFIED, FeedServer
from tests.feeds.test_feed_guard import TableResolver


async def test_plain_fetch_sends_our_headers(server: FeedServer, fetcher: Fetcher) -> None:
    res = await fetcher.fetch(server.url("/feed/basic"))
    assert res.status == 200 and res.body == fx.BASIC.encode()
    assert res.content_type == "application/rss+xml" and not res.not_modified
    sent = server.requests_to("/feed/basic")[0].headers
    assert sent["User-Agent"].startswith("PolicyWire/")
    assert sent["Accept-Encoding"] == "gzip, deflate, br"
    assert "application/rss+xml" in sent["Accept"]


@pytest.mark.parametrize("path", ["/gzip/basic", "/br/basic"])
async def test_compressed_bodies_are_decoded(server: FeedServer, fetcher: Fetcher,
                                             path: str) -> None:
    res = await fetcher.fetch(server.url(path))
    assert res.body == fx.BASIC.encode()


async def test_conditional_get_gives_304(server: FeedServer, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(server.url("/feed/etag"))
    assert first.etag == ETAG and first.last_modified == LAST_MODIFIED and first.body
    again = await fetcher.fetch(server.url("/feed/etag"), etag=first.etag,
                                last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    sent = server.requests_to("/feed/etag")[1].headers
    assert sent["If-None-Match"] == ETAG and sent["If-Modified-Since"] == LAST_MODIFIED
    by_date = await fetcher.fetch(server.url("/feed/etag"), last_modified=LAST_MODIFIED)
    assert by_date.not_modified


async def test_server_error_is_a_feed_error_in_words(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedError, match="HTTP 500 Internal Server Error") as info:
        await fetcher.fetch(server.url("/status/500"))
    assert not isinstance(info.value, RetryLater)
    with pytest.raises(FeedError, match="HTTP 404"):
        await fetcher.fetch(server.url("/status/404"))


@pytest.mark.parametrize("code", [429, 503])
async def test_retry_after_seconds(server: FeedServer, fetcher: Fetcher, code: int) -> None:
    with pytest.raises(RetryLater) as info:
        await fetcher.fetch(server.url(f"/retry/{code}?after=120"))
    assert info.value.retry_after == 120.0 and info.value.status == code


async def test_retry_after_http_date(server: FeedServer, fetcher: Fetcher) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    with pytest.raises(RetryLater) as info:
        await fetcher.fetch(server.url(f"/retry/503?after={when}"))
    assert info.value.retry_after is not None and 3500 < info.value.retry_after <= 3600


def test_parse_retry_after_forms() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Wed, 01 May 2024 12:02:00 GMT", now) == 120.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


async def test_slow_drip_hits_the_total_timeout(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedError, match="timed out"):
        await fetcher.fetch(server.url("/slow?interval=0.05"))


async def test_huge_body_stops_at_the_cap(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(TooLarge, match="larger than the 2097152-byte limit"):
        await fetcher.fetch(server.url("/huge?mib=64"))


@pytest.mark.parametrize("path", ["/bomb/gzip", "/bomb/br"])
async def test_compression_bombs_stop_at_the_cap(server: FeedServer, fetcher: Fetcher,
                                                 path: str) -> None:
    with pytest.raises(TooLarge, match="decompressed body is larger"):
        await fetcher.fetch(server.url(path))


async def test_redirect_chain_is_followed(server: FeedServer, fetcher: Fetcher) -> None:
    res = await fetcher.fetch(server.url("/chain/3"))
    assert res.final_url == server.url("/feed/basic") and len(res.redirects) == 4
    assert res.body == fx.BASIC.encode()


async def test_too_many_redirects(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedError, match="too many redirects"):
        await fetcher.fetch(server.url("/chain/6"))


async def test_redirect_loop_is_detected(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedError, match="redirect loop"):
        await fetcher.fetch(server.url("/loop/0"))


@pytest.mark.parametrize(
    ("target", "match"),
    [("file:///etc/passwd", "file URL"), ("http://10.0.0.1/feed", "private"),
     ("http://169.254.169.254/latest/meta-data/", "metadata"),
     ("http://2130706433/", "numeric host"), ("gopher://x.example/", "gopher URL")],
)
async def test_redirect_to_forbidden_targets(server: FeedServer, fetcher: Fetcher,
                                             target: str, match: str) -> None:
    with pytest.raises(FeedError, match=match):
        await fetcher.fetch(server.url(f"/redirect?to={target}"))
    assert not [r for r in server.requests if r.path != "/redirect"]


async def test_loopback_refused_without_opt_in(server: FeedServer) -> None:
    async with Fetcher(FetchConfig()) as strict:
        with pytest.raises(FeedError, match="loopback"):
            await strict.fetch(server.url("/feed/basic"))
    assert server.requests == []


async def test_redirect_from_public_name_to_private_hop_is_refused(server: FeedServer) -> None:
    """A name that passes the guard redirects to one resolving to a loopback address."""
    port = server.base.rsplit(":", 1)[1]
    resolver = TableResolver({"public.test": ["93.184.216.34"], "inner.test": ["127.0.0.1"]})
    async with Fetcher(FetchConfig(), resolver=resolver) as strict:
        with pytest.raises(FeedError, match="loopback"):
            await strict.fetch(f"http://inner.test:{port}/feed/basic")
    # And the same hop is refused when reached by redirect from the local server.
    async with Fetcher(FetchConfig(allow_loopback=True), resolver=TableResolver(
            {"inside.test": ["10.0.0.1"]})) as f:
        with pytest.raises(FeedError, match="private"):
            await f.fetch(server.url(f"/redirect?to=http://inside.test:{port}/feed/basic"))
    assert not server.requests_to("/feed/basic")


class Rebinding(TableResolver):
    """DNS whose first answer for a name differs from every later one (a rebinding attack)."""

    def __init__(self, first: str, later: str) -> None:
        super().__init__({})
        self.first, self.later, self.calls = first, later, 0

    async def resolve(self, host, port=0, family=0):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.table[host] = [self.first if self.calls == 1 else self.later]
        return await super().resolve(host, port, family)


async def test_connector_refuses_rebound_answers(server: FeedServer) -> None:
    """Without a cache (dns_ttl=0) the connector looks the name up again: DNS that answers the
    guard with a public address, then a loopback one, is still refused."""
    port = server.base.rsplit(":", 1)[1]
    rebinding = Rebinding("93.184.216.34", "127.0.0.1")
    async with Fetcher(FetchConfig(), resolver=rebinding, dns_ttl=0) as f:
        with pytest.raises(FeedError, match="loopback"):
            await f.fetch(f"http://flip.test:{port}/feed/basic")
    assert rebinding.calls == 2 and server.requests == []


async def test_connector_connects_to_the_addresses_the_guard_checked(server: FeedServer) -> None:
    """With the shared cache, the guard and the connector use one answer: a name that would
    rebind to a private address after its first lookup is fetched from the checked loopback
    address, and looked up once for several fetches."""
    port = server.base.rsplit(":", 1)[1]
    rebinding = Rebinding("127.0.0.1", "10.0.0.1")
    async with Fetcher(FetchConfig(allow_loopback=True), resolver=rebinding) as f:
        first = await f.fetch(f"http://flip.test:{port}/feed/basic")
        again = await f.fetch(f"http://FLIP.test:{port}/feed/basic?second=1")
        assert f.resolver is not None and f.resolver.lookups == 1
    assert first.status == again.status == 200 and first.body == again.body
    assert len(server.requests_to("/feed/basic")) == 2 and rebinding.calls == 1


async def test_host_name_feed_is_looked_up_once_for_many_fetches(server: FeedServer) -> None:
    """A feed under a host name (mapped to the loopback server): the guard and the connector
    share one lookup, and later fetches within the TTL add none."""
    port = server.base.rsplit(":", 1)[1]

    class Counting(TableResolver):
        calls = 0

        async def resolve(self, host, port=0, family=0):  # type: ignore[no-untyped-def]
            Counting.calls += 1
            return await super().resolve(host, port, family)

    async with Fetcher(FetchConfig(allow_loopback=True),
                       resolver=Counting({"feeds.test": ["127.0.0.1"]})) as f:
        for n in range(5):
            res = await f.fetch(f"http://feeds.test:{port}/feed/basic?n={n}")
            assert res.status == 200 and b"<rss" in res.body
    assert Counting.calls == 1 and len(server.requests_to("/feed/basic")) == 5


async def test_per_host_limit_serialises_requests(server: FeedServer) -> None:
    cfg = FetchConfig(allow_loopback=True, per_host=1, total_timeout=5)
    async with Fetcher(cfg) as f:
        results = await asyncio.gather(
            *(f.fetch(server.url("/slow?interval=0.02&count=3")) for _ in range(3))
        )
    assert [r.body for r in results] == [b"   "] * 3
    assert len(server.requests_to("/slow")) == 3 and server.max_in_flight == 1


async def test_global_limit_allows_parallel_hosts_up_to_concurrency(server: FeedServer) -> None:
    cfg = FetchConfig(allow_loopback=True, per_host=4, concurrency=2, total_timeout=5)
    async with Fetcher(cfg) as f:
        await asyncio.gather(
            *(f.fetch(server.url("/slow?interval=0.02&count=3")) for _ in range(5))
        )
    assert len(server.requests_to("/slow")) == 5 and server.max_in_flight == 2


async def test_fetch_before_start_is_an_error() -> None:
    f = Fetcher(FetchConfig())
    with pytest.raises(RuntimeError):
        await f.fetch("http://example.com/")
