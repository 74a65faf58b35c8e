"""Boilerplate removal: keep only the lines that are article content.

Dropped: "Also Read:" / "Read more" / "Related:" teasers, share-widget strings, photo captions and
credits, and headings (short lines without final punctuation such as "Conclusion"). Hard-wrapped
paragraphs are re-joined first so that wrapped lines are not mistaken for headings.
"""

from __future__ import annotations

import re

HEADING_MAX_WORDS = 12
WRAP_MIN_CHARS = 65
_FINAL_PUNCT = tuple('.!?:;"“”‘’\')…')
_BULLET = re.compile(r"^\s*(?:[•*·▪‣◦-]|\d{1,2}[.)])\s+")
_TEASER = re.compile(
    r"^\s*(?:also read|read more|read also|see also|related(?: articles?| stories| news)?|"
    r"recommended(?: for you)?|more from|you may also like|don'?t miss|trending|must read|"
    r"suggested reading|further reading)\b\s*[:\-–—|]?",
    re.IGNORECASE,
)
_WIDGET = re.compile(
    r"^\s*(?:share(?: this)?(?: article| story| post)?(?: on \w+)?|click to share|tweet|"
    r"follow us(?: on \w+)?|subscribe(?: to our newsletter| now)?|sign up(?: for)?|"
    r"advertisement|sponsored|copy link|print|email|listen to this article|"
    r"(?:facebook|twitter|linkedin|telegram|whatsapp|reddit|x)(?:\s*[|,/]?\s*"
    r"(?:facebook|twitter|linkedin|telegram|whatsapp|reddit|x|email))*)\s*[:.!]?\s*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^\s*(?:\(?(?:photo|image|picture|illustration|file photo|credit|source: getty)\b"
    r"[^:]{0,40}[:)]|.*\b(?:getty images|shutterstock|via reuters|ap photo|afp photo)\b.{0,20}$)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"^\s*(?:disclaimer|editor'?s note|this article is for informational purposes)\b",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    """True for teaser links, share widgets, captions and disclaimers."""
    return bool(
        _TEASER.match(line) or _WIDGET.match(line) or _CAPTION.match(line)
        or _DISCLAIMER.match(line)
    )


def is_heading(line: str) -> bool:
    """True for a short line without final punctuation ("Conclusion", a section title)."""
    stripped = line.strip()
    if not stripped:
        return False
    words = stripped.split()
    return len(words) <= HEADING_MAX_WORDS and not stripped.endswith(_FINAL_PUNCT)


def _soft_break(line: str, following: str) -> bool:
    """True when a line break looks like hard wrapping inside a sentence."""
    line = line.rstrip()
    if line.endswith(_FINAL_PUNCT) or is_heading(following):
        return False
    return following[:1].islower() or len(line) >= WRAP_MIN_CHARS


def _unwrap(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of a paragraph; keep headings and genuine line lists apart."""
    out: list[str] = []
    for line in block:
        if out and _soft_break(out[-1], line):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def content_lines(text: str) -> list[str]:
    """The article's content lines, in order, with bullets stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        if raw.strip():
            blocks[-1].append(_BULLET.sub("", raw).strip())
        elif blocks[-1]:
            blocks.append([])
    lines: list[str] = []
    for block in blocks:
        for line in _unwrap(block):
            line = re.sub(r"\s+", " ", line).strip()
            if line and not is_boilerplate(line) and not is_heading(line):
                lines.append(line)
    return lines


def clean_text(text: str) -> str:
    """The article text without boilerplate lines: one content line per paragraph."""
    return "\n".join(content_lines(text))
