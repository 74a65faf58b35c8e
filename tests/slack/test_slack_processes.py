"""Slack with several processes behind one app (HTTP mode, a load balancer in front): a
request Slack retries to another process is answered once, and a share button works in the
process that did not give the answer. The processes share the store's `ephemeral` table on a
real PostgreSQL (and, for comparison, SQLite)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.adapter import HTTP_PATH
from bot.chat.ports import AdapterDeps
from bot.settings import SlackConfig
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, SlackFake, post_signed
from tests.store.engines import Engine, engine  # noqa: F401  (both engines)


@pytest.fixture
async def pair(slack: SlackFake, deps: AdapterDeps, engine: Engine
               ) -> AsyncIterator[tuple[SlackAdapter, SlackAdapter]]:
    made = []
    for store in (engine.store, await engine.another_store()):
        config = SlackConfig(mode="http", http_host="127.0.0.1", http_port=0)
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": slack.api_url}
        adapter = create_slack_adapter(config, dataclasses.replace(deps, shared=store.ephemeral),
                                       env)
        assert adapter is not None
        await adapter.start()
        made.append(adapter)
    yield made[0], made[1]
    for adapter in made:
        await adapter.stop()


def _url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"


def _answers(slack: SlackFake, url: str) -> list[dict[str, Any]]:
    token = url.rsplit("/", 1)[1]
    return [body for t, body in slack.responses if t == token]


async def test_a_retry_sent_to_another_process_is_answered_once(
        slack: SlackFake, pair: tuple[SlackAdapter, SlackAdapter]) -> None:
    first, second = pair
    form = slack.slash_payload("/policywire", "echo once")
    assert await post_signed(_url(first), form) == 200
    await slack.wait_for(lambda: len(_answers(slack, form["response_url"])) == 1)
    assert await post_signed(_url(second), form, retry_num=1) == 200
    marker = slack.slash_payload("/policywire", "echo marker")
    assert await post_signed(_url(second), marker) == 200
    await slack.wait_for(lambda: len(_answers(slack, marker["response_url"])) == 1)
    assert len(_answers(slack, form["response_url"])) == 1


async def test_a_share_button_works_in_the_other_process(
        slack: SlackFake, pair: tuple[SlackAdapter, SlackAdapter]) -> None:
    first, second = pair
    form = slack.slash_payload("/policywire", "figures El Salvador", user_id="U1USER")
    assert await post_signed(_url(first), form) == 200
    await slack.wait_for(lambda: len(_answers(slack, form["response_url"])) == 1)
    button = _answers(slack, form["response_url"])[0]["blocks"][-1]["elements"][0]

    def click(user: str, trigger: str) -> dict[str, str]:
        return {"payload": json.dumps({
            "type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": user},
            "api_app_id": "A0TEST", "channel": {"id": "C1CHAN"}, "trigger_id": trigger,
            "response_url": action_url, "container": {"type": "message"},
            "actions": [{"type": "button", "action_id": button["action_id"],
                         "value": button["value"], "block_id": "b"}]})}

    action_url = slack.response_url()
    assert await post_signed(_url(second), click("U2OTHER", "tr-other")) == 200
    await slack.wait_for(lambda: len(_answers(slack, action_url)) == 1)
    assert "expired" in _answers(slack, action_url)[0]["text"]  # not theirs to share
    assert await post_signed(_url(second), click("U1USER", "tr-mine")) == 200
    await slack.wait_for(lambda: len(_answers(slack, action_url)) == 3)
    shared = _answers(slack, action_url)[1]
    assert shared["response_type"] == "in_channel"
    assert "6,240 BTC" in json.dumps(shared["blocks"], ensure_ascii=False)
