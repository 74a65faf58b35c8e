"""HTTP mode against the local Slack: real signed requests, real AsyncApp and AsyncWebClient."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.adapter import HTTP_PATH
from bot.adapters.slack.render import SHARE_ACTION
from bot.chat.ports import AdapterDeps
from bot.settings import SlackConfig
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, SlackFake, post_signed
from tests.slack.slack_helpers import ADMIN, Audit


async def _start(slack: SlackFake, deps: AdapterDeps, **cfg: object) -> SlackAdapter:
    config = SlackConfig(mode="http", http_host="127.0.0.1", http_port=0, **cfg)  # type: ignore[arg-type]
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack.api_url}
    adapter = create_slack_adapter(config, deps, env)
    assert adapter is not None
    await adapter.start()
    return adapter


@pytest.fixture
async def http_bot(slack: SlackFake, deps: AdapterDeps) -> AsyncIterator[SlackAdapter]:
    adapter = await _start(slack, deps)
    yield adapter
    await adapter.stop()


def _url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"


def _answer_for(slack: SlackFake, form: dict[str, str]) -> list[dict]:
    token = form["response_url"].rsplit("/", 1)[1]
    return [body for t, body in slack.responses if t == token]


async def test_signed_command_acked_and_answered_via_response_url(
        slack: SlackFake, http_bot: SlackAdapter) -> None:
    assert http_bot.connected and http_bot.http_port
    form = slack.slash_payload("/policywire", "figures El Salvador")
    assert await post_signed(_url(http_bot), form) == 200
    await slack.wait_for(lambda: len(_answer_for(slack, form)) == 1)
    answer = _answer_for(slack, form)[0]
    assert answer["response_type"] == "ephemeral"
    dumped = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "6,240 BTC" in dumped and "El Salvador" in dumped
    assert "<!channel>" not in dumped and "@everyone" not in dumped
    assert answer["blocks"][-1]["elements"][0]["action_id"] == SHARE_ACTION
    assert slack.calls_to("auth.test"), "the real client authenticated against the fake"


async def test_bad_signature_rejected(slack: SlackFake, http_bot: SlackAdapter) -> None:
    form = slack.slash_payload("/policywire", "figures El Salvador")
    assert await post_signed(_url(http_bot), form, bad_signature=True) == 401
    assert _answer_for(slack, form) == []


async def test_stale_timestamp_rejected(slack: SlackFake, http_bot: SlackAdapter) -> None:
    form = slack.slash_payload("/policywire", "figures El Salvador")
    status = await post_signed(_url(http_bot), form, timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    assert _answer_for(slack, form) == []


async def test_retried_command_answered_once(slack: SlackFake, http_bot: SlackAdapter) -> None:
    form = slack.slash_payload("/policywire", "echo first")
    assert await post_signed(_url(http_bot), form) == 200
    await slack.wait_for(lambda: len(_answer_for(slack, form)) == 1)
    assert await post_signed(_url(http_bot), form, retry_num=1) == 200
    marker = slack.slash_payload("/policywire", "echo marker")
    assert await post_signed(_url(http_bot), marker) == 200
    await slack.wait_for(lambda: len(_answer_for(slack, marker)) == 1)
    assert len(_answer_for(slack, form)) == 1
    assert len(slack.responses) == 2


async def test_bare_root_command_lists_help(slack: SlackFake, http_bot: SlackAdapter) -> None:
    form = slack.slash_payload("/policywire", "")
    assert await post_signed(_url(http_bot), form) == 200
    await slack.wait_for(lambda: len(_answer_for(slack, form)) == 1)
    text = json.dumps(_answer_for(slack, form)[0]["blocks"])
    assert "/policywire figures" in text and "reload" in text


async def test_admin_command_audited_with_its_outcome(
        slack: SlackFake, http_bot: SlackAdapter, audit: Audit) -> None:
    denied = slack.slash_payload("/policywire", "reload", user_id="U0SOMEONE")
    allowed = slack.slash_payload("/policywire", "reload", user_id=ADMIN)
    for form in (denied, allowed):
        assert await post_signed(_url(http_bot), form) == 200
        await slack.wait_for(lambda f=form: len(_answer_for(slack, f)) == 1)
    assert "admins only" in _answer_for(slack, denied)[0]["text"]
    assert "reloaded" in _answer_for(slack, allowed)[0]["text"]
    assert audit.entries == [("slack", "U0SOMEONE", "reload", "", "refused"),
                             ("slack", ADMIN, "reload", "", "ok")]


async def test_share_button_reposts_in_channel(slack: SlackFake, http_bot: SlackAdapter) -> None:
    form = slack.slash_payload("/policywire", "figures El Salvador", user_id="U1USER")
    assert await post_signed(_url(http_bot), form) == 200
    await slack.wait_for(lambda: len(_answer_for(slack, form)) == 1)
    button = _answer_for(slack, form)[0]["blocks"][-1]["elements"][0]
    action_url = slack.response_url()
    payload = {"type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": "U1USER"},
               "api_app_id": "A0TEST", "channel": {"id": "C1CHAN"}, "trigger_id": "tr-share-1",
               "response_url": action_url, "container": {"type": "message"},
               "actions": [{"type": "button", "action_id": SHARE_ACTION,
                            "value": button["value"], "block_id": "b"}]}
    assert await post_signed(_url(http_bot), {"payload": json.dumps(payload)}) == 200
    token = action_url.rsplit("/", 1)[1]
    await slack.wait_for(lambda: len([t for t, _ in slack.responses if t == token]) == 2)
    shared, delete = [b for t, b in slack.responses if t == token]
    assert shared["response_type"] == "in_channel"
    assert "6,240 BTC" in json.dumps(shared["blocks"], ensure_ascii=False)
    assert all(b["type"] != "actions" for b in shared["blocks"])
    assert delete["delete_original"] is True


async def test_per_handler_commands(slack: SlackFake, deps: AdapterDeps) -> None:
    adapter = await _start(slack, deps, per_handler_commands=True)
    try:
        form = slack.slash_payload("/figures", "Bhutan")
        assert await post_signed(_url(adapter), form) == 200
        await slack.wait_for(lambda: len(_answer_for(slack, form)) == 1)
        assert "Bhutan" in json.dumps(_answer_for(slack, form)[0]["blocks"])
    finally:
        await adapter.stop()
    assert not adapter.connected
