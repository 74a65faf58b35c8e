"""Tokens named by their ticker: "the LIBRA token", "the FRNT stablecoin", "the TRUMP
memecoin". The model types such capitals a nationality, an organisation or nothing; written
in capitals right before a word for a coin, they are a product (the token itself), so its
price and its losses are its own."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.lexicon import POSSESSIVE

TOKEN_WORDS = frozenset({"token", "tokens", "coin", "coins", "stablecoin", "stablecoins",
                         "memecoin", "memecoins", "cryptocurrency", "cryptocurrencies"})
_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her"}) | POSSESSIVE
_MAX = 2  # words of a ticker name ("WLFI", "USD1")


def _ticker(text: str) -> bool:
    return 2 <= len(text) <= 10 and text.isupper() and any(c.isalpha() for c in text) \
        and text.isalnum()


def token_products(doc: Doc, spans: list[Span]) -> list[Span]:
    """`spans` (non-overlapping, in order) with each ticker written before a word for a coin
    typed PRODUCT, and the untagged ones added: one or two words in capitals between a
    determiner or possessive and the coin word."""
    by_end = {s.end: k for k, s in enumerate(spans)}  # index of the span ending there
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for tok in doc:
        if tok.lower_ not in TOKEN_WORDS or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and tok.i - start < _MAX and _ticker(doc[start - 1].text):
            start -= 1
        if start == tok.i or start == 0 or doc[start - 1].lower_ not in _OPENERS:
            continue
        k = by_end.get(tok.i)
        span = spans[k] if k is not None else None
        if k is not None and span is not None and span.start == start \
                and span.label_ != "PRODUCT":
            out[k] = Span(doc, start, tok.i, label="PRODUCT")
        elif span is None and not covered & set(range(start, tok.i)):
            out.append(Span(doc, start, tok.i, label="PRODUCT"))
    return sorted(out, key=lambda s: s.start)


def named_token(span: Span) -> bool:
    """A ticker written right before a word for a coin ("LIBRA" of "the LIBRA token")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in TOKEN_WORDS \
        and all(_ticker(t.text) for t in span)
