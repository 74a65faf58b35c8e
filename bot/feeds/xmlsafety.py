"""Pre-parse checks on raw feed bytes: entity declarations, DOCTYPE subsets, root sniffing.

feedparser falls back to a lenient parser that expands internal entities even after expat refuses
them, so entity declarations are refused here, before feedparser ever sees the bytes.

The checks read the bytes as feedparser would decode them. feedparser tries the HTTP charset,
the XML declaration's encoding, an EBCDIC signature, then UTF-8 and two ASCII-transparent
8-bit codecs. An encoding in which markup is not plain ASCII bytes (UTF-7 writes "<" as
"+ADw-", EBCDIC as 0x4C) would hide a declaration from a byte-level search, so a document that
names one is searched in that decoding too, and refused if its markup needs it. UTF-16 and
UTF-32 need no name at all: without a byte-order mark (the charset given only in the HTTP
header, or sniffed by feedparser) every ASCII character is its byte plus NUL bytes, so a body
holding NUL bytes is also searched with the NULs dropped, whatever its byte order or alignment.
"""

from __future__ import annotations

import codecs
import logging
import re
from urllib.parse import urljoin

from bot.feeds.errors import EntityAttack

log = logging.getLogger(__name__)

_ENTITY = re.compile(r"<!\s*ENTITY", re.I)
_DOCTYPE = re.compile(r"<!DOCTYPE\b[^\[>]*([\[>])", re.I)
_SUBSET_END = re.compile(r"\]\s*>")
_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_XML_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC (what feedparser sniffs as cp037)
# Codecs in which every ASCII markup character is its own single byte, and only that byte.
_TRANSPARENT = re.compile(r"(ascii|utf[-_]?8|latin[-_]?1|iso8859[-_]\d+|cp125\d|mac[-_].*|"
                          r"koi8[-_].*|cp8[56]\d|tis[-_]?620|gb2312|gbk|gb18030|big5.*|"
                          r"euc[-_].*|shift[-_]?jis.*|cp932|cp949|cp950|johab)$")
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


def _hidden_markup_codecs(view: str, body: bytes, charset: str | None) -> list[str]:
    """Codecs feedparser might decode `body` with in which markup is not plain ASCII."""
    names = [charset] if charset else []
    declared = _XML_ENCODING.search(view[:1024])
    if declared:
        names.append(declared.group(1))
    if body.startswith(_EBCDIC_XML):
        names.append("cp037")
    out = []
    for name in names:
        try:
            codec = codecs.lookup(name.strip()).name
        except LookupError:
            continue  # feedparser cannot use it either
        if not _TRANSPARENT.match(codec) and not codec.startswith(("utf-16", "utf-32")):
            out.append(codec)
    return out


def _nul_free_markup(body: bytes) -> str | None:
    """The ASCII markup of a UTF-16/UTF-32 body read without its codec: NUL bytes dropped."""
    if b"\x00" not in body:
        return None
    return body.replace(b"\x00", b"").decode("latin-1")


def _refuse_wide(body: bytes, url: str) -> None:
    """Refuse entity declarations or a DOCTYPE subset that only show in the NUL-free view."""
    markup = _nul_free_markup(body)
    if markup is None:
        return
    subset = _DOCTYPE.search(markup)
    if _ENTITY.search(markup) or (subset and subset.group(1) == "["):
        log.warning("refused feed %s: DOCTYPE subset or entities in UTF-16/UTF-32 markup", url)
        raise EntityAttack("feed in a UTF-16 or UTF-32 encoding without a byte-order mark has a "
                           "DOCTYPE internal subset or entity declarations (possible entity "
                           "expansion attack)")


def alternate_feed(body: bytes, url: str) -> str | None:
    """The feed an HTML page names with `<link type="application/rss+xml" href=...>`, if any.

    Plain string search over the first 200,000 bytes (linear; no regex backtracking).
    """
    raw = body[:200_000]
    low = raw.lower()
    pos = 0
    while (start := low.find(b"<link", pos)) >= 0:
        end = low.find(b">", start)
        if end < 0:
            return None
        tag, pos = low[start:end], end
        if b"application/rss+xml" not in tag and b"application/atom+xml" not in tag:
            continue
        at = tag.find(b"href=")
        quote = raw[start + at + 5 : start + at + 6] if at >= 0 else b""
        if quote in (b'"', b"'"):
            close = tag.find(quote, at + 6)
            if close > at + 6:
                return urljoin(url, raw[start + at + 6 : start + close].decode("latin-1"))
    return None


def defuse(body: bytes, *, url: str = "", charset: str | None = None) -> bytes:
    """Refuse entity declarations; strip a DOCTYPE internal subset that declares none.

    `charset` is the HTTP Content-Type charset, if any. Raises EntityAttack with a reason in
    words. Returns the (possibly rewritten) bytes.
    """
    view, codec = text_view(body)
    if codec is None:
        _refuse_wide(body, url)
        for other in _hidden_markup_codecs(view, body, charset):
            decoded = body.decode(other, errors="replace")
            subset = _DOCTYPE.search(decoded)
            if _ENTITY.search(decoded) or (subset and subset.group(1) == "["):
                log.warning("refused feed %s: DOCTYPE subset or entities in %s", url, other)
                raise EntityAttack(f"feed in {other} encoding has a DOCTYPE internal subset or"
                                   " entity declarations (possible entity expansion attack)")
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
