"""ORG spans the gazetteer knows however the model split, typed or missed them: central banks
and regulators (`resources/public_bodies.json`, "Bank Negara Malaysia", "People’s Bank of
China") and share indices (`lexicon.STOCK_INDICES`, "S&P 500", "FTSE 100")."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from bot.nlp.gazetteer import public_bodies
from bot.nlp.lexicon import STOCK_INDICES


@cache
def _bodies_by_first_word() -> dict[str, tuple[str, ...]]:
    """Names of public bodies and share indices by their first word, longest first."""
    out: dict[str, list[str]] = {}
    for name in [*public_bodies(), *sorted(STOCK_INDICES)]:
        out.setdefault(re.split(r"[\s'’]", name, maxsplit=1)[0], []).append(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def gazetteer_org_spans(doc: Doc) -> list[Span]:
    """ORG spans for the central banks and regulators the gazetteer knows ("Bank Negara
    Malaysia", "People’s Bank of China") and for share indices ("S&P 500", "FTSE 100"),
    however the model split or typed them, or missed them. Matched on whole tokens,
    apostrophes folded; at most one look-up per token and candidate name."""
    by_first = _bodies_by_first_word()
    text = doc.text.replace("’", "'")
    ends = {tok.idx + len(tok.text): tok.i for tok in doc}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        for name in by_first.get(tok.text, ()):
            flat = name.replace("’", "'")
            end = ends.get(tok.idx + len(flat))
            if end is not None and text.startswith(flat, tok.idx) \
                    and not _defined_short_form(doc, i, end, name):
                out.append(Span(doc, i, end + 1, label="ORG"))
                i = end
                break
        i += 1
    return out


def _defined_short_form(doc: Doc, start: int, end: int, name: str) -> bool:
    """An index's name in brackets is the article's own short form ("digital asset exchanges
    (DAX)"), not the index."""
    return name in STOCK_INDICES and start > 0 and end + 1 < len(doc) \
        and doc[start - 1].text == "(" and doc[end + 1].text == ")"
