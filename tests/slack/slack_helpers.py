"""A small real registry, admin check and audit recorder for the Slack adapter tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import ArticleRef, FigureItem, Reply
from bot.chat.ports import AdapterDeps
from bot.chat.router import CommandRouter

ADMIN = "U0ADMIN"
SEED_REF = ArticleRef(id=1, title="El Salvador <adds> to its bitcoin reserve",
                      url="https://news.example/el-salvador-reserve", date=date(2024, 3, 15),
                      source="Example News")


async def figures(ctx: CommandContext, arg: str) -> Reply:
    """A real handler: two figure items for whatever subject was asked."""
    items = [
        FigureItem(value=6240, unit="BTC", text="6,240 BTC", subject=arg, measure="holdings",
                   sentence=f"{arg} now holds 6,240 BTC, said @everyone at <!channel>.",
                   article=SEED_REF),
        FigureItem(value=1, unit="BTC", qualifier="per day", text="1 BTC a day", subject=arg,
                   measure="purchases", sentence=f"{arg} buys 1 BTC a day.", article=SEED_REF),
    ]
    return Reply(command="figures", text=f"{arg}: 6,240 BTC; 1 BTC a day", items=items)


async def echo(ctx: CommandContext, arg: str) -> Reply:
    """Says who asked where, publicly when asked to."""
    return Reply(command="echo", text=f"{ctx.user_id} in {ctx.channel_id}: {arg}",
                 ephemeral=arg != "public")


async def reload(ctx: CommandContext, arg: str) -> Reply:
    """An admin command."""
    return Reply(command="reload", text="Configuration reloaded.")


def build_registry() -> Registry:
    """figures, echo and an admin-only reload."""
    reg = Registry()
    reg.add(CommandSpec(name="figures", summary="Key figures for an entity or topic",
                        usage="/figures <entity or topic>", handler=figures,
                        arg=ArgSpec(name="subject", description="an entity or topic")))
    reg.add(CommandSpec(name="echo", summary="Echo", usage="/echo [text]", handler=echo,
                        arg=ArgSpec(name="text", description="text", required=False)))
    reg.add(CommandSpec(name="reload", summary="Reload config", usage="/reload",
                        handler=reload, admin=True))
    return reg


@dataclass
class Audit:
    """Records audit calls."""

    entries: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    async def __call__(self, platform: str, user_id: str, action: str, detail: str = "", *,
                       channel_id: str | None = None, outcome: str = "ok") -> None:
        self.entries.append((platform, user_id, action, detail, outcome))


def is_admin(platform: str, user_id: str, roles: Sequence[str]) -> bool:
    """Only ADMIN on slack."""
    return platform == "slack" and user_id == ADMIN


async def complete(kind: str, prefix: str) -> list[str]:
    """No completions needed on Slack."""
    return []


def build_deps(audit: Audit) -> AdapterDeps:
    """AdapterDeps around `build_registry()` and a real CommandRouter that audits."""
    reg = build_registry()
    return AdapterDeps(router=CommandRouter(reg, audit=audit), registry=reg,
                       complete=complete, is_admin=is_admin)
