"""Text bound for a terminal: the one place where control characters are taken out.

Feed titles, article text and error messages come from outside. Printed raw, an ESC sequence
can retitle the window, clear the screen, recolour or hide text, plant an OSC 8 hyperlink or
write to the clipboard (OSC 52), and BEL rings. `for_terminal` removes whole ESC sequences
(CSI, OSC, DCS and the other string commands, up to their terminator or the end of the line),
then every remaining C0 and C1 control character but newline and tab, DEL, and the Unicode
bidirectional overrides that reorder what a line shows. `json_for_terminal` does the same for
JSON text without losing data: what JSON leaves raw is written as a `\\uXXXX` escape instead.
Every terminal writer (the console adapter, `policywire ingest` / `ask` / `summarize`, error
lines and text-mode logs) goes through these two functions.
"""

from __future__ import annotations

import re

# ESC, then: OSC / DCS / SOS / PM / APC strings up to BEL, ST or the end of the line; a CSI
# sequence; or any other escape (intermediates and a final byte). Linear: every run stops at a
# character its class excludes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\[[0-?]*[ -/]*[@-~]?"
    r"|[ -/]*[0-~]?)"
)
_BIDI = (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)
_CONTROL = [c for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x09, 0x0A)]
_DROP = dict.fromkeys([*_CONTROL, *_BIDI])
_JSON_RAW = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), *_BIDI)}


def for_terminal(text: str) -> str:
    """`text` without ESC sequences, control characters (but newline and tab) or bidi overrides."""
    if not text.isprintable():
        text = _ESCAPE_SEQUENCE.sub("", text).translate(_DROP)
    return text


def json_for_terminal(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the control characters JSON
    leaves raw (DEL, C1, bidi overrides) written as escapes: the same data, safe to print."""
    return text.translate(_JSON_RAW)


__all__ = ["for_terminal", "json_for_terminal"]
