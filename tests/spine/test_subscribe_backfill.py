"""/subscribe starts from now; `--backfill [N]` asks for the topic's N newest articles too."""

from __future__ import annotations

from bot.app import Runtime


async def test_backfill_count_is_bounded(app: Runtime) -> None:
    for arg in ("--backfill 0", "--backfill 21", "--backfill=99"):
        reply = await app.ask(f"/subscribe reserves {arg}")
        assert not reply.ok and "1 to 20" in reply.text and "--backfill" in reply.text


async def test_subscribe_with_backfill_on_an_empty_store(app: Runtime) -> None:
    reply = await app.ask("/subscribe reserves --backfill")
    assert reply.ok
    assert "now receives alerts for reserves, from now on" in reply.text
    assert "0 earlier articles are on the way" in reply.text
    subs = await app.services.subscriptions.list("cli", "cli")
    assert [s.topic for s in subs] == ["reserves"]


async def test_unknown_topic_with_backfill_suggests_names(app: Runtime) -> None:
    reply = await app.ask("/subscribe reserve --backfill 2")
    assert not reply.ok and "reserves" in reply.suggestions
