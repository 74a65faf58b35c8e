"""Figure extraction and normalisation from plain text (no spaCy needed).

`find_figures(sentence)` returns `RawFigure`s: value, unit, kind, qualifier, range and char span.
Attribution (subject, measure) needs the parse and lives in `bot.nlp.attribution`; a figure
may carry a `measure_hint` (each side of a vote tally: "votes in favour" / "votes against").
Currencies, units and counts: `bot.nlp.money`, `bot.nlp.units`, `bot.nlp.counts`. Years, dates,
ordinals, phone-like numbers and bare numbers are not figures. With `bare_numbers=True`
(evaluation against number recognisers) plain numbers such as "12" or "one hundred" are also
reported, as unitless figures of kind "number"; years, dates, ordinals, times, phone-like
numbers and labels stay out. Linear time: tokens over `MAX_TOKEN` characters are blanked first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from bot.nlp.counts import counted_noun, points_back, vote_side
from bot.nlp.currencies import GUARDED_NAMES, NO_MINOR_UNIT, used_in
from bot.nlp.earlier_units import with_earlier_units
from bot.nlp.figure_money import (
    WORD_SCALE,
    evidence,
    exchange_rate,
    listed_prices,
    minor,
    price_per,
    quoted_currency,
    weak_currency,
    weight_in_pounds,
)
from bot.nlp.fractions import fraction_shares
from bot.nlp.money import (
    CURRENCY_BEFORE,
    SIGN_CHARS,
    currency,
    weak,
)
from bot.nlp.numbers import (
    DIGITS,
    FRACTION,
    MONEY_SCALES,
    NUMBER_WORDS,
    SCALES,
    VULGAR,
    WORD_NUMBER,
    is_year,
    no_amount,
    parse_number,
    round_sig,
)
from bot.nlp.ranges import by_change, merge_ranges, moved, year_then_figure
from bot.nlp.rate_moves import rate_moves
from bot.nlp.raw import QUALIFIERS, RawFigure, qualifier_of
from bot.nlp.tallies import lone_count, tally
from bot.nlp.units import PER_RE, UNIT_RE, parse_unit

__all__ = ["QUALIFIERS", "RawFigure", "find_figures"]

_QUAL_RE = "|".join(re.escape(q) for q in QUALIFIERS)
_NUM_RE = (rf"(?:(?<![\w.,-])[-−](?=\d)|\b(?:minus|negative)\s+)?"
           rf"(?:{FRACTION}|\d*[{VULGAR}]|{DIGITS}|\b{WORD_NUMBER}\b)")
_NOT_AFTER = (r"(?!\d)(?!\s?/\s?\d)(?![\d,]*\.\d)(?![ ]\.[ ]\d)(?!:\d)"  # no partial numbers
              r"(?!-?\w*(?:st|nd|rd|th)\b)")  # nor ordinals ("21st", "twenty-first")
_PCT = r"%|\bper\s?cent\b|\bpercent\b"
_SCALE_RE = (r"(?:[\s-]?(?:lakhs?\s+crores?|lakhs?|crores?|thousand|million|billion|trillion"
             r"|hundred|dozens?)\b|\s?(?:mln|mn|bn|bln|tn|tln|mil|bil|mm|lacs?|cr)\b|(?:k|m|b)\b"
             r"|\s{1,2}(?-i:k|M)\b)")
# a scale after an ISO code: "75 USD million"
_CODE_SCALE = r"(?<=(?-i:[A-Z]{3}))\s(?:thousand|million|billion|trillion|mn|bn)\b"
# A sentence without a digit, a currency sign or a number word has no figure: skip the patterns.
_CANDIDATE = re.compile(
    rf"\d|[{re.escape(SIGN_CHARS + VULGAR)}~]|\b(?:"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")s?\b", re.IGNORECASE)
MAX_TOKEN = 64  # no figure is written as one run of more non-space characters
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")
_TOKEN = re.compile(rf"\S{{1,{MAX_TOKEN}}}")
_WEB = re.compile(r"https?://|www\.|\.(?:com|org|net)/", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w.])\+\d{1,3}(?:[-./ ]\d{2,5}){2,6}|\b\d{3}[-.]\d{3}[-.]\d{4}\b")
_RATIO = re.compile(  # "one in five", "2 out of 3", "1 over 20"
    rf"\b(?P<a>{DIGITS}|{WORD_NUMBER})\s+(?:in|out\s+of|over)\s+(?P<b>{DIGITS}|{WORD_NUMBER})\b"
    rf"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    rf"""
    (?:(?P<qual>\b(?:{_QUAL_RE})\b|~)\s?)?
    (?P<between>\bbetween\s)?
    (?P<cur>{CURRENCY_BEFORE})?\s?
    (?<![\d:/])(?P<num>{_NUM_RE}){_NOT_AFTER}
    (?P<scale>{_SCALE_RE})?
    (?:(?P<unit1>\s?(?:{_PCT}))?\s?(?P<sep>-|–|\bto\b|\bor\b|(?(between)\band\b|(?!)))\s?
       (?P<cur2>{CURRENCY_BEFORE})?\s?(?P<num2>{_NUM_RE}){_NOT_AFTER}(?P<scale2>{_SCALE_RE})?)?
    (?:(?:\s?|-)(?P<unit>{UNIT_RE})(?(cur)(?!\s?\d))(?P<uscale>{_CODE_SCALE})?)?
    (?:{PER_RE})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
