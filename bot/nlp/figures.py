"""Figure extraction and normalisation from plain text (no spaCy needed).

`find_figures(sentence)` returns `RawFigure`s: value, unit, kind, qualifier, range and char span.
Attribution (subject, measure) needs the parse and lives in `bot.nlp.attribution`.
Years, dates, ordinals, phone-like numbers, vote tallies and bare numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.lexicon import DEMONYMS
from bot.nlp.numbers import (
    CURRENCY_PREFIX,
    DIGITS,
    FRACTIONS,
    SCALES,
    UNIT_RE,
    WORD_NUMBER,
    parse_number,
    parse_unit,
)

QUALIFIERS = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "as much as",
    "as many as", "close to", "just over", "just under", "in excess of", "upwards of",
    "an estimated", "nearly", "almost", "about", "around", "roughly", "approximately", "some",
    "over", "under", "below", "above", "~",
)
_QUAL_NORMAL = {"~": "about", "an estimated": "estimated"}
_QUAL_RE = "|".join(re.escape(q) for q in QUALIFIERS)
_CUR_RE = r"US\$|C\$|A\$|\$|€|£|¥|₹|Rs\.?(?=\s?\d)|(?:USD|EUR|GBP|PKR|JPY|INR|CNY)(?=\s?\d)"
_NUM_RE = rf"(?:(?<![\w.,-])[-−](?=\d))?(?:{DIGITS}|\b{WORD_NUMBER}\b)"
_SCALE_RE = r"(?:\s?(?:thousand|million|billion|trillion)\b|\s?(?:mln|mn|bn|tn)\b|(?:k|m|b)\b)"
_FIGURE = re.compile(
    rf"""
    (?:(?P<qual>\b(?:{_QUAL_RE})\b|~)\s?)?
    (?P<between>\bbetween\s)?
    (?P<cur>{_CUR_RE})?\s?
    (?P<num>{_NUM_RE})(?![\d,]*\.\d)(?!\w*(?:st|nd|rd|th)\b)
    (?P<scale>{_SCALE_RE})?
    (?:\s?(?P<sep>-|–|\bto\b|(?(between)\band\b|(?!)))\s?
       (?P<cur2>{_CUR_RE})?\s?(?P<num2>{_NUM_RE})(?P<scale2>{_SCALE_RE})?)?
    (?:\s?(?P<unit>{UNIT_RE}))?
    (?:\s?(?:/|per\s)(?P<per>kWh|MWh|GWh|kW|MW)\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FRACTION = re.compile(
    r"\b(?P<frac>" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\s+of\b",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(r"\s+((?:[a-z][a-z-]*\s+){0,2}?)([A-Za-z][a-z]+(?:-[a-z]+)?)\b")
_NON_COUNT = frozenset({
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "times", "decades",
    "centuries", "points", "votes", "percent", "of", "and", "or", "to", "is", "was", "has",
    "as", "its", "this", "these", "those", "the", "ones", "others", "hers", "his", "ours",
})
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(
    r"\b(?:section|title|article|chapter|rule|part|no\.|number|page|item|bill|act|form|"
    r"route|room|flight|version|v\.?)\s*$", re.IGNORECASE
)
_INVARIANT_PLURALS = frozenset({"people", "men", "women", "children", "staff", "police"})


@dataclass(frozen=True, slots=True)
class RawFigure:
    """A figure found in text, before attribution."""

    value: float
    unit: str
    kind: str
    text: str
    start: int
    end: int
    qualifier: str | None = None
    value_high: float | None = None
    noun_start: int | None = None  # char offset of the counted noun, for counts


def _scaled(num: str, scale: str | None) -> float | None:
    value = parse_number(num)
    if value is None:
        return None
    if scale:
        value *= SCALES[scale.strip().lower()]
    return value


def _counted_noun(text: str, end: int) -> tuple[str, int, int] | None:
    """The plural noun counted by a bare number ("3,000 miners"): (unit, start, end)."""
    m = _NOUN_AFTER.match(text, end)
    if not m:
        return None
    adjectives, noun = m.group(1).split(), m.group(2)
    if any(a in _NON_COUNT for a in adjectives) or noun.lower() in _NON_COUNT:
        return None
    if noun in DEMONYMS:
        return ("people", m.start(2), m.end(2))
    if noun[0].isupper():
        return None
    if noun.lower() in _INVARIANT_PLURALS or (noun.endswith("s") and not noun.endswith("ss")):
        return (noun.lower(), m.start(2), m.end(2))
    return None


def _is_year_or_date(m: re.Match[str], text: str) -> bool:
    num = m.group("num")
    if _LABEL_BEFORE.search(text[max(0, m.start("num") - 12):m.start("num")]):
        return True  # "Section 5302", "Title 31": identifiers, not amounts
    if _MONTH.search(text[max(0, m.start("num") - 10):m.start("num")]):
        return True
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", num)) and not m.group("scale")


def find_figures(text: str) -> list[RawFigure]:
    """All figures in a sentence or paragraph, in order."""
    found: list[RawFigure] = []
    for m in _FIGURE.finditer(text):
        fig = _from_match(m, text)
        if fig is not None:
            found.append(fig)
    for m in _FRACTION.finditer(text):
        if not any(f.start <= m.start() < f.end for f in found):
            value = FRACTIONS[m.group("frac").lower()]
            span = (m.start(), m.end("frac"))
            found.append(RawFigure(value, "%", "percent", m.group("frac"), *span))
    return sorted(found, key=lambda f: f.start)


def _from_match(m: re.Match[str], text: str) -> RawFigure | None:
    cur, scale, unit_text = m.group("cur") or m.group("cur2"), m.group("scale"), m.group("unit")
    scale2 = m.group("scale2")
    if m.group("num2") and not scale and scale2:
        scale = scale2  # "$10-12 million": the scale applies to both ends
    if scale and scale.strip().lower() in {"m", "b"} and not cur:
        return None  # "5m" without a currency is metres, not millions
    value = _scaled(m.group("num"), scale)
    if value is None:
        return None
    high = _scaled(m.group("num2"), scale2 or scale) if m.group("num2") else None
    end = m.end()
    if cur:
        unit, kind, mult = CURRENCY_PREFIX[cur.lower().rstrip(" ")], "money", 1.0
        if unit_text:
            parsed = parse_unit(unit_text)
            if parsed and parsed[1] == "money" and parsed[2] != 1.0:
                mult = parsed[2]
    elif unit_text:
        parsed = parse_unit(unit_text)
        if parsed is None:
            return None
        unit, kind, mult = parsed
    else:
        if _is_year_or_date(m, text):
            return None
        noun = _counted_noun(text, m.end())
        if noun is None:
            if not scale:
                return None  # bare numbers, tallies like "68-30", phone-like digits
            unit, kind, mult = "", "quantity", 1.0
        else:
            unit, kind, mult = noun[0], "count", 1.0
            end = noun[2]
    if m.group("per"):
        unit = f"{unit}/{m.group('per')}"
    value *= mult
    high = high * mult if high is not None else None
    qual = m.group("qual")
    qualifier = _QUAL_NORMAL.get(qual.lower(), qual.lower()) if qual else None
    if m.group("between") and high is not None:
        qualifier = qualifier or "between"
    start = m.start()
    return RawFigure(value, unit, kind, text[start:end].strip(), start, end, qualifier, high,
                     None if kind != "count" else end)
