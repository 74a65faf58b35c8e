"""`RawFigure`: a figure found in text, before attribution (shared by the extraction modules)."""

from __future__ import annotations

from dataclasses import dataclass

QUALIFIERS = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "as much as",
    "as many as", "close to", "just over", "just under", "in excess of", "upwards of",
    "an estimated", "nearly", "almost", "about", "around", "roughly", "approximately", "some",
    "over", "under", "below", "above", "~",
)
_QUAL_NORMAL = {"~": "about", "an estimated": "estimated"}


def qualifier_of(qual: str | None) -> str | None:
    """The hedge as stored: lower case, "~" read as "about"."""
    return _QUAL_NORMAL.get(qual.lower(), qual.lower()) if qual else None


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
    measure_hint: str | None = None  # what the text says it measures ("votes in favour")