_MONTH_AFTER = re.compile(
    r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]*)\b\.?")
_LABEL_BEFORE = re.compile(
    r"\b(?:section|title|article|chapter|rule|part|no\.|number|page|item|bill|act|form|"
    r"route|room|flight|version|v\.?|level|tier|phase|stage|grade)\s*$", re.IGNORECASE
)


_NAMED_NUMBER = re.compile(r"[A-Z][a-z]+$")  # "One", "Seven": a capitalised number word
_CAPITALISED_NEXT = re.compile(r"[ \t]{1,3}[A-Z]")


_GLUED_NAME = re.compile(r"[A-Za-z]-?$")
_NAME_WORD = re.compile(r"(?<=[a-z,;:] )(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                        r"[a-z]{0,6}\.? $)(?:[A-Z][a-z]{1,20}|[A-Z]{1,4}&[A-Z]{1,4}|[A-Z]{3,6}) $")

_CAPS_NAME = re.compile(r"(?<![\w&])(?:[A-Z]{1,4}&[A-Z]{1,4}|[A-Z]{3,6}) $")  # "S&P", "FTSE"


def _in_name(text: str, start: int) -> bool:
    """Whether a number without a unit belongs to a name or an identifier: glued to letters
    ("Web3", "COVID-19") or right after a capitalised word inside the sentence ("Layer 2",
    "Fortune 500", "Schedule 1", "the S&P 500", "the FTSE 100"; not a month)."""
    before = text[max(0, start - 24):start]
    return bool(_GLUED_NAME.search(before) or _NAME_WORD.search(before))


def _scaled(num: str, scale: str | None) -> float | None:
    value = parse_number(num)
    if value is None:
        return None
    if scale:
        value = round_sig(value * SCALES[re.sub(r"\s+", " ", scale.strip().lstrip("-").lower())])
    return value


def _is_year_or_date(m: re.Match[str], text: str) -> bool:
    num = m.group("num")
    if _LABEL_BEFORE.search(text[max(0, m.start("num") - 12):m.start("num")]):
        return True  # "Section 5302", "Title 31": identifiers, not amounts
    if _MONTH.search(text[max(0, m.start("num") - 10):m.start("num")]):
        return True
    if re.fullmatch(r"[1-9]|[12]\d|3[01]", num) and _MONTH_AFTER.match(text, m.end("num")):
        return True  # "14 June"
    return is_year(num) and not m.group("scale")


