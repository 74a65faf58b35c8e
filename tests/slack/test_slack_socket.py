"""Socket Mode and alert posting against the local Slack (real SocketModeClient/AsyncWebClient)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.render import DELIVERY_EVENT
from bot.chat.messages import Card, CardField, TopicHit
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import AdapterDeps
from bot.domain.errors import ConfigError
from bot.settings import SlackConfig
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SlackFake

CARD = Card(title="Bhutan moves <b>BTC</b>", url="https://news.example/bhutan",
            source="Example", date=date(2024, 6, 2), summary="Bhutan moved coins. @here",
            topics=[TopicHit(topic="reserves", reason="entity Bhutan")],
            fields=[CardField(name="Moved", value="1,000 BTC")],
            also_reported_by=["Other Wire"])


class RecordingSleep:
    """Records requested delays and returns at once (no real waiting)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def sleeper() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
async def socket_bot(slack: SlackFake, deps: AdapterDeps,
                     sleeper: RecordingSleep) -> AsyncIterator[SlackAdapter]:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN,
           "SLACK_API_URL": slack.api_url + "/"}
    adapter = create_slack_adapter(SlackConfig(mode="socket"), deps, env)
    assert adapter is not None
    adapter.outbound = OutboundQueue(per_channel_interval=0.2,
                                     clock=time.monotonic, sleep=sleeper)
    await adapter.start()
    yield adapter
    await adapter.stop()


def _answers(slack: SlackFake, url: str) -> list[dict]:
    token = url.rsplit("/", 1)[1]
    return [b for t, b in slack.responses if t == token]


async def test_socket_envelope_acked_and_answered(slack: SlackFake,
                                                  socket_bot: SlackAdapter) -> None:
    assert socket_bot.connected
    assert slack.calls_to("apps.connections.open")
    payload = slack.slash_payload("/policywire", "figures El Salvador")
    envelope_id = await slack.push_envelope("slash_commands", payload)
    await slack.wait_for(lambda: any(a.get("envelope_id") == envelope_id for a in slack.acks))
    await slack.wait_for(lambda: len(_answers(slack, payload["response_url"])) == 1)
    answer = _answers(slack, payload["response_url"])[0]
    assert "6,240 BTC" in json.dumps(answer["blocks"], ensure_ascii=False)
    assert answer["response_type"] == "ephemeral"


async def test_socket_redelivered_envelope_answered_once(slack: SlackFake,
                                                         socket_bot: SlackAdapter) -> None:
    payload = slack.slash_payload("/policywire", "echo once")
    first = await slack.push_envelope("slash_commands", payload)
    again = await slack.push_envelope("slash_commands", payload, retry_attempt=1)
    await slack.wait_for(lambda: {a.get("envelope_id") for a in slack.acks} >= {first, again})
    marker = slack.slash_payload("/policywire", "echo marker")
    await slack.push_envelope("slash_commands", marker)
    await slack.wait_for(lambda: len(_answers(slack, marker["response_url"])) == 1)
    assert len(_answers(slack, payload["response_url"])) == 1


async def test_send_card_posts_once_with_blocks_and_metadata(slack: SlackFake,
                                                             socket_bot: SlackAdapter) -> None:
    result = await socket_bot.send_card("C0ALERTS", CARD, "delivery-1")
    assert result.ok and result.message_id
    posts = slack.calls_to("chat.postMessage")
    assert len(posts) == 1
    body = posts[0].body
    assert body["channel"] == "C0ALERTS"
    assert body["metadata"] == {"event_type": DELIVERY_EVENT,
                                "event_payload": {"delivery_id": "delivery-1"}}
    blocks = body["blocks"]
    title = "*<https://news.example/bhutan|Bhutan moves &lt;b&gt;BTC&lt;/b&gt;>*"
    assert blocks[0]["text"]["text"] == title
    dumped = json.dumps(blocks, ensure_ascii=False)
    assert "1,000 BTC" in dumped and "Other Wire" in dumped and "@here" not in dumped
    assert "Bhutan moves" in body["text"]
    assert await socket_bot.find_delivered("C0ALERTS", "delivery-1") == result.message_id
    assert await socket_bot.find_delivered("C0ALERTS", "delivery-2") is None


async def test_429_with_retry_after_delays_then_succeeds_once(
        slack: SlackFake, socket_bot: SlackAdapter, sleeper: RecordingSleep) -> None:
    slack.fail_next("chat.postMessage", 1, status=429, retry_after=1)
    result = await socket_bot.send_card("C0ALERTS", CARD, "delivery-429")
    assert result.ok
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert len(slack.history["C0ALERTS"]) == 1
    assert len(sleeper.delays) == 1 and 0.9 <= sleeper.delays[0] <= 1.0


async def test_channel_not_found_is_permanent_and_not_retried(
        slack: SlackFake, socket_bot: SlackAdapter, sleeper: RecordingSleep) -> None:
    slack.fail_next("chat.postMessage", 1, error="channel_not_found")
    result = await socket_bot.send_card("C0GONE", CARD, "delivery-gone")
    assert not result.ok and result.permanent and result.error == "channel_not_found"
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert sleeper.delays == []


async def test_5xx_goes_back_to_the_worker_and_its_retry_does_not_double_post(
        slack: SlackFake, socket_bot: SlackAdapter, sleeper: RecordingSleep) -> None:
    slack.fail_next("chat.postMessage", 1, status=503, error="service_unavailable")
    first = await socket_bot.send_card("C0ALERTS", CARD, "delivery-5xx")
    assert not first.ok and not first.permanent  # one call; the worker schedules the retry
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert all(d < 0.3 for d in sleeper.delays)  # pacing only, no backoff in the adapter
    retried = await socket_bot.send_card("C0ALERTS", CARD, "delivery-5xx")
    assert retried.ok
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert len(slack.history["C0ALERTS"]) == 1


def test_factory_none_without_bot_token(deps: AdapterDeps) -> None:
    assert create_slack_adapter(SlackConfig(), deps, {}) is None


def test_factory_requires_mode_secrets(deps: AdapterDeps) -> None:
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        create_slack_adapter(SlackConfig(mode="socket"), deps, {"SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        create_slack_adapter(SlackConfig(mode="http"), deps, {"SLACK_BOT_TOKEN": "xoxb-1"})


@pytest.mark.parametrize("bad", ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"])
async def test_rejected_token_fails_fast_at_start(slack: SlackFake, deps: AdapterDeps,
                                                  bad: str) -> None:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN,
           "SLACK_API_URL": slack.api_url, bad: "xoxb-wrong"}
    adapter = create_slack_adapter(SlackConfig(mode="socket"), deps, env)
    assert adapter is not None
    with pytest.raises(ConfigError, match=bad):
        await adapter.start()
    assert not adapter.connected and not slack.socket_open
