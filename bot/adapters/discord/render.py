"""Render neutral replies and alert cards as Discord embeds within Discord's limits.

Limits: title 256, description 4,096, 25 fields (name 256, value 1,024), footer 2,048 and
6,000 characters over all embeds of one message. Text is cut at a word boundary and ends in "…".
Every piece of outside text (article titles, summaries, sources, figures, names, reasons, reply
text) goes through `md()` before it is combined with our own markup: markdown characters are
backslash-escaped (no masked links, headings, quotes, spoilers or code from a feed) and mentions
are broken so they cannot ping (@everyone, @here, <@id>). Link targets go through `safe_url`,
which keeps only http(s) and percent-encodes the characters that could close a masked link.
Footers are plain text on Discord and are only neutralised.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import discord

from bot.chat.format import format_date
from bot.chat.messages import ArticleRef, Card, FigureItem, Reply

TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, TOTAL = (
    256, 4096, 25, 256, 1024, 2048, 6000)
BRAND = 0x2B6CB0
ERROR = 0xD64545
ELLIPSIS = "…"
_MENTION = re.compile(r"@(everyone|here)|<@([!&]?\d+)>")
_INLINE = frozenset("\\*_~`|[]()<>")  # markup anywhere in a line (links, emphasis, spoilers)
_LINE_START = frozenset("#->+")  # headings, lists, quotes
_URL_SAFE = ":/?#@!$&'*+,;=%~"  # kept as is in a link target; the rest is percent-encoded


def neutralise(text: str) -> str:
    """Break mass and user/role mentions so they render but never notify."""
    return _MENTION.sub(
        lambda m: f"@\u200b{m.group(1)}" if m.group(1) else f"<@\u200b{m.group(2)}>", text)


def escape_markdown(text: str) -> str:
    """`text` with every markdown character backslash-escaped, so Discord shows it literally.

    Inline markup is escaped everywhere; `#`, `-`, `>`, `+` and `1.` only start a block at the
    beginning of a line, so they are escaped there (after any indentation). One linear pass.
    """
    out: list[str] = []
    line_start = True
    for i, ch in enumerate(text):
        if ch == "\n":
            line_start = True
        elif line_start and ch in " \t":
            pass
        elif line_start and (ch in _LINE_START or (ch == "." and i and text[i - 1].isdigit())):
            out.append("\\")
            line_start = False
        else:
            if ch in _INLINE:
                out.append("\\")
            line_start = line_start and ch.isdigit()
        out.append(ch)
    return "".join(out)


def md(text: str | None) -> str:
    """Outside text made inert for an embed: markdown escaped, mentions broken."""
    return neutralise(escape_markdown((text or "").strip()))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that cannot end a masked link early, or None for any other URL."""
    raw = (url or "").strip()
    try:
        scheme = urlsplit(raw).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    return quote(raw, safe=_URL_SAFE)


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, ending in "…" when cut."""
    text = neutralise((text or "").strip())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:-–—(") + ELLIPSIS


def _link(ref: ArticleRef) -> str:
    title = truncate(md(ref.title), 120).rstrip("\\")
    url = safe_url(ref.url)
    return f"[{title}]({url})" if url else title


def _cite(ref: ArticleRef) -> str:
    meta = " · ".join(x for x in (md(ref.source), format_date(ref.date)) if x)
    return _link(ref) + (f" ({meta})" if meta else "")


def add_field(embed: discord.Embed, name: str, value: str, inline: bool = False) -> bool:
    """Add a field within the per-field limits; False when the embed already has 25."""
    if len(embed.fields) >= FIELDS:
        return False
    embed.add_field(name=truncate(name, FIELD_NAME) or "\u200b",
                    value=truncate(value, FIELD_VALUE) or "\u200b", inline=inline)
    return True


def fit(embed: discord.Embed, budget: int = TOTAL) -> discord.Embed:
    """Drop trailing fields, then shorten the description, until the embed fits `budget`."""
    dropped = 0
    while len(embed) > budget and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
        dropped += 1
    if dropped:
        note = f"{dropped} more not shown"
        text = embed.footer.text
        head = truncate(text, FOOTER - len(note) - 3) if text else ""
        embed.set_footer(text=f"{head} · {note}" if head else note)
    over = len(embed) - budget
    if over > 0 and embed.description:
        embed.description = truncate(embed.description, max(1, len(embed.description) - over))
    return embed


def card_embed(card: Card, ref: str | None = None) -> discord.Embed:
    """An alert card as one embed: linked title, summary, topics, figures, sources.

    `ref` (a short delivery reference) ends the footer, so the adapter can recognise its own
    post in the channel history after a restart; it survives any trimming done to fit.
    """
    embed = discord.Embed(title=truncate(md(card.title), TITLE), url=safe_url(card.url),
                          description=truncate(md(card.summary), DESCRIPTION) or None,
                          colour=card.color if card.color is not None else BRAND)
    for hit in card.topics:
        add_field(embed, f"Topic: {md(hit.topic)}", md(hit.reason))
    for f in card.fields:
        add_field(embed, md(f.name), md(f.value), inline=True)
    if card.also_reported_by:
        add_field(embed, "Also reported by", ", ".join(md(x) for x in card.also_reported_by))
    footer = " · ".join(
        x for x in (card.source or "", format_date(card.date), card.footer or "") if x)
    if footer:
        embed.set_footer(text=truncate(footer, FOOTER))
    if not ref:
        return fit(embed)
    tail = f"ref {ref}"
    embed = fit(embed, TOTAL - len(tail) - 3)
    head = truncate(embed.footer.text, FOOTER - len(tail) - 3) if embed.footer.text else ""
    embed.set_footer(text=f"{head} · {tail}" if head else tail)
    return embed


def _figure_field(item: FigureItem) -> tuple[str, str]:
    who = md(item.subject or item.measure or "Figure")
    name = f"{who}: {md(item.text)}" + (f" ({md(item.qualifier)})" if item.qualifier else "")
    quote = truncate(md(item.sentence), FIELD_VALUE - 200)
    return name, f"“{quote}”\n{_cite(item.article)}"


def _body(reply: Reply, embed: discord.Embed) -> None:
    if reply.latest:
        add_field(embed, "Latest per measure", "\n".join(
            f"{md(i.measure or i.kind)}: **{md(i.text)}** — {_cite(i.article)}"
            for i in reply.latest))
    if reply.items:
        for item in reply.items:
            if not add_field(embed, *_figure_field(item)):
                break
    if reply.entity is not None:
        ent = reply.entity
        embed.title = truncate(f"{md(ent.name)} ({md(ent.type)})", TITLE)
        if ent.aliases:
            add_field(embed, "Also known as", ", ".join(md(a) for a in ent.aliases))
        if ent.roles:
            add_field(embed, "Roles", "\n".join(
                md(r.text) + (f", {md(r.org)}" if r.org else "") for r in ent.roles))
        if ent.articles:
            add_field(embed, f"Articles ({ent.mentions} mentions)",
                      "\n".join(_cite(a) for a in ent.articles))
        if ent.related:
            add_field(embed, "Related", ", ".join(md(r) for r in ent.related))
    for art in reply.articles or []:
        topics = ", ".join(md(t.topic) for t in art.topics)
        value = "\n".join(x for x in (truncate(md(art.summary), 600), _cite(art),
                                      f"Topics: {topics}" if topics else "") if x)
        if not add_field(embed, md(art.title), value):
            break
    if reply.topics:
        lines = [f"**{md(t.name)}**" + (f" — {md(t.description)}" if t.description else "")
                 + f" ({t.matches} matches)" + (" ✓ subscribed" if t.subscribed else "")
                 for t in reply.topics]
        embed.description = truncate("\n".join(lines), DESCRIPTION)


def reply_embeds(reply: Reply) -> list[discord.Embed]:
    """A command reply as embeds (one, fitted to the 6,000-character message budget)."""
    colour = BRAND if reply.ok else ERROR
    structured = bool(reply.items or reply.entity or reply.articles or reply.topics)
    text = reply.text if not structured or not reply.ok else ""
    embed = discord.Embed(
        title=truncate(f"/{md(reply.command)}", TITLE) if reply.command else None,
        description=truncate(md(text), DESCRIPTION) or None, colour=colour)
    if reply.ok:
        _body(reply, embed)
        if structured and not embed.fields and not embed.description:
            embed.description = truncate(md(reply.text), DESCRIPTION) or None
    return [fit(embed)]

