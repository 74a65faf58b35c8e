"""End to end: the real runtime (SQLite in tmp_path, spaCy) behind the Slack adapter and local
Slack."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import pytest

from bot.adapters.slack import SlackAdapter, create_slack_adapter
from bot.adapters.slack.adapter import HTTP_PATH
from bot.adapters.slack.render import DELIVERY_EVENT
from bot.adapters.slack.translate import context_from
from bot.app import Runtime, build
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import AdapterDeps
from bot.config_loader import load_config
from bot.settings import AdminsConfig, ChannelConfig, NoticeChannel, SlackConfig
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, SlackFake, post_signed

pytestmark = pytest.mark.spacy

CHANNEL = "C0POLICY"
ADMINS_CHANNEL = "C0ADMINS"
ADMIN = "U0ADMIN"


@pytest.fixture
async def wired(repo_root: Path, tmp_path: Path,
                slack: SlackFake) -> AsyncIterator[tuple[Runtime, SlackAdapter]]:
    config_path = repo_root / "config" / "policywire.yaml"
    config = load_config(config_path)
    config = config.model_copy(update={
        "channels": [ChannelConfig(platform="slack", id=CHANNEL, topics=config.topic_names())],
        "admins": AdminsConfig(slack=[ADMIN], notify=[
            NoticeChannel(platform="slack", id=ADMINS_CHANNEL)]),
        "slack": SlackConfig(mode="http", http_host="127.0.0.1", http_port=0),
    })
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack.api_url}

    def adapters(deps: AdapterDeps, _state: object, env: Mapping[str, str]) -> list[SlackAdapter]:
        adapter = create_slack_adapter(config.slack, deps, env)
        assert adapter is not None
        adapter.outbound = OutboundQueue(per_channel_interval=0.0)
        return [adapter]

    async with await build(config, config_path=config_path, db_path=tmp_path / "pw.db",
                           env=env, executor="thread", adapters=adapters) as app:
        [adapter] = app.adapters
        assert isinstance(adapter, SlackAdapter)
        yield app, adapter


async def test_seed_alert_and_figures_command(repo_root: Path, slack: SlackFake,
                                              wired: tuple[Runtime, SlackAdapter]) -> None:
    app, adapter = wired
    seed = repo_root / "seeds" / "articles" / "pakistan-el-salvador-bitcoin.md"
    outcomes = await app.ingest_paths([seed])
    assert [o.created for o in outcomes] == [True]
    assert await app.worker.drain() == 1

    posts = slack.calls_to("chat.postMessage")
    assert len(posts) == 1
    body = posts[0].body
    assert body["channel"] == CHANNEL
    assert body["metadata"]["event_type"] == DELIVERY_EVENT
    delivery_id = body["metadata"]["event_payload"]["delivery_id"]
    assert body["blocks"][0]["type"] == "section" and body["blocks"][0]["text"]["text"]
    assert "Matched topics" in json.dumps(body["blocks"])
    assert await adapter.find_delivered(CHANNEL, delivery_id) is not None
    assert await app.worker.drain() == 0  # nothing is posted twice
    assert len(slack.calls_to("chat.postMessage")) == 1

    url = f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"
    form = slack.slash_payload("/policywire", "figures El Salvador", channel_id=CHANNEL)
    assert await post_signed(url, form) == 200
    token = form["response_url"].rsplit("/", 1)[1]
    await slack.wait_for(lambda: any(t == token for t, _ in slack.responses), timeout=30)
    answer = next(b for t, b in slack.responses if t == token)
    dumped = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "6,240" in dumped and "El Salvador" in dumped
    assert "745" in dumped


async def test_admin_command_is_audited(slack: SlackFake,
                                        wired: tuple[Runtime, SlackAdapter]) -> None:
    app, adapter = wired
    url = f"http://127.0.0.1:{adapter.http_port}{HTTP_PATH}"
    for user in ("U0NOBODY", ADMIN):
        form = slack.slash_payload("/policywire", "feeds list", user_id=user)
        assert await post_signed(url, form) == 200
        token = form["response_url"].rsplit("/", 1)[1]
        await slack.wait_for(lambda t=token: any(x == t for x, _ in slack.responses), timeout=30)
    entries = [e for e in await app.store.audit.recent() if e.user_id != "config"]
    assert [(e.platform, e.user_id, e.action, e.outcome) for e in entries] == [
        ("slack", ADMIN, "feeds", "ok"), ("slack", "U0NOBODY", "feeds", "refused")]


async def test_a_paused_feed_is_posted_once_to_the_admin_channel(
        slack: SlackFake, wired: tuple[Runtime, SlackAdapter]) -> None:
    """Admin notices go through the outbox to the admin channel; the same key posts once."""
    app, _adapter = wired
    text = "Feed https://feeds.example/x is paused after 5 consecutive failures."
    assert await app.notices.post("Feed paused", text, "feed-paused:x:2026-11-28T08:00:00") == 1
    assert await app.notices.post("Feed paused", text, "feed-paused:x:2026-11-28T08:00:00") == 0
    assert await app.worker.drain() == 1
    posts = slack.calls_to("chat.postMessage")
    assert [p.body["channel"] for p in posts] == [ADMINS_CHANNEL]
    assert "paused after 5 consecutive failures" in json.dumps(posts[0].body)
    audit = await app.store.db.fetchall(
        "SELECT action, detail FROM audit_log WHERE user_id != 'config'")
    assert [r["action"] for r in audit] == ["notice"] and "feed-paused:x" in audit[0]["detail"]


async def test_a_channel_that_refuses_alerts_is_reported_to_admins(
        repo_root: Path, slack: SlackFake, wired: tuple[Runtime, SlackAdapter]) -> None:
    """not_in_channel on the alert: the row fails, /subscriptions shows why, and the admin
    channel is told once, over the same Slack wire."""
    app, _adapter = wired
    slack.fail_next("chat.postMessage", error="not_in_channel")
    seed = repo_root / "seeds" / "articles" / "pakistan-el-salvador-bitcoin.md"
    await app.ingest_paths([seed])
    await app.worker.drain()
    await app.worker.drain()
    rows = await app.store.db.fetchall("SELECT channel_id, kind, state, last_error"
                                       " FROM deliveries ORDER BY id")
    assert [tuple(r) for r in rows] == [
        (CHANNEL, "article", "failed", "not_in_channel"), (ADMINS_CHANNEL, "notice", "sent", None)]
    posts = slack.calls_to("chat.postMessage")
    assert [p.body["channel"] for p in posts] == [CHANNEL, ADMINS_CHANNEL]
    assert "refuses alerts: not_in_channel" in json.dumps(posts[1].body)
    subs = await app.store.subscriptions.for_channel("slack", CHANNEL)
    assert subs and all(s.last_error == "not_in_channel" for s in subs)


async def test_help_lists_commands_as_slack_users_type_them(
        wired: tuple[Runtime, SlackAdapter]) -> None:
    """With one root command, /policywire help shows "/policywire figures ...", not "/figures"."""
    _app, adapter = wired
    ctx = context_from({"user_id": "U1", "channel_id": CHANNEL}, lambda *_: False,
                       "/policywire ")
    reply = await adapter.run_command(ctx, "help")
    assert "/policywire figures <entity or topic> [--history]" in reply.text
    assert "\n  /figures" not in reply.text
    bad = await adapter.run_command(ctx, "figures")
    assert "Usage: /policywire figures" in bad.text


async def test_channel_members_subscribe_unless_admins_only(
        wired: tuple[Runtime, SlackAdapter]) -> None:
    """By default any member can subscribe their channel; subscribe_by: admins restricts it."""
    _app, adapter = wired
    body = {"user_id": "U0MEMBER", "channel_id": "C0TEAM"}
    member = context_from(body, lambda *_: False, "/policywire ", members_manage=True)
    assert (await adapter.run_command(member, "subscribe reserves")).ok
    locked = context_from(body, lambda *_: False, "/policywire ", members_manage=False)
    refused = await adapter.run_command(locked, "unsubscribe reserves")
    assert not refused.ok
