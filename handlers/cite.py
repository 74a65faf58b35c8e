"""Plain-text citation helpers shared by handlers."""

from __future__ import annotations

from bot.chat.format import format_date
from bot.chat.messages import ArticleItem, ArticleRef


def cite(ref: ArticleRef) -> str:
    """"[#3 Title, 2025-05-23]" — every stated fact carries one."""
    when = format_date(ref.date)
    return f"[#{ref.id} {ref.title}{', ' + when if when else ''}]"


def article_block(item: ArticleItem) -> str:
    """An article with id, date, source, link, summary and matched topics, as plain text."""
    head = f"#{item.id} {item.title}"
    meta = " · ".join(x for x in (item.source or "", format_date(item.date), item.url or "") if x)
    lines = [head] + ([meta] if meta else [])
    if item.summary:
        lines.append(item.summary)
    for t in item.topics:
        lines.append(f"  topic {t.topic}: {t.reason}")
    return "\n".join(lines)
