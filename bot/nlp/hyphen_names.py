"""Names the model cut at a hyphen: "Tharp" (GPE) + "-" + "Sontheimer-Laudumiey Funeral Home"
(ORG) is one funeral home. Two names joined by a hyphen with no space are one name of the
second one's type when that second one is an organisation or a building and the first one is
no place a gazetteer knows ("US-China talks" stays two places, "Airbus-Boeing" two firms)."""

from __future__ import annotations

from spacy.tokens import Span

from bot.nlp.place_types import known_place

_HYPHENS = frozenset({"-", "‑"})
_JOINED_TO = frozenset({"ORG", "FAC"})


def _glued(a: Span, b: Span) -> bool:
    doc = a.doc
    return (b.start == a.end + 1 and doc[a.end].text in _HYPHENS
            and not doc[a.end - 1].whitespace_ and not doc[a.end].whitespace_
            and b.label_ in _JOINED_TO and a.label_ != b.label_ and not known_place(a.text))


def join_hyphened(spans: list[Span]) -> list[Span]:
    """`spans` (in any order) with each name cut at a hyphen joined to the name after it."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for span in ordered:
        if out and _glued(out[-1], span):
            first = out.pop()
            span = Span(span.doc, first.start, span.end, label=span.label_)
        out.append(span)
    return out
