"""Render neutral `Reply` and `Card` models as Slack Block Kit messages."""

from __future__ import annotations

from typing import Any

from bot.adapters.slack.blocks import (
    SECTION_TEXT_MAX,
    Block,
    cap_blocks,
    context,
    esc,
    fields_section,
    fit_lines,
    link,
    section,
    truncate,
)
from bot.chat.format import format_date
from bot.chat.messages import ArticleItem, ArticleRef, Card, EntityInfo, FigureItem, Reply

DELIVERY_EVENT = "policywire_delivery"
SHARE_ACTION = "policywire_share"
FALLBACK_MAX = 3000


def _cite(ref: ArticleRef) -> str:
    parts = [link(ref.url, ref.title)]
    parts += [esc(x) for x in (ref.source, format_date(ref.date)) if x]
    return " · ".join(parts)


def _figure(item: FigureItem) -> Block:
    head = f"*{esc(item.text)}*"
    about = " · ".join(esc(x) for x in (item.subject, item.measure, item.qualifier) if x)
    if about:
        head += f" — {about}"
    quote = "> " + esc(truncate(item.sentence, 1200)).replace("\n", " ")
    return section(fit_lines([head, quote, _cite(item.article)]))


def _article(item: ArticleItem) -> list[Block]:
    lines = [f"*{link(item.url, item.title)}*"]
    if item.summary:
        lines.append(esc(truncate(item.summary, 1500)))
    lines += [f"• _{esc(t.topic)}_: {esc(t.reason)}" for t in item.topics]
    meta = [esc(x) for x in (item.source, format_date(item.date)) if x]
    blocks = [section(fit_lines(lines))]
    if meta:
        blocks.append(context([" · ".join(meta)]))
    return blocks


def _entity(info: EntityInfo) -> list[Block]:
    lines = [f"*{esc(info.name)}* ({esc(info.type)}) · {info.mentions} mentions"]
    if info.aliases:
        lines.append("Also known as: " + esc(", ".join(info.aliases)))
    for role in info.roles[:10]:
        lines.append("• " + esc(role.text) + (f", {esc(role.org)}" if role.org else ""))
    if info.related:
        lines.append("Related: " + esc(", ".join(info.related[:15])))
    blocks = [section(fit_lines(lines))]
    if info.articles:
        blocks.append(section(fit_lines(["*Articles*"] + ["• " + _cite(a) for a in info.articles])))
    return blocks


def _text_sections(text: str) -> list[Block]:
    """Plain reply text, escaped, split into sections on line boundaries."""
    blocks: list[Block] = []
    chunk: list[str] = []
    size = 0
    for line in esc(text).split("\n"):
        line = truncate(line, SECTION_TEXT_MAX)
        if chunk and size + len(line) + 1 > SECTION_TEXT_MAX:
            blocks.append(section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk and any(c.strip() for c in chunk):
        blocks.append(section("\n".join(chunk)))
    return blocks


def reply_blocks(reply: Reply, share_key: str | None = None) -> list[Block]:
    """Block Kit for a command answer; a "Share in channel" button when `share_key` is set."""
    blocks: list[Block] = []
    if reply.latest:
        lines = ["*Latest per measure*"] + [
            f"• {esc(i.measure or i.kind)}: *{esc(i.text)}* — {_cite(i.article)}"
            for i in reply.latest]
        blocks.append(section(fit_lines(lines)))
    if reply.items:
        blocks.append(section(esc(f"{len(reply.items)} figure(s)") + f" for /{esc(reply.command)}"))
        blocks += [_figure(i) for i in reply.items]
    elif reply.entity is not None:
        blocks += _entity(reply.entity)
    elif reply.articles:
        for a in reply.articles:
            blocks += _article(a)
    elif reply.topics:
        lines = [f"• *{esc(t.name)}*" + (f" — {esc(t.description)}" if t.description else "")
                 + f" ({t.matches} matches{', subscribed' if t.subscribed else ''})"
                 for t in reply.topics]
        blocks.append(section(fit_lines(lines)))
    else:
        blocks += _text_sections(reply.text or reply.error or "")
    if not blocks:
        blocks.append(section("(no answer)"))
    if reply.suggestions and (reply.items or reply.entity or reply.articles or reply.topics):
        blocks.append(context(["Did you mean: " + esc(", ".join(reply.suggestions))]))
    reserve = 1 if share_key else 0
    blocks = cap_blocks(blocks, reserve)
    if share_key:
        blocks.append({
            "type": "actions",
            "elements": [{
                "type": "button",
                "action_id": SHARE_ACTION,
                "text": {"type": "plain_text", "text": "Share in channel"},
                "value": share_key,
            }],
        })
    return blocks


def reply_fallback(reply: Reply) -> str:
    """The escaped plain `text` sent with the blocks (notifications, old clients)."""
    return truncate(esc(reply.text or reply.error or reply.command), FALLBACK_MAX)


def card_blocks(card: Card) -> list[Block]:
    """Block Kit for an alert card: title, source/date, summary, topics, figures, also-reported."""
    blocks: list[Block] = [section("*" + link(card.url, truncate(card.title, 300)) + "*")]
    meta = [esc(x) for x in (card.source, format_date(card.date)) if x]
    if meta:
        blocks.append(context([" · ".join(meta)]))
    if card.summary:
        blocks.append(section(esc(truncate(card.summary, 2800))))
    if card.topics:
        lines = [f"• *{esc(t.topic)}* — {esc(t.reason)}" for t in card.topics]
        blocks.append(section(fit_lines(["*Matched topics*", *lines])))
    if any("\n" in f.value for f in card.fields):  # digests: one section per topic
        for f in card.fields:
            lines = [f"*{esc(f.name)}*", *(esc(x) for x in f.value.splitlines())]
            blocks.append(section(fit_lines(lines)))
    else:  # figures, sources: a two-column grid, 10 fields per section
        pairs = [(f.name, f.value) for f in card.fields]
        blocks += [fields_section(pairs[i:i + 10]) for i in range(0, len(pairs), 10)]
    if card.also_reported_by:
        blocks.append(context(["Also reported by: " + esc(", ".join(card.also_reported_by))]))
    if card.footer:
        blocks.append(context([esc(card.footer)]))
    return cap_blocks(blocks)


def card_fallback(card: Card) -> str:
    """Escaped plain fallback `text` for an alert."""
    lines = [link(card.url, card.title)]
    meta = " · ".join(esc(x) for x in (card.source, format_date(card.date)) if x)
    if meta:
        lines.append(meta)
    if card.summary:
        lines.append(esc(card.summary))
    for f in card.fields:
        lines += [f"{esc(f.name)}:", *(esc(x) for x in f.value.splitlines())]
    return fit_lines(lines, FALLBACK_MAX)


def card_message(card: Card, delivery_id: str) -> dict[str, Any]:
    """The chat.postMessage arguments (minus channel) for an alert, with delivery metadata."""
    return {
        "text": card_fallback(card),
        "blocks": card_blocks(card),
        "metadata": {"event_type": DELIVERY_EVENT, "event_payload": {"delivery_id": delivery_id}},
        "unfurl_links": False,
        "unfurl_media": False,
    }