def find_figures(text: str, bare_numbers: bool = False,
                 countries: Sequence[str] = ()) -> list[RawFigure]:
    """All figures in a sentence or paragraph, in order (see the module doc for bare_numbers).

    `countries` (ISO alpha-2, most named first) are the places the article names: they decide
    ambiguous currencies ("$", "Rs", "kr", "pesos") and admit weak signs ("R", "RM")."""
    if not _CANDIDATE.search(text):
        return []
    text = _LONG_TOKEN.sub(lambda t: " " * len(t.group()), text)  # linear time on hostile text
    found: list[RawFigure] = []
    taken = bytearray(len(text) + 1)  # 1 where a share, ratio, URL, phone or figure lies

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for move in rate_moves(text):
        found.append(move)
        take(move.start, move.end)
    for share in fraction_shares(text, loose=not bare_numbers):
        if not taken[share.start]:  # else "a quarter of a percentage point": a rate move
            found.append(share)
            take(share.start, share.end)
    for m in _RATIO.finditer(text):
        fig = _ratio(m, bare_numbers)
        if fig is not None and not taken[m.start()]:
            found.append(fig)
            take(fig.start, fig.end)
    for u in _PHONE.finditer(text):
        take(*u.span())
    for t in _TOKEN.finditer(text):
        if _WEB.search(t.group()):
            take(*t.span())
    earlier: str | None = None  # the noun of the sentence's last count, for "four more"
    for m in _matches(text):
        if taken[m.start("num")]:
            continue  # inside a share, ratio, URL, phone number or an amount with its cents
        new = _from_match(m, text, bare_numbers, tuple(countries), earlier)
        found.extend(new)
        for f in new:
            take(f.start, f.end)
            earlier = f.unit if f.kind == "count" else earlier
    finite = [f for f in found if math.isfinite(f.value)
              and (f.value_high is None or math.isfinite(f.value_high))]  # "$1e308 trillion"
    ordered = with_earlier_units(sorted(finite, key=lambda f: f.start), text)
    return listed_prices(merge_ranges(ordered, text), text)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The figure matches of a text, left to right; a "range" whose ends have different
    kinds ("rose 3.5 percent to $27.2 billion") is two figures: the first end is matched on
    its own and the scan resumes at the second."""
    pos = 0
    while (m := _FIGURE.search(text, pos)) is not None:
        if m.group("unit1") and m.group("cur2") and not m.group("cur"):
            m = _FIGURE.match(text, m.start(), m.end("unit1")) or m
        elif (first := _first_of_two(m, text)) is not None:
            m = _FIGURE.match(text, m.start(), first) or m
        elif year_then_figure(m):
            m = _FIGURE.match(text, m.start("num2")) or m  # "in 2011 to 75.7 per cent"
        yield m
        pos = max(m.end(), m.start() + 1)


_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PERCENT_UNIT = re.compile(_PCT, re.IGNORECASE)


def _first_of_two(m: re.Match[str], text: str) -> int | None:
    """Where the first figure ends when "X to Y", each end with its own unit or scale, is a
    change and not a range: the second end is lower ("cut from 3% to 1.5%", "$10 million to
    $8 million") or a verb of change comes before ("rose from 5% to 7%", "will rise from 63.4
    million to 77.4 million")."""
    if not m.group("num2") or m.group("between"):
        return None
    if m.group("unit1") and not _PERCENT_UNIT.fullmatch((m.group("unit") or "").strip()):
        return m.end("unit1")  # "weakened 0.4% to 405 per euro", "fell 3% to 338.5p": not a %
    if m.group("unit1"):
        end = m.end("unit1")
    elif m.group("cur") and m.group("cur2"):
        end = m.end("scale") if m.group("scale") else m.end("num")
    elif m.group("scale") and m.group("scale2") and not (m.group("cur") or m.group("unit")):
        end = m.end("scale")  # "will rise from 63.4 million to 77.4 million"
    else:
        return None
    low = _scaled(m.group("num"), m.group("scale"))
    high = _scaled(m.group("num2"), m.group("scale2") or m.group("scale"))
    if low is None or high is None or _DOT_GROUPS.fullmatch(m.group("num2")):
        return None  # "R$ 500 to R$ 1.500": a dot may group thousands; not a fall
    return end if high < low or moved(text, m.start()) or by_change(text, m.start()) else None


def _ratio(m: re.Match[str], bare_numbers: bool) -> RawFigure | None:
    """ "one in five" as a share: 20 % in articles, the plain quotient 0.2 for recognisers."""
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or not b or a >= b or any(is_year(m.group(g))
                                           for g in ("a", "b")):
        return None  # "since 2010 over a million people": a year, not a ratio
    if bare_numbers:
        return RawFigure(a / b, "", "number", m.group(0), m.start(), m.end())
    return RawFigure(100 * a / b, "%", "percent", m.group(0), m.start(), m.end())


def _remnant(m: re.Match[str], text: str) -> bool:
    """ "000" after "2021 100": the end of a number grouped by spaces that we did not read."""
    start = m.start("num")
    return bool(re.fullmatch(r"0\d\d", m.group("num"))
                and re.fullmatch(r"\d ", text[max(0, start - 2):start]))


def _bare(m: re.Match[str], text: str) -> list[RawFigure]:
    """Plain numbers of a match without unit or noun: each end of a range or tally on its own
    when it is not a range (a tally "68-30", "68 to 30" runs downwards)."""
    if re.fullmatch(r"\d{3}-\d{4}", m.group(0).strip()):
        return []  # phone-like
    if _remnant(m, text):
        return []
    low, high = parse_number(m.group("num")), parse_number(m.group("num2") or "")
    if low is None:
        return []
    qualifier = qualifier_of(m.group("qual"))
    if high is not None and high > low:
        return [RawFigure(low, "", "number", m.group(0).strip(), m.start(), m.end(),
                          qualifier or ("between" if m.group("between") else None), high)]
    out = [RawFigure(low, "", "number", m.group("num"), m.start("num"), m.end("num"), qualifier)]
    if high is not None:
        out.append(RawFigure(high, "", "number", m.group("num2"), m.start("num2"),
                             m.end("num2")))
    return out


def _from_match(m: re.Match[str], text: str, bare_numbers: bool = False,
                countries: tuple[str, ...] = (), earlier: str | None = None
                ) -> list[RawFigure]:
    if text[max(0, m.start() - 6):m.start()].lower() == "multi-":
        return []  # "a multi-million pound loan": no amount is given
    votes = tally(m, text)  # first: "voted 412-9 Tuesday" is a tally, not a model number
    if votes:
        return votes
    if no_amount(text, m.group("num"), m.start("num"), m.end("num")):
        return []  # "several thousand teachers", "787-9 Dreamliner"
    fig = _figure(m, text, countries)
    if fig is None and not (m.group("num2") or m.group("scale") or m.group("cur")
                            or m.group("unit") or _is_year_or_date(m, text)
                            or _CAPS_NAME.search(text, max(0, m.start("num") - 12),
                                                 m.start("num"))):
        fig = lone_count(m, text, earlier)  # not "the S&P 500" after "102.2 points"
    if fig is not None and fig.kind == "count" and fig.unit.lower() in ("votes", "vote"):
        fig = replace(fig, measure_hint=vote_side(text, fig.end))
    glued = re.match(r"[^\W\d_]", text[m.end():])  # "180ml", "29km": a unit we do not know
    metres = (m.group("scale") or "").strip() == "m" and not m.group("cur")
    if fig is None and bare_numbers and not (glued or metres or _is_year_or_date(m, text)):
        return _bare(m, text)
    return [] if fig is None else [fig]


_HYPHEN_WORD = re.compile(r"-(?!worth\b)[a-z]{3,20}\b")  # "-backed", "-pegged", "-denominated"
_POUNDS_REACH = 160  # characters either side where "pounds" is told a weight or money


def _figure(m: re.Match[str], text: str, countries: tuple[str, ...] = ()) -> RawFigure | None:
    cur, scale = m.group("cur") or m.group("cur2"), m.group("scale") or m.group("uscale")
    unit_text = m.group("unit") or m.group("unit1")
    if unit_text and unit_text.strip().lower() == "p":
        at = m.start("unit") if m.group("unit") else m.start("unit1")
        if at > 0 and not text[at - 1].isdigit():
            unit_text = None  # pence are glued to the number ("179.1p"); "Form 10 p 3" is not
    parsed = parse_unit(unit_text, countries) if unit_text else None
    if parsed and unit_text and weight_in_pounds(
            text[max(0, m.start() - _POUNDS_REACH):m.end() + _POUNDS_REACH], unit_text,
            bool(scale), countries):
        parsed = ("lb", "quantity", 1.0)  # "he clocked in at 243 pounds"
    cut = None  # where the figure ends when the unit after it is not its unit
    if parsed and parsed[1] == "crypto" and not cur and m.group("unit") \
            and m.group("unit").strip()[:1].islower():
        number_end = m.end("scale") if m.group("scale") else m.end("num")
        noun = counted_noun(text, number_end)
        if noun is not None and parse_unit(noun[0]) is None:  # "25 bitcoin mining sites":
            unit_text, parsed, cut = None, None, number_end  # bitcoin only describes them
    if parsed and parsed[1] == "money" and not cur and not scale and m.group("unit") \
            and _HYPHEN_WORD.match(text, m.end("unit")):
        number_end = m.end("num")  # "two dirham-backed stablecoins": the currency describes
        unit_text, parsed, cut = None, None, number_end
    if parsed and unit_text and unit_text.strip().lower() in GUARDED_NAMES and not (
            scale or WORD_SCALE.search(m.group("num"))
            or used_in((parsed[0],), countries)):
        if not cur or not m.group("unit"):
            return None  # "the 2 real problems", "had 3 won": not money without more evidence
        unit_text, parsed, cut = None, None, m.start("unit")  # "$100 000 mark"
    if (parsed and parsed[1] == "money" and not cur and m.group("unit")
            and re.fullmatch(r"M?[A-Z]{3}", m.group("unit").strip()) and weak(m.group("unit"))
            and not evidence(m, m.group("unit"), countries)):
        return None  # "2015 UAH", "10 TOP": a code that is also a word or an acronym
    start = m.start()
    if cur and (weak_currency(m, text, cur, parsed)
                or (weak(cur) and not evidence(m, cur, countries))):
        cur, start = None, m.start("qual") if m.group("qual") else m.start("num")
    scale2, low, top = m.group("scale2"), parse_number(m.group("num")), m.group("num2")
    if top and not scale and scale2 and low is not None and low <= (parse_number(top) or 0):
        scale = scale2  # "$10-12 million" (both ends), not "Rs 50,000 to Rs 1 lakh"
    if scale and scale.strip() == "m" and not cur and not (
            unit_text if parsed else counted_noun(text, m.end("scale"))):
        return None  # "5m" alone is metres, not millions ("71m users", "5.6m tonnes" are)
    if _remnant(m, text):
        return None
    value = _scaled(m.group("num"), scale)
    if value is None:
        return None
    high = _scaled(m.group("num2"), scale2 or scale) if m.group("num2") else None
    end = cut if cut is not None else m.start("perx") if m.group("perx") else m.end()
    if cur:
        unit, kind, mult = currency(cur, countries) or ("USD", "money", 1.0)
        if parsed and parsed[1] == "money" and parsed[2] != 1.0:
            mult = parsed[2]  # "$ 30 cent"
    elif unit_text:
        if parsed is None:
            return None
        unit, kind, mult = parsed
    else:
        if _is_year_or_date(m, text):
            return None
        if _NAMED_NUMBER.match(m.group("num")) and text[:m.start("num")].strip()[-1:].isalnum() \
                and _CAPITALISED_NEXT.match(text, end):
            return None  # "our One Home Depot investments": a number word inside a name
        if not scale and _in_name(text, m.start("num")):
            return None  # "Web3 firms", "COVID-19 cases", "Layer 2 networks", "Fortune 500"
        base = quoted_currency(text, start, end, countries)
        noun = None if base else counted_noun(text, end)
        if base:
            unit, kind, mult = base, "money", 1.0  # "the forint fell to 405 per euro"
        elif noun is None:
            if not (scale or WORD_SCALE.search(m.group("num"))):
                return None  # bare numbers, tallies like "68-30", phone-like digits
            unit, kind, mult = "", "quantity", 1.0
        elif points_back(text, m.start("num"), m.group("num"), noun[0]):
            return None  # "the two countries would work together": the parties already named
        else:
            unit, kind, mult = noun[0], "count", 1.0
            end = noun[2]
    if scale and scale.strip().lower() in MONEY_SCALES and kind != "money":
        return None  # "lac", "cr" are read as lakh and crore only next to a currency
    if (kind == "money" and high is None and not scale and mult == 1.0 and value.is_integer()
            and unit not in NO_MINOR_UNIT and not m.group("per")):
        cents = minor(text, end, bare_ok=bool(unit_text) and not cur)
        if cents:
            value, end = value + cents[0], cents[1]
    per = price_per(m, text, kind)
    if per:
        unit, end = f"{unit}/{per}", max(end, m.end("perx"))
    elif kind == "money" and (rate := exchange_rate(text, end, countries)):
        unit, end = f"{unit}/{rate[0]}", rate[1]  # "1,400 pesos to the dollar": ARS/USD
    value = round_sig(value * mult)
    high = round_sig(high * mult) if high is not None else None
    qualifier = qualifier_of(m.group("qual"))
    if m.group("between") and high is not None:
        qualifier = qualifier or "between"
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return RawFigure(value, unit, kind, text[start:end].strip(), start, end, qualifier, high,
                     None if kind != "count" else end)
