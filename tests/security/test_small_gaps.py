"""Item 10: the small gaps.

- site-local IPv6 (fec0::/10) is refused like the other non-public ranges;
- `/feeds add` validates the URL with the same guard and checks that it is a feed;
- the Slack HTTP endpoint answers 401 (or 400 once signed) to malformed requests, never 500,
  and logs no traceback for them;
- a `response_url` (a capability URL) never reaches the log, not even at DEBUG.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.adapter import HTTP_PATH
from bot.logs import setup_logging
from bot.settings import SlackConfig
from tests.fakes.hostile_server import HostileServer
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, SlackFake, post_signed
from tests.security.conftest import cli, local_config
from tests.security.payloads import item, rss
from tests.slack.slack_helpers import Audit, build_deps


@pytest.mark.slow
async def test_site_local_ipv6_is_refused(tmp_path: Path) -> None:
    code, _out, err = await cli("ingest", "http://[fec0::1]/feed.xml", "--db",
                                str(tmp_path / "pw.db"))
    assert code == 2
    assert "refused fec0::1: it is a site-local address" in err


@pytest.mark.parametrize(("target", "why"), [
    ("http://169.254.169.254/latest/meta-data/", "refused 169.254.169.254: it is a cloud "
                                                 "metadata address"),
    ("http://[fec0::1]/feed", "refused fec0::1: it is a site-local address"),
    ("http://10.0.0.7/feed", "refused 10.0.0.7: it is a private address"),
])
@pytest.mark.slow
async def test_feeds_add_refuses_what_the_guard_refuses(tmp_path: Path, target: str,
                                                        why: str) -> None:
    config = tmp_path / "strict.yaml"
    config.write_text(f"storage: {{path: {tmp_path / 'pw.db'}}}\n", encoding="utf-8")
    code, out, err = await cli("ask", f"/feeds add {target}", "--config", str(config),
                               cwd=tmp_path)
    assert code == 2, (out, err)
    assert why in out and "Added" not in out
    code, out, _ = await cli("ask", "/feeds list", "--config", str(config), cwd=tmp_path)
    assert target not in out


@pytest.mark.slow
async def test_feeds_add_checks_the_url_is_a_feed(tmp_path: Path) -> None:
    config = local_config(tmp_path)
    async with HostileServer() as srv:
        page = srv.serve("/page.html", b"<html><head><title>x</title></head><body>Hi</body>"
                         b"</html>", {"Content-Type": "text/html"})
        feed = srv.serve("/feed.xml", rss(item(1)))
        code, out, _ = await cli("ask", f"/feeds add {page}", "--config", str(config),
                                 cwd=tmp_path)
        assert code == 2 and "not a feed: got an HTML page" in out, out
        code, out, err = await cli("ask", f"/feeds add {feed} reserves", "--config",
                                   str(config), cwd=tmp_path)
        assert code == 0, (out, err)
        assert out.startswith(f"Added {feed}")
        code, out, _ = await cli("ask", "/feeds list", "--config", str(config), cwd=tmp_path)
    assert feed in out and page not in out


# ---- Slack HTTP endpoint ----------------------------------------------------------------------
@pytest.fixture
async def slack_http() -> AsyncIterator[tuple[SlackFake, SlackAdapter]]:
    fake = await SlackFake().start()
    config = SlackConfig(mode="http", http_host="127.0.0.1", http_port=0)
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": fake.api_url}
    adapter = create_slack_adapter(config, build_deps(Audit()), env)
    assert adapter is not None
    await adapter.start()
    yield fake, adapter
    await adapter.stop()
    await fake.stop()


def _signed_headers(body: bytes, ctype: str, timestamp: str | None = None) -> dict[str, str]:
    """Headers of a correctly signed request (over the raw bytes, as Slack signs)."""
    ts = timestamp or str(int(time.time()))
    mac = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {"Content-Type": ctype, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + mac.hexdigest()}


FORM = "application/x-www-form-urlencoded"
MALFORMED = [
    ("malformed JSON", b'{"type": "url_verification", ', "application/json"),
    ("form body starting with {", b"{command=/policywire&text=x", FORM),
    ("invalid UTF-8", b"command=%2Fpolicywire&text=\xff\xfe\xfa", FORM),
    ("unknown charset", b"command=%2Fnope&text=x", FORM + "; charset=x-nope"),
    ("payload= not JSON", b"payload=%7Bnot-json", FORM),
    ("binary", bytes(range(256)) * 4, "application/octet-stream"),
]


@pytest.mark.parametrize(("case", "body", "ctype"), MALFORMED, ids=[c[0] for c in MALFORMED])
async def test_malformed_requests_are_4xx_not_500(
        slack_http: tuple[SlackFake, SlackAdapter], caplog: pytest.LogCaptureFixture,
        case: str, body: bytes, ctype: str) -> None:
    _fake, adapter = slack_http
    url = f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"
    caplog.set_level(logging.DEBUG)
    statuses = []
    async with aiohttp.ClientSession() as session:
        for headers in ({"Content-Type": ctype}, _signed_headers(body, ctype),
                        _signed_headers(body, ctype, timestamp="12ab")):
            async with session.post(url, data=body, headers=headers) as resp:
                statuses.append(resp.status)
    assert statuses[0] == 401 and statuses[2] == 401, statuses  # unsigned; bad timestamp
    assert 400 <= statuses[1] < 500, statuses  # signed, then refused as unreadable or unknown
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


async def test_response_url_is_not_logged_even_at_debug(
        slack_http: tuple[SlackFake, SlackAdapter], capsys: pytest.CaptureFixture[str]) -> None:
    fake, adapter = slack_http
    setup_logging("DEBUG", json_logs=True)
    try:
        form = fake.slash_payload("/policywire", "figures El Salvador")
        url = f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"
        assert await post_signed(url, form) == 200
        token = form["response_url"].rsplit("/", 1)[1]
        await fake.wait_for(lambda: any(t == token for t, _ in fake.responses))
    finally:
        logging.getLogger().handlers[:] = []
        logging.getLogger().setLevel(logging.WARNING)
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(r["logger"].startswith("slack") for r in lines), "DEBUG logging was on"
    assert token not in err
    assert not io.StringIO(err).read().count("/respond/")
