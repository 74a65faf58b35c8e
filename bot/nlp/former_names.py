"""A name and the one it replaced: "Strategy, formerly known as MicroStrategy", "Block
(formerly Square)". The old name is an alias of the new one, so `/figures MicroStrategy` and
`/entity Strategy` find the same entity; a new name the model left untagged ("Strategy" opening
a sentence reads as a word) becomes an organisation when the old one is one."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.name_runs import bare_name_before, capitalised

_MAX_NAME = 3  # words of an untagged new name


def _old_start(doc: Doc, i: int) -> int | None:
    """Token index where the old name starts after "formerly" at `i` ("formerly known as X",
    "formerly called X", "formerly X"), else None."""
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ in {"known", "called", "named"}:
        j += 2 if doc[j].lower_ == "known" and doc[j + 1].lower_ == "as" else 1
    return j if j < len(doc) else None


def _linked(doc: Doc) -> list[tuple[int, int]]:
    """(end of the new name, start of the old name) for each "<new>, formerly <old>" and
    "<new> (formerly <old>"."""
    out = []
    for tok in doc:
        if tok.lower_ != "formerly" or tok.i < 2 or doc[tok.i - 1].text not in {",", "("}:
            continue
        start = _old_start(doc, tok.i)
        if start is not None:
            out.append((tok.i - 1, start))
    return out


def _span_at(spans: list[Span], start: int | None = None, end: int | None = None
             ) -> Span | None:
    return next((s for s in spans if (start is None or s.start == start)
                 and (end is None or s.end == end)), None)


def new_names(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """ORG spans for untagged new names whose old name is an organisation."""
    out = []
    for end, start in _linked(doc):
        old = _span_at(spans, start=start)
        if old is None or old.label_ != "ORG" or _span_at(spans, end=end) is not None:
            continue
        begin = bare_name_before(doc, end, covered, (1, _MAX_NAME), capitalised)
        if begin is not None:
            out.append(Span(doc, begin, end, label="ORG"))
    return out


def former_names(doc: Doc) -> dict[str, str]:
    """{old name: new name} of the doc's entities written as "<new>, formerly <old>"."""
    ents = list(doc.ents)
    out = {}
    for end, start in _linked(doc):
        new, old = _span_at(ents, end=end), _span_at(ents, start=start)
        if new is not None and old is not None and new.label_ == old.label_ == "ORG":
            out[old.text] = new.text
    return out
