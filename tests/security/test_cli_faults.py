"""Item 16: smaller faults.

- `policywire ask "/feeds poll URL"` polls (the fetcher used to be started only by `run`);
- `policywire feeds import FILE.opml` adds an OPML list's feeds the way `/feeds add` does, and
  `ingest` refuses an OPML file or URL as an article, pointing at the import;
- an unknown Slack command suggests the command as it is typed there (`/policywire figures`).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.adapter import HTTP_PATH
from bot.settings import SlackConfig
from tests.fakes.hostile_server import HostileServer
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, SlackFake, post_signed
from tests.security.conftest import cli, local_config
from tests.security.payloads import item, opml, rss
from tests.slack.slack_helpers import Audit, build_deps

OPML_TYPE = {"Content-Type": "text/x-opml"}


@pytest.fixture
async def server() -> AsyncIterator[HostileServer]:
    async with HostileServer() as srv:
        yield srv


async def test_ask_feeds_poll_url_polls(server: HostileServer, tmp_path: Path) -> None:
    url = server.serve("/wire.xml", rss(item(1) + item(2)))
    config = local_config(tmp_path, f"feeds: [{{url: '{url}'}}]\n")
    code, out, err = await cli("ask", f"/feeds poll {url}", "--config", str(config),
                               cwd=tmp_path)
    assert code == 0, (out, err)
    assert out.strip() == f"{url}: 0 new, 2 baseline"
    assert server.hits["/wire.xml"] == 1


@pytest.mark.slow
async def test_feeds_import_adds_the_feeds_of_an_opml_file(server: HostileServer,
                                                           tmp_path: Path) -> None:
    good = [server.serve(f"/f{i}.xml", rss(item(i))) for i in range(2)]
    page = server.serve("/page.html", b"<html><body>no feed</body></html>",
                        {"Content-Type": "text/html"})
    metadata = "http://169.254.169.254/latest/"
    subs = tmp_path / "subs.opml"
    subs.write_text(opml([*good, page, metadata, good[0]]), encoding="utf-8")
    config = local_config(tmp_path)
    code, out, err = await cli("feeds", "import", str(subs), "--topic", "reserves",
                               "--config", str(config), cwd=tmp_path)
    assert code == 2, (out, err)  # some were refused
    lines = out.strip().splitlines()
    assert lines[0] == f"{subs}: 4 feed URLs"
    assert [ln.split(": ", 1)[0] for ln in lines[1:]] == [good[0], good[1], page, metadata]
    assert lines[1].startswith(f"{good[0]}: added") and lines[2].startswith(f"{good[1]}: added")
    assert "refused: not a feed: got an HTML page" in lines[3]
    assert "refused: refused 169.254.169.254: it is a cloud metadata address" in lines[4]
    code, out, _ = await cli("ask", "/feeds list", "--config", str(config), cwd=tmp_path)
    assert all(u in out for u in good) and page not in out and metadata not in out
    code, out, _ = await cli("feeds", "import", str(subs), "--config", str(config),
                             cwd=tmp_path)
    assert f"{good[0]}: already added" in out


async def test_feeds_import_refuses_entities_in_the_opml(tmp_path: Path) -> None:
    subs = tmp_path / "bomb.opml"
    subs.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]>'
                    '<opml version="2.0"><body><outline xmlUrl="http://x.example/&a;"/></body>'
                    "</opml>", encoding="utf-8")
    code, _out, err = await cli("feeds", "import", str(subs), "--config",
                                str(local_config(tmp_path)), cwd=tmp_path)
    assert code == 2
    assert "declares XML entities" in err


@pytest.mark.slow
async def test_ingest_refuses_an_opml_file_and_url(server: HostileServer, tmp_path: Path) -> None:
    subs = tmp_path / "subs.opml"
    subs.write_text(opml(["https://wire.example/feed.xml"]), encoding="utf-8")
    config = str(local_config(tmp_path))
    code, _out, err = await cli("ingest", str(subs), "--config", config, cwd=tmp_path)
    assert code == 2
    assert err.strip() == (f"policywire: {subs}: this is an OPML subscription list, not an "
                           f"article; add its feeds with `policywire feeds import {subs}`")
    url = server.serve("/subs.opml", opml(["https://wire.example/feed.xml"]), OPML_TYPE)
    code, _out, err = await cli("ingest", url, "--config", config, cwd=tmp_path)
    assert code == 2
    assert f"{url}: this is an OPML subscription list, not an article" in err


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


async def test_unknown_slack_command_suggests_it_as_typed_there(
        slack_http: tuple[SlackFake, SlackAdapter]) -> None:
    fake, adapter = slack_http
    form = fake.slash_payload("/policywire", "figure El Salvador")
    url = f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"
    assert await post_signed(url, form, timestamp=int(time.time())) == 200
    token = form["response_url"].rsplit("/", 1)[1]
    await fake.wait_for(lambda: any(t == token for t, _ in fake.responses))
    [answer] = [body for t, body in fake.responses if t == token]
    assert "Unknown command /policywire figure. Did you mean: /policywire figures?" in (
        answer["text"])
    assert "/help" not in answer["text"].replace("/policywire help", "")
