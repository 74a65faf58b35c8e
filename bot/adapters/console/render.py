"""Plain-text rendering of alert cards and replies for a terminal."""

from __future__ import annotations

from bot.chat.format import format_date
from bot.chat.messages import Card, Reply

RULE = "─" * 72


def render_card(card: Card, channel_id: str) -> str:
    """An alert as a boxed block of text."""
    lines = [RULE, f"ALERT #{channel_id}  {card.title}"]
    meta = " · ".join(x for x in (card.source or "", format_date(card.date), card.url or "") if x)
    if meta:
        lines.append(meta)
    if card.summary:
        lines += ["", card.summary]
    if card.topics:
        lines.append("")
        lines += [f"Topic {t.topic}: {t.reason}" for t in card.topics]
    if card.fields:
        lines.append("Key figures: " + "; ".join(f"{f.name}: {f.value}" for f in card.fields))
    if card.also_reported_by:
        lines.append("Also reported by: " + ", ".join(card.also_reported_by))
    if card.article_id:
        lines.append(f"(/summary {card.article_id})")
    lines.append(RULE)
    return "\n".join(lines)


def render_reply(reply: Reply) -> str:
    """A reply's plain text (errors are prefixed so they stand out)."""
    return reply.text if reply.ok else f"! {reply.text}"
