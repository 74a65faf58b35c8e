"""Shares written as fractions: "a quarter of users", "about two-thirds", "less than half",
"nearly half the money", "between a third and a half", "a one-third drop". Each is a
percentage (the label guide's "half of" -> 50 %).

A fraction is read as a share only where the text says it is one: "of" after it, a
determiner after "half" ("half the money"), a hedge before it ("about a third"), or a
hyphenated numerator ("two-thirds"). Left out: times and parts of one thing ("half an hour",
"half-time", "a quarter of an hour"), scales ("half a million", read by `bot.nlp.numbers`),
periods ("the second half of the season") and ordinals ("a third term"). Every pattern is a
bounded alternation of words, so matching is linear in the text.
"""

from __future__ import annotations

import re

from bot.nlp.numbers import parse_number
from bot.nlp.raw import QUALIFIERS, RawFigure, qualifier_of
from bot.nlp.units import UNIT_RE

_NUMERATOR = r"(?:an?|one|two|three|four|five|six|seven|eight|nine)"
_DENOMINATOR = r"(?:half|thirds?|quarters?|fifths?|tenths?)"  # the ones shares are told in
_FRACTION = rf"(?:{_NUMERATOR}[\s-]+{_DENOMINATOR}|half)"
# Hedges a share may carry, beyond the ones every figure may ("about", "more than" ...).
_HEDGES = {"a little over": "just over", "little over": "just over", "a little under":
           "just under", "little under": "just under", "well over": "over", "well under":
           "under", "only": None, "just": None, "fully": None, "barely": None}
_HEDGE = "|".join(re.escape(q) for q in sorted((*QUALIFIERS, *_HEDGES), key=len, reverse=True)
                  if q != "~")
# A part of one thing or a scale follows: "half an hour", "a third of a mile", "half a million",
# "five eighths full", "half-time".
_WHOLE = (r"(?:[\s-]+(?:of\s+)?an?\b(?!\s+(?:number|lot|total|majority)\b)"  # not "of a total"
          r"|\s+(?:full|empty|complete|completed|finished|done|built|way|time)\b|-)")
_PERIOD_BEFORE = re.compile(  # "the second half of", "the other half", "each half"
    r"\b(?:the|first|second|third|fourth|final|last|other|latter|back|front|each|every|"
    r"opening|closing|early|late|next|previous)\s+$", re.IGNORECASE)
_SHARE = re.compile(
    rf"""\b(?:
      between\s+(?P<low>{_FRACTION})\s+and\s+(?P<high>{_FRACTION})\b
    | (?:(?P<qual>{_HEDGE})\s+)?
      (?:(?P<frac>{_FRACTION})(?=\s+of\b)
       | (?P<half>half)(?=\s+(?:the|its|their|his|her|our|all|these|those)\b)
       | (?P<compound>{_NUMERATOR}-{_DENOMINATOR})\b(?!{_WHOLE})
       | (?<=\s)(?P<hedged>{_FRACTION})\b(?!{_WHOLE}))
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_OF_WHOLE = re.compile(r"\s+of\s+an?\s", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"\s?(?:{UNIT_RE})")  # each unit pattern keeps its own case rule


def _percent(words: str) -> float | None:
    value = parse_number("a half" if words.lower() == "half" else words)
    return None if value is None or not 0 < value <= 1 else value * 100


def _figure(m: re.Match[str], text: str, loose: bool) -> RawFigure | None:
    if m.group("low"):
        low, high = _percent(m.group("low")), _percent(m.group("high"))
        if low is None or high is None:
            return None
        return RawFigure(low, "%", "percent", m.group(), m.start(), m.end(), "between", high)
    name = next(g for g in ("frac", "half", "compound", "hedged") if m.group(g))
    qual = m.group("qual")
    if name in {"hedged", "compound"} and not loose:
        return None  # read as a plain number ("above one quarter") by number recognisers
    if name == "hedged" and not qual:
        return None  # "a third term": a bare fraction needs a hedge to be a share
    if _UNIT_AFTER.match(text, m.end()):
        return None  # "one-half miles": a quantity, read by the unit pass
    if name == "frac" and _OF_WHOLE.match(text, m.end()):
        return None  # "a quarter of an hour", "two-thirds of a million" (a scale)
    start = m.start("qual") if qual else m.start(name)
    if _PERIOD_BEFORE.search(text[max(0, start - 12):start]):
        return None  # "the second half of the season"
    value = _percent(m.group(name))
    if value is None:
        return None
    hedge = _HEDGES[qual.lower()] if qual and qual.lower() in _HEDGES else qualifier_of(qual)
    return RawFigure(value, "%", "percent", text[start:m.end()], start, m.end(), hedge)


def fraction_shares(text: str, loose: bool = True) -> list[RawFigure]:
    """Every share written as a fraction in `text`, in order. With `loose=False` only the
    fractions that say what they are a share of ("a quarter of users", "half the money")."""
    return [f for m in _SHARE.finditer(text) if (f := _figure(m, text, loose)) is not None]
