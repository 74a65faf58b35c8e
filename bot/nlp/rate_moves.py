"""Moves of a rate by part of a point: "a quarter-point cut", "half a percentage point",
"a half-point". Basis points when the sentence speaks of a rate, else percentage points."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.nlp.raw import RawFigure

_POINT_PARTS = {"quarter": 0.25, "half": 0.5, "three-quarters": 0.75, "eighth": 0.125}
_RATE_MOVE = re.compile(  # "a quarter-point cut", "half a percentage point", "a half-point"
    r"\b(?:(?:an?\s+)?(?P<part>three[\s-]quarters|quarter|half|eighth)(?:[\s-]+of\s+a)?"
    r"|half\s+a)[\s-]+(?:percentage[\s-]+)?point\b(?!\s+of\s+view)", re.IGNORECASE)
_RATE_WORDS = re.compile(r"\b(?:rates?|yields?|interest|monetary|benchmark|repo)\b",
                         re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_RATE_REACH = 120  # characters either side, within the sentence, where a rate word is looked for


def rate_moves(text: str) -> Iterator[RawFigure]:
    """Moves by part of a point: basis points when the sentence speaks of a rate ("a
    quarter-point cut to its policy rate" -> 25 bp), else percentage points."""
    for m in _RATE_MOVE.finditer(text):
        share = _POINT_PARTS[re.sub(r"\s", "-", (m.group("part") or "half").lower())]
        lo = max(0, m.start() - _RATE_REACH)
        ends = [e.end() for e in _SENTENCE_END.finditer(text, lo, m.start())]
        after = _SENTENCE_END.search(text, m.end(), m.end() + _RATE_REACH)
        sentence = text[ends[-1] if ends else lo:after.start() if after else m.end() + _RATE_REACH]
        rate = _RATE_WORDS.search(sentence) is not None
        yield RawFigure(share * 100 if rate else share, "bp" if rate else "pp", "percent",
                        m.group(), m.start(), m.end())
