"""Pre-parse checks on raw feed bytes: entity declarations, DOCTYPE subsets, root sniffing.

feedparser falls back to a lenient parser that expands internal entities even after expat refuses
them, so entity declarations are refused here, before feedparser ever sees the bytes.
"""

from __future__ import annotations

import codecs
import logging
import re

from bot.feeds.errors import EntityAttack

log = logging.getLogger(__name__)

_ENTITY = re.compile(r"<!\s*ENTITY", re.I)
_DOCTYPE = re.compile(r"<!DOCTYPE\b[^\[>]*([\[>])", re.I)
_SUBSET_END = re.compile(r"\]\s*>")
_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def text_view(body: bytes) -> tuple[str, str | None]:
    """The body as text for structural checks, and the wide codec used (None = byte-per-char)."""
    for prefix, codec in _WIDE:
        if body.startswith(prefix):
            return body.decode(codec, errors="replace"), codec
    return body.decode("latin-1"), None


def _skip_prolog(view: str) -> int:
    """Index of the first element start (or where the prolog parse stopped)."""
    n = len(view)
    pos = 3 if view.startswith("\u00ef\u00bb\u00bf") else 1 if view.startswith("\ufeff") else 0
    while pos < n:
        while pos < n and view[pos].isspace():
            pos += 1
        if view.startswith("<?", pos):
            close = "?>"
        elif view.startswith("<!--", pos):
            close = "-->"
        elif view[pos : pos + 9].upper() == "<!DOCTYPE":
            close = ">"
        else:
            return pos
        end = view.find(close, pos)
        if end < 0:
            return n
        pos = end + len(close)
    return pos


def root_element(body: bytes) -> str | None:
    """The name of the document's root element, lower-cased, or None when there is none."""
    view, _ = text_view(body[:65536])
    m = _ROOT.match(view, _skip_prolog(view))
    return m.group(1).lower() if m else None


def defuse(body: bytes, *, url: str = "") -> bytes:
    """Refuse entity declarations; strip a DOCTYPE internal subset that declares none.

    Raises EntityAttack with a reason in words. Returns the (possibly rewritten) bytes.
    """
    view, codec = text_view(body)
    if _ENTITY.search(view):
        log.warning("refused feed %s: it declares XML entities", url)
        raise EntityAttack("feed declares XML entities (possible entity expansion attack)")
    m = _DOCTYPE.search(view)
    if m is None or m.group(1) != "[":
        return body
    end = _SUBSET_END.search(view, m.end())
    if end is None:
        log.warning("refused feed %s: unterminated DOCTYPE internal subset", url)
        raise EntityAttack("feed has an unterminated DOCTYPE internal subset")
    log.info("stripped a DOCTYPE internal subset from %s", url)
    cleaned = view[: m.start(1)] + ">" + view[end.end() :]
    return cleaned.encode(codec) if codec else cleaned.encode("latin-1")
