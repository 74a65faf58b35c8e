"""Counts that need the figure match: vote tallies ("passed 68-30") as two counts of votes, and
a lone number standing for the noun of the sentence's earlier count (see `bot.nlp.counts`)."""

from __future__ import annotations

import re

from bot.nlp.counts import VOTE_CUE, counted_noun, elliptic, inhabitants, of_time, vote_side
from bot.nlp.numbers import parse_number
from bot.nlp.raw import RawFigure, qualifier_of


def _integer(num: str | None) -> float | None:
    value = parse_number(num) if num else None
    return value if value is not None and value.is_integer() and 0 <= value < 1000 else None


def tally(m: re.Match[str], text: str) -> list[RawFigure]:
    """A vote tally ("passed 68-30", "by 308 to 122", "a 34–22 vote"): the votes for and the
    votes against, in a sentence that speaks of a vote; else []."""
    sep = (m.group("sep") or "").lower()
    if sep not in ("-", "–", "to") or m.group("scale") or m.group("scale2") or m.group("cur") \
            or m.group("cur2") or m.group("unit") or m.group("unit1") or m.group("qual"):
        return []
    yes, no = _integer(m.group("num")), _integer(m.group("num2"))
    if yes is None or no is None or not VOTE_CUE.search(text) or of_time(text, m.end("num2")):
        return []  # "two to three times a week" is no tally, whatever "backed" says
    if yes < no and counted_noun(text, m.end()):
        return []  # "10-12 members": a range of a count
    return [RawFigure(yes, "votes", "count", m.group("num"), m.start("num"), m.end("num"),
                      measure_hint="votes in favour"),
            RawFigure(no, "votes", "count", m.group("num2"), m.start("num2"), m.end("num2"),
                      measure_hint="votes against")]


def lone_count(m: re.Match[str], text: str, earlier: str | None) -> RawFigure | None:
    """A lone whole number standing for the noun of the sentence's last count ("of the 49
    platforms, 45 are local and four are not")."""
    value = parse_number(m.group("num"))
    start, end = m.start("num"), m.end("num")
    begin = m.start("qual") if m.group("qual") else start
    if value is not None and value.is_integer() and inhabitants(text, begin):
        earlier = "people"
    elif value is None or not value.is_integer() or not elliptic(text, start, end, earlier):
        return None
    qualifier = qualifier_of(m.group("qual"))
    side = vote_side(text, end) if earlier and earlier.lower() == "votes" else None
    return RawFigure(value, earlier or "", "count", text[begin:end], begin, end, qualifier,
                     None, end, side)
