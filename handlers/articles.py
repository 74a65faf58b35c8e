"""/latest, /summary and /search: articles with summaries and why they matched."""

from __future__ import annotations

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.messages import ArticleItem, Reply
from bot.services.container import Services
from handlers.cite import article_block


def _listing(command: str, items: list[ArticleItem], empty: str, head: str) -> Reply:
    if not items:
        return Reply(command=command, text=empty, articles=[])
    text = head + "\n\n" + "\n\n".join(article_block(i) for i in items)
    return Reply(command=command, text=text, articles=items)


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The article commands."""
    q = services.queries

    async def latest(_ctx: CommandContext, arg: str) -> Reply:
        items = await q.latest(arg or None)
        where = f" for {arg.strip().lower()}" if arg else ""
        return _listing("latest", items, f"No articles{where} yet.", f"Latest articles{where}:")

    async def summary(_ctx: CommandContext, arg: str) -> Reply:
        item = await q.summary(arg)
        return Reply(command="summary", text=article_block(item), articles=[item])

    async def search(_ctx: CommandContext, arg: str) -> Reply:
        items = await q.search(arg)
        return _listing("search", items, f"No articles mention “{arg}”.",
                        f"Articles matching “{arg}”:")

    return [
        CommandSpec(name="latest", summary="Newest articles, optionally for one topic",
                    usage="/latest [topic]", handler=latest,
                    arg=ArgSpec("topic", "a topic name", required=False, autocomplete="topic",
                                max_length=60),
                    examples=("/latest", "/latest reserves")),
        CommandSpec(name="summary", summary="Summary of one article",
                    usage="/summary <article id or url>", handler=summary,
                    arg=ArgSpec("article", "an article id or URL", max_length=500),
                    examples=("/summary 1",)),
        CommandSpec(name="search", summary="Full-text search over articles",
                    usage="/search <words>", handler=search,
                    arg=ArgSpec("query", "words to search for"),
                    examples=("/search legal tender",)),
    ]
