"""Helpers for the Discord adapter tests: a small registry, adapter deps and a SQLite state."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import aiosqlite

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import ArticleRef, FigureItem, Reply
from bot.chat.ports import AdapterDeps
from bot.chat.router import CommandRouter

ENTITIES = ["Nayib Bukele", "Banco Central de Reserva", "El Salvador", "Bukele administration",
            *[f"Bukavu Entity {i}" for i in range(40)]]


class SqliteState:
    """A KeyValueState on a real SQLite file (what the store's table will provide)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def get(self, key: str) -> str | None:
        async with aiosqlite.connect(self.path) as db:
            await db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT)")
            row = await (await db.execute("SELECT value FROM kv WHERE key = ?", (key,))).fetchone()
            return row[0] if row else None

    async def set(self, key: str, value: str) -> None:
        async with aiosqlite.connect(self.path) as db:
            await db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT)")
            await db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, value))
            await db.commit()


class Calls:
    """What the test handlers saw."""

    def __init__(self) -> None:
        self.contexts: list[CommandContext] = []
        self.audits: list[tuple[str, str, str, str, str]] = []
        self.audited = asyncio.Event()


def figures_reply(arg: str) -> Reply:
    """A figures answer with two cited figures."""
    ref = ArticleRef(id=1, title="El Salvador adds to its bitcoin reserve",
                     url="https://news.example/sv-reserve", date=date(2024, 3, 1),
                     source="Example Wire")
    items = [
        FigureItem(value=5689.0, unit="BTC", text="5,689 BTC", subject=arg, kind="holding",
                   sentence="The treasury now holds 5,689 BTC, officials said.", article=ref),
        FigureItem(value=1.4e9, unit="USD", text="$1.4 billion", subject="IMF", kind="loan",
                   sentence="The IMF agreed a $1.4 billion programme.", article=ref),
    ]
    return Reply(command="figures", text=f"2 figures for {arg}", items=items)


def build_registry(calls: Calls) -> Registry:
    """figures (quick), entity (autocomplete), slowsum (slow), feeds (admin), subscribe."""
    reg = Registry()

    async def figures(ctx: CommandContext, arg: str) -> Reply:
        calls.contexts.append(ctx)
        return figures_reply(arg)

    async def entity(ctx: CommandContext, arg: str) -> Reply:
        calls.contexts.append(ctx)
        return Reply(command="entity", text=f"Entity {arg}")

    async def slow(ctx: CommandContext, arg: str) -> Reply:
        calls.contexts.append(ctx)
        return Reply(command="slowsum", text="A summary that took a while.", ephemeral=False)

    async def feeds(ctx: CommandContext, arg: str) -> Reply:
        calls.contexts.append(ctx)
        return Reply(command="feeds", text="2 feeds configured")

    async def subscribe(ctx: CommandContext, arg: str) -> Reply:
        calls.contexts.append(ctx)
        return Reply(command="subscribe", text=f"Subscribed to {arg}", ephemeral=False)

    reg.add(CommandSpec("figures", "Key figures for an entity or topic", "/figures <name>",
                        figures, arg=ArgSpec("name", "an entity or topic",
                                             autocomplete="entity")))
    reg.add(CommandSpec("entity", "Who or what an entity is", "/entity <name>", entity,
                        arg=ArgSpec("name", "an entity", autocomplete="entity")))
    reg.add(CommandSpec("slowsum", "Summarise slowly", "/slowsum [url]", slow,
                        arg=ArgSpec("url", "an article link", required=False), slow=True))
    reg.add(CommandSpec("feeds", "List feeds (admin)", "/feeds", feeds, admin=True))
    reg.add(CommandSpec("subscribe", "Subscribe this channel", "/subscribe <topic>", subscribe,
                        arg=ArgSpec("topic", "a topic", autocomplete="topic"),
                        needs_manage_channel=True))
    return reg


def build_deps(calls: Calls, admin_users: Sequence[str] = ("7",),
               admin_roles: Sequence[str] = ()) -> AdapterDeps:
    """AdapterDeps over the test registry with a list-backed completer."""
    reg = build_registry(calls)

    async def complete(kind: str, prefix: str) -> list[str]:
        pool = ENTITIES if kind == "entity" else ["mining", "reserves", "stablecoins"]
        p = prefix.lower()
        return [n for n in pool if any(w.startswith(p) for w in n.lower().split())]

    def is_admin(platform: str, user_id: str, roles: Sequence[str]) -> bool:
        return platform == "discord" and (
            user_id in admin_users or any(r in admin_roles for r in roles))

    async def audit(platform: str, user_id: str, action: str, detail: str = "", *,
                    channel_id: str | None = None, outcome: str = "ok") -> None:
        calls.audits.append((platform, user_id, action, detail, outcome))
        calls.audited.set()

    return AdapterDeps(router=CommandRouter(reg, audit=audit), registry=reg,
                       complete=complete, is_admin=is_admin)
