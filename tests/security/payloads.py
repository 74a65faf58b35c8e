"""Hostile inputs, generated at test time (nothing large is committed).

Each generator returns bytes or text built from our own fixed pieces; sizes are parameters so a
test can pick one that shows the problem on unpatched code without costing minutes.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from email.utils import format_datetime


def rss(items: str, title: str = "Hostile wire", decl: bool = True) -> str:
    """An RSS 2.0 document around `items` (with an XML declaration when `decl`)."""
    head = '<?xml version="1.0"?>' if decl else ""
    return (f'{head}<rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://hostile.example/</link>{items}</channel></rss>")


def item(n: int, description: str = "A short note.", title: str | None = None,
         link: str | None = None) -> str:
    """One RSS item dated now (so a backfill takes it)."""
    return (f"<item><title>{title or f'Item {n}'}</title>"
            f"<link>{link or f'https://hostile.example/{n}'}</link><guid>hostile-{n}</guid>"
            f"<pubDate>{format_datetime(datetime.now(UTC), usegmt=True)}</pubDate>"
            f"<description>{description}</description></item>")


# ---- item 1: entity declarations in BOM-less UTF-16 / UTF-32 ---------------------------------
def wide_entity_feed(codec: str, value_chars: int = 5_000, refs: int = 2_000) -> bytes:
    """A feed whose one "safe" entity is referenced `refs` times (value_chars * refs characters
    once expanded), encoded without a byte-order mark and starting with a newline, so neither
    the BOM nor the first bytes give the encoding away."""
    doc = ("\n<!DOCTYPE rss [\n<!ENTITY a \"" + "A" * value_chars + "\">\n]>\n"
           + rss(item(1, "&a;" * refs), decl=False))
    return doc.encode(codec)


# ---- item 3: pages whose cost escapes the byte cap -------------------------------------------
def article_html(paragraphs: int, words: str = "The ministry set out the licensing rules.") -> str:
    """An article page with `paragraphs` paragraphs of the same sentence (HTML, as text)."""
    body = "".join(f"<p>{words} Paragraph {i} adds detail on reserves and fees.</p>"
                   for i in range(paragraphs))
    return (f"<html><head><title>Long page</title></head><body><article><h1>Long page</h1>"
            f"{body}</article></body></html>")


def gzip_page(raw_mib: int = 20) -> bytes:
    """gzip'd HTML (about `raw_mib` MiB inflated) meant to be sent without Content-Encoding."""
    return gzip.compress(article_html(raw_mib * 11_000).encode(), compresslevel=9)


# ---- item 4: parser CPU within the byte cap ---------------------------------------------------
def many_attributes(n: int = 30_000) -> bytes:
    """One item element carrying `n` attributes."""
    attrs = " ".join(f'a{i}="v"' for i in range(n))
    return rss(f"<item {attrs}><title>t</title></item>").encode()


def empty_items(n: int = 1_000_000) -> bytes:
    """`n` empty items (7 bytes each)."""
    return rss("<item/>" * n).encode()


def nested_elements(n: int = 100_000) -> bytes:
    """An item whose description nests `n` elements."""
    return rss(f"<item><title>t</title><description>{'<x>' * n}{'</x>' * n}</description>"
               "</item>").encode()


def many_items(n: int = 250_000) -> bytes:
    """`n` small items, each with its own title."""
    return rss("".join(f"<item><title>t{i}</title></item>" for i in range(n))).encode()


def one_big_item(size: int) -> bytes:
    """One item whose description is `size` bytes of words (parsing copies it several times)."""
    return rss(item(1, "word " * (size // 5))).encode()


def many_elements(n: int = 2_000_000) -> bytes:
    """One item and `n` empty unknown elements: passes the structure checks, costs feedparser
    tens of CPU seconds."""
    return rss("<item><title>t</title></item>" + "<x/>" * n).encode()


# ---- item 5: JSON Feed recursion --------------------------------------------------------------
def nested_json_feed(depth: int = 100_000) -> bytes:
    """A JSON Feed whose items list nests `depth` arrays."""
    head = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Deep"})[:-1]
    return (head + ', "items": ' + "[" * depth + "]" * depth + "}").encode()


# ---- item 2 (teaser tail) and other regexes on outside text -----------------------------------
LONG_TEXT = "The finance ministry published the full licensing rules for exchanges. " * 12


def teaser_spaces(n: int = 60_000) -> str:
    """A summary ending "read more", a long run of spaces, then one more word."""
    return "Policy news. read more" + " " * n + "x"


def link_flood(n: int = 40_000) -> bytes:
    """An HTML page of `n` unterminated `<link` tags (quadratic for a `[^>]*` pattern)."""
    return b"<html><head>" + b"<link " * n + b"</head></html>"


# ---- item 7: Discord markdown injection -------------------------------------------------------
MASKED_LINK = "[Official notice](https://phish.example/login)"
BREAKOUT_URL = "https://news.example/a1)[Verify](https://phish.example/x"


# ---- item 8: terminal escapes -----------------------------------------------------------------
TERMINAL_TITLE = ("Wire \x1b]0;pwned\x07 title \x1b[2J\x1b[31mred\x1b[0m "
                  "\x1b]8;;https://phish.example/\x1b\\link\x1b]8;;\x1b\\ bell\x07 \x9b31m end")
CONTROL_CHARS = [chr(c) for c in (*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0))]


# ---- item 9: YAML bombs -----------------------------------------------------------------------
def merge_bomb(levels: int = 26, width: int = 2) -> str:
    """A small config in which each level merges the previous one `width` times."""
    lines = ["l0: &l0 {k0: 0}"]
    for i in range(1, levels):
        refs = ", ".join(f"*l{i - 1}" for _ in range(width))
        lines.append(f"l{i}: &l{i} {{<<: [{refs}], k{i}: {i}}}")
    lines.append("topics:")
    lines.append(f"  - {{name: bomb, keywords: [x], <<: *l{levels - 1}}}")
    return "\n".join(lines) + "\n"


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Nested lists of aliases ("billion laughs" in YAML)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(width))}]")
    lines.append("topics:")
    lines.append(f"  - {{name: bomb, keywords: *a{levels - 1}}}")
    return "\n".join(lines) + "\n"


def many_topics(n: int = 40_000, duplicate: bool = True) -> str:
    """`n` topics (the last one repeating the first name when `duplicate`)."""
    rows = [f"  - {{name: t{i}, keywords: [k{i}]}}" for i in range(n)]
    if duplicate:
        rows[-1] = "  - {name: t0, keywords: [again]}"
    return "topics:\n" + "\n".join(rows) + "\n"


# ---- item 16: OPML ---------------------------------------------------------------------------
def opml(urls: list[str], title: str = "My subscriptions") -> str:
    """An OPML 2.0 subscription list of `urls`, nested one level in a category outline."""
    outlines = "".join(f'<outline type="rss" text="Feed {i}" xmlUrl="{u}"/>'
                       for i, u in enumerate(urls))
    return (f'<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>{title}'
            f'</title></head><body><outline text="Policy">{outlines}</outline></body></opml>')
