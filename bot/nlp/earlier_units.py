"""The earlier value of a change, written without its unit: "rose to 10.16 billion rupees,
up from 2.3 billion a year earlier", "fell to $5.2 billion from 6.1 billion". The number after
"from" (or "compared with", "against", "versus") is in the unit of the figure the change went
to, written just before it in the same sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.nlp.raw import RawFigure

# Words right before an earlier value, read from a short window before it (linear time).
_BEFORE = re.compile(r"(?:\bfrom|\bcompared (?:with|to)|\bagainst|\bversus|\bvs\.?)\s*$",
                     re.IGNORECASE)
_WINDOW = 16  # characters before a number where the cue is looked for
_REACH = 90  # characters back to the figure whose unit the earlier value takes
_UNITLESS = frozenset({"quantity", "number"})
_SENTENCE_END = re.compile(r"[.;!?]\s")


def with_earlier_units(found: list[RawFigure], text: str) -> list[RawFigure]:
    """`found` (in text order) with each unit-less number that an earlier value's cue opens
    given the unit and kind of the figure with a unit just before it: same sentence, within
    `_REACH` characters, and no other unit-less number between."""
    out: list[RawFigure] = []
    for fig in found:
        if fig.kind in _UNITLESS and not fig.unit and fig.value_high is None \
                and _BEFORE.search(text[max(0, fig.start - _WINDOW):fig.start]):
            prev = out[-1] if out else None
            gap = text[prev.end:fig.start] if prev is not None else ""
            if prev is not None and prev.unit and prev.kind not in _UNITLESS \
                    and fig.start - prev.end <= _REACH and not _SENTENCE_END.search(gap) \
                    and "%" not in prev.unit:
                fig = replace(fig, unit=prev.unit, kind=prev.kind)
        out.append(fig)
    return out
