"""Ranges written with the unit at both ends ("fines from 2,500,000 lire to 5,000,000 lire",
"between 5 MW and 7 MW"): two figures of one unit joined into one with `value_high`, unless a
verb of change says the value moved ("rose from 5% to 7%" stays two figures)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.nlp.numbers import is_year, parse_number
from bot.nlp.raw import RawFigure

_JOIN = re.compile(r"\s{1,3}(?:to|-|–|and)\s{1,3}|\s?[-–]\s?")
_OPENER = re.compile(r"\b(?P<word>from|between)\s{1,3}$", re.IGNORECASE)
_OWN_OPENER = re.compile(r"(?:from|between)\s{1,3}", re.IGNORECASE)
_CHANGE = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increas\w{0,3}|decreas\w{0,3}|"
    r"grew|grow(?:s|n|ing)?|jump\w{0,3}|drop\w{0,4}|climb\w{0,3}|slip\w{0,4}|rais\w{0,3}|"
    r"cut(?:s|ting)?|lower\w{0,3}|lift\w{0,3}|went|gone|moved?|chang\w{0,3}|swung|up|down)"
    r"(?:\s{1,3}\w{1,20}){0,2}\s{1,3}$", re.IGNORECASE)


def moved(text: str, start: int) -> bool:
    """Whether a verb of change comes before the "from" before `start` ("rose from")."""
    before = text[max(0, start - 60):start].rstrip() + " "
    opener = _OPENER.search(before)
    return opener is not None and _CHANGE.search(before[:opener.start()]) is not None


_BY = re.compile(r"\bby\s{0,3}$", re.IGNORECASE)


def by_change(text: str, start: int) -> bool:
    """ "rose by 5% to 12%", "cut by £4m to £25.98m": after "by", the first end is the change
    and the second the new level, never a range."""
    return _BY.search(text[max(0, start - 10):start]) is not None


def merge_ranges(found: Sequence[RawFigure], text: str) -> list[RawFigure]:
    """`found` (in order) with "from/between X <unit> to/and Y <unit>" joined into ranges."""
    out: list[RawFigure] = []
    for fig in found:
        prev = out[-1] if out else None
        if prev is not None and _joins(prev, fig, text):
            out[-1] = replace(prev, text=text[prev.start:fig.end], end=fig.end,
                              value_high=fig.value, noun_start=fig.noun_start,
                              qualifier=prev.qualifier or _opener(prev, text))
            continue
        out.append(fig)
    return out


def _opener(fig: RawFigure, text: str) -> str | None:
    if fig.text.lower().startswith("between"):
        return "between"
    m = _OPENER.search(text[max(0, fig.start - 12):fig.start])
    return "between" if m and m.group("word").lower() == "between" else None


def _joins(a: RawFigure, b: RawFigure, text: str) -> bool:
    if (a.unit, a.kind) != (b.unit, b.kind) or not a.unit or a.value_high or b.value_high:
        return False
    if b.value <= a.value or _JOIN.fullmatch(text[a.end:b.start]) is None:
        return False
    own = _OWN_OPENER.match(a.text)  # "between 5 MW" (the pattern took "between" in)
    before = text[max(0, a.start - 60):a.start + (own.end() if own else 0)]
    opener = _OPENER.search(before)
    if opener is None:
        return False
    joiner = text[a.end:b.start].strip().lower()
    if (joiner == "and") != (opener.group("word").lower() == "between"):
        return False  # "from X and Y", "between X to Y"
    return _CHANGE.search(before[:opener.start()]) is None


def year_then_figure(m: re.Match[str]) -> bool:
    """ "fell from 87.2 per cent in 2011 to 75.7 per cent": a match of the figure pattern
    whose first end is a bare year, then "to" and a lower number, is no range; the figure
    starts at the second number."""
    if not m.group("num2") or m.group("cur") or m.group("scale") or m.group("unit1"):
        return False
    if (m.group("sep") or "").lower() != "to":
        return False  # "1995-01", "in 2013-14": a date or a season, read elsewhere
    if not is_year(m.group("num")) or m.group("qual") or m.group("between"):
        return False
    high = parse_number(m.group("num2"))
    return high is not None and high < int(m.group("num"))
