"""Currencies written next to an amount: signs, ISO codes and names, before or after it.

`CURRENCY_BEFORE` (for a pattern compiled with IGNORECASE), `CURRENCY_AFTER` and `CODE_AFTER`
are regex fragments; `currency(text)` reads what they matched as (unit, kind, multiplier). The
tables live in `bot.nlp.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.nlp.lexicon import (
    CRYPTO_CODES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DOLLAR_PREFIXES,
    ISO_CODES,
    LOWER_CASE_CODES,
)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SIGNS = _alt(CURRENCY_SIGNS)
_CODES = "|".join(ISO_CODES)
# Words and lower-case codes before a number are weaker evidence than signs and capitals.
WEAK_PREFIXES = frozenset({*LOWER_CASE_CODES, *CURRENCY_WORDS} - {"rs", "rs."})
# "US$", "C $" (tokenised text), "mxn$", "€", "Rs.", "USD", "MAUD" (millions), "usd", "dollar"
CURRENCY_BEFORE = (
    rf"\b(?:US|HK|NZ|C)\s?\$|\b(?:{_alt([*DOLLAR_PREFIXES, *LOWER_CASE_CODES])})\$|{_SIGNS}"
    rf"|\b(?-i:M?(?:{_CODES}))(?=\s?\d)|\b(?:{_alt([*LOWER_CASE_CODES, *CURRENCY_WORDS])})"
    rf"(?=\s?\d)"
)
# A sign after a number ("10 €", "100元"), unless it starts the next amount ("in 2021 $4
# billion"); it stays with the first number when the next one has its own sign or is a minor
# unit ("10 $ 30 $", "10 $ 30 cent").
CURRENCY_AFTER = rf"(?:{_SIGNS})(?!\w)(?:(?!\s*\d)|(?=\s+\d[\d.,]*\s?(?:{_SIGNS}|cents?\b|¢)))"
# ISO codes after a number, capitals with an optional M for millions ("30 MUSD"), or lower case
CODE_AFTER = rf"(?-i:M?(?:{_CODES}))\b|(?i:{_alt(LOWER_CASE_CODES)})\b"


def currency(text: str) -> tuple[str, str, float] | None:
    """(unit, kind, multiplier) of a currency written next to a number: "$" -> USD, "C$" ->
    CAD, "aud$" -> AUD, "usd" -> USD, "MEUR" -> EUR x 1e6, "₿" -> BTC (crypto)."""
    key, mult = re.sub(r"\s+", "", text), 1.0
    if len(key) == 4 and key[0] == "M" and key[1:] in ISO_CODES:
        key, mult = key[1:], 1e6
    low = key.lower()
    if key in CURRENCY_SIGNS:
        code = CURRENCY_SIGNS[key]
    elif low.endswith("$") and low[:-1] in DOLLAR_PREFIXES:
        code = DOLLAR_PREFIXES[low[:-1]]
    elif low.rstrip("$").upper() in ISO_CODES:
        code = low.rstrip("$").upper()
    elif low in CURRENCY_WORDS:
        code = CURRENCY_WORDS[low]
    else:
        return None
    return code, "crypto" if code in CRYPTO_CODES else "money", mult
