"""The router: usage lines, limits, permissions, unknown commands, and the registry's shape."""

from __future__ import annotations

import pytest

from bot.app import Runtime, registry_for_docs
from bot.chat.commands import CommandContext


def ctx(admin: bool = False, manage: bool = False) -> CommandContext:
    """A Slack-like caller."""
    return CommandContext(platform="slack", channel_id="C1", user_id="U1", is_admin=admin,
                          can_manage_channel=manage)


def test_registry_invariants() -> None:
    """Every command has a unique name, help, usage that starts with its name, sane limits."""
    specs = registry_for_docs().specs()
    names = [s.name for s in specs]
    assert len(names) == len(set(names))
    assert {"help", "topics", "latest", "summary", "search", "entity", "figures", "subscribe",
            "unsubscribe", "subscriptions", "feeds"} <= set(names)
    for s in specs:
        assert s.summary and s.usage.startswith("/" + s.name)
        if s.arg:
            assert 1 <= s.arg.max_length <= 500 and s.arg.description


@pytest.mark.parametrize(("text", "fragment"), [
    ("/entity", "Usage: /entity <name>"),
    ("/figures   ", "Usage: /figures"),
    ("/search " + "x" * 300, "too long"),
    ("/summary abc", "article id"),
    ("/summary 999", "No article 999"),
    ("/latest nosuchtopic", "No topic"),
    ("/figurs El Salvador", "Did you mean: /figures"),
    ("", "Type a command"),
    ("/search ***", "at least one word"),
])
async def test_bad_input_gets_a_clear_answer(app: Runtime, text: str, fragment: str) -> None:
    """Bad input answers ok=false with an actionable sentence, never an exception."""
    reply = await app.router.dispatch(ctx(), text)
    assert reply.ok is False and fragment in reply.text and reply.error


async def test_admin_command_refused_for_others(app: Runtime) -> None:
    """/feeds is for admins; everyone else gets a clear refusal."""
    reply = await app.router.dispatch(ctx(), "/feeds")
    assert not reply.ok and "admins only" in reply.text


async def test_subscribe_needs_manage_channel(app: Runtime) -> None:
    """Subscribing needs channel-management permission, then works and is listed."""
    denied = await app.router.dispatch(ctx(), "/subscribe reserves")
    assert not denied.ok and "manage this channel" in denied.text
    ok = await app.router.dispatch(ctx(manage=True), "/subscribe Reserves")
    assert ok.ok and "reserves" in ok.text
    again = await app.router.dispatch(ctx(manage=True), "/subscribe reserves")
    assert "already" in again.text
    listed = await app.router.dispatch(ctx(), "/subscriptions")
    assert "reserves — instant" in listed.text
    gone = await app.router.dispatch(ctx(manage=True), "/unsubscribe reserves")
    assert gone.ok and "no longer" in gone.text


async def test_unknown_topic_suggests(app: Runtime) -> None:
    """A misspelt topic answers with the closest configured ones."""
    reply = await app.router.dispatch(ctx(manage=True), "/subscribe reserve")
    assert not reply.ok and reply.suggestions and "reserves" in reply.suggestions


async def test_help_lists_commands_and_hides_admin_ones(app: Runtime) -> None:
    """/help lists the registry; admin-only commands only for admins."""
    user = await app.router.dispatch(ctx(), "/help")
    admin = await app.router.dispatch(ctx(admin=True), "/help")
    assert "/figures" in user.text and "/feeds" not in user.text
    assert "/feeds" in admin.text
    one = await app.router.dispatch(ctx(), "/help figures")
    assert one.text.startswith("/figures <entity or topic>")


async def test_a_closing_router_refuses_commands(app: Runtime) -> None:
    """At shutdown commands get a short refusal instead of starting work."""
    assert (await app.router.dispatch(ctx(), "/topics")).ok
    app.router.closing = True
    reply = await app.router.dispatch(ctx(), "/topics")
    assert not reply.ok and "restarting" in (reply.error or "")
