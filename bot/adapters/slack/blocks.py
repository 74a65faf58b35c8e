"""Low-level Block Kit helpers: mrkdwn escaping, truncation and size-safe block builders.

Everything that may contain article-derived text goes through `esc` before it is placed in a
mrkdwn field, so an article can never trigger `<!channel>`, `<!here>`, `<@U123>` or `@everyone`.
"""

from __future__ import annotations

import re
from typing import Any

SECTION_TEXT_MAX = 3000
FIELD_TEXT_MAX = 2000
HEADER_MAX = 150
MAX_BLOCKS = 50
CONTEXT_ELEMENTS_MAX = 10
ELLIPSIS = "…"
ZWJ = "\u200d"

_BROADCAST = re.compile(r"@(everyone|here|channel)\b", re.IGNORECASE)
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
_SAFE_URL = re.compile(r"^https?://[^\s<>|]+$", re.IGNORECASE)

Block = dict[str, Any]


def neutralise(text: str) -> str:
    """Break `@everyone`, `@here` and `@channel` with a zero-width joiner after the `@`."""
    return _BROADCAST.sub(lambda m: "@" + ZWJ + m.group(1), text)


def esc(text: object) -> str:
    """Escape text for Slack mrkdwn: `&`, `<`, `>` become entities; broadcast words break."""
    s = str(text) if text is not None else ""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return neutralise(s)


def truncate(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, ending with "…"."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= limit // 2:
        cut = cut[:space]
    cut = _PARTIAL_ENTITY.sub("", cut).rstrip(" \n\t,;:.-")
    return cut + ELLIPSIS


def link(url: str | None, label: str) -> str:
    """A mrkdwn link `<url|label>` with an escaped label; just the label for unsafe URLs."""
    text = esc(label)
    if not url or not _SAFE_URL.match(url):
        return text
    safe = url.replace("&", "&amp;")
    return f"<{safe}|{text}>" if text else f"<{safe}>"


def fit_lines(lines: list[str], limit: int = SECTION_TEXT_MAX) -> str:
    """Join whole lines while they fit in `limit`; mark dropped lines with "…"."""
    out: list[str] = []
    size = 0
    for line in lines:
        extra = len(line) + (1 if out else 0)
        if size + extra > limit:
            if not out:
                return truncate(line, limit)
            if size + 2 <= limit:
                out.append(ELLIPSIS)
            else:
                out[-1] = truncate(out[-1], len(out[-1]) - 1)
            break
        out.append(line)
        size += extra
    return "\n".join(out)


def section(text: str) -> Block:
    """A mrkdwn section; `text` must already be escaped."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_TEXT_MAX)}}


def fields_section(pairs: list[tuple[str, str]]) -> Block:
    """A section of up to 10 mrkdwn fields, each "*name*\\nvalue" (escaped here)."""
    fields = [
        {"type": "mrkdwn", "text": truncate(f"*{esc(name)}*\n{esc(value)}", FIELD_TEXT_MAX)}
        for name, value in pairs[:10]
    ]
    return {"type": "section", "fields": fields}


def header(text: str) -> Block:
    """A plain-text header (not parsed for mentions), at most 150 characters."""
    return {"type": "header",
            "text": {"type": "plain_text", "text": truncate(neutralise(text), HEADER_MAX)}}


def context(parts: list[str]) -> Block:
    """A context block of mrkdwn elements; `parts` must already be escaped."""
    elements = [{"type": "mrkdwn", "text": truncate(p, SECTION_TEXT_MAX)} for p in parts if p]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS_MAX]}


def cap_blocks(blocks: list[Block], reserve: int = 0) -> list[Block]:
    """Keep at most 50 blocks (minus `reserve`), ending with a "…and more" note when cut."""
    room = MAX_BLOCKS - reserve
    if len(blocks) <= room:
        return blocks
    kept = blocks[: room - 1]
    hidden = len(blocks) - len(kept)
    return [*kept, context([f"{ELLIPSIS} and {hidden} more not shown"])]
