"""Currencies written next to an amount: signs, ISO codes, symbols and names, before or after.

`CURRENCY_BEFORE` (for a pattern compiled with IGNORECASE), `CURRENCY_AFTER`, `CODE_AFTER` and
`NAME_AFTER` are regex fragments built from CLDR data (`bot.nlp.currencies`); `currency(text,
countries)` and `currency_name(text, countries)` read what they matched as (unit, kind,
multiplier). `weak(text)` tells the forms that also read as something else (one or two letters
such as "R", "RM", "K"; codes that are words or acronyms such as "TOP", "COP"): those need
more evidence (see `bot.nlp.figures`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from bot.nlp.currencies import (
    CODES,
    CRYPTO,
    EN_SYMBOL_CODES,
    NAMES,
    SYMBOLS,
    USES,
    resolve,
)
from bot.nlp.lexicon import CURRENCY_WORDS, DOLLAR_PREFIXES, LOWER_CASE_CODES
from bot.nlp.word_trie import literal, trie_pattern


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_DOLLARS = frozenset(SYMBOLS["$"])
_PURE_SIGNS = [s for s in SYMBOLS if not re.search(r"[A-Za-z]", s) and " " not in s]
# Signs mixing letters and marks ("CN¥", "GH₵", "E£", "Kč", "zł", "S/"), matched as signs.
_PURE_SIGNS += [s for s in SYMBOLS if re.search(r"[A-Za-z]", s) and " " not in s
                and "$" not in s and re.search(r"[^A-Za-z.\s]", s)
                and not re.search(r"[\u2000-\u206f]", s)]
_LETTERS = [s for s in SYMBOLS if re.search(r"[A-Za-z]", s) and "$" not in s
            and re.fullmatch(r"[A-Za-z.]{1,5}", s)]
_SHORT = [s for s in _LETTERS if len(s.rstrip(".")) <= 2]
_LONG = [s for s in _LETTERS if len(s.rstrip(".")) > 2]
_PREFIXES = {s[:-1].lower() for s in SYMBOLS if s.endswith("$") and len(s) > 1}
_PREFIXES |= set(DOLLAR_PREFIXES) | set(LOWER_CASE_CODES)
_STRONG_CODES = EN_SYMBOL_CODES | {c.upper() for c in LOWER_CASE_CODES}
_SIGNS = _alt(_PURE_SIGNS)
SIGN_CHARS = "".join(sorted({c for sign in _PURE_SIGNS for c in sign}))  # for a quick pre-check
_CODES = "|".join(sorted(CODES))
# Words and lower-case codes before a number are weaker evidence than signs and capitals.
WEAK_PREFIXES = frozenset({*LOWER_CASE_CODES, *CURRENCY_WORDS} - {"rs", "rs."})
# "US$", "C $" (tokenised text), "J$", "aud$", "€", "Rs.", "RM", "KSh", "N62" (one letter:
# glued), "USD", "MAUD" (millions), "usd", "dollar"
CURRENCY_BEFORE = (
    rf"\b(?:US|HK|NZ|C)\s?\$|\b(?:{_alt(_PREFIXES)})\$|{_SIGNS}"
    rf"|\b(?-i:{_alt(s for s in _SHORT if len(s.rstrip('.')) == 2)})(?=\s?\d)"
    rf"|\b(?-i:[{''.join(s for s in _SHORT if len(s) == 1)}])(?=\d)|\b(?:{_alt(_LONG)})(?=\s?\d)"
    rf"|\b(?-i:M?(?:{_CODES}))(?=\s?\d)|\b(?:{_alt([*LOWER_CASE_CODES, *CURRENCY_WORDS])})"
    rf"(?=\s?\d)"
)
# A currency's name written before an amount, capitalised ("Baht 1 billion", "Naira 2.5bn",
# "Euro 500,000"), when a scale word or thousands follow (so "Euro 2024" stays a tournament);
# not names that are also everyday words before a number ("Won 5 million ...", "Gold 1,000").
_NOT_BEFORE = frozenset({"won", "gold", "real", "reals", "mark", "marks", "rand", "crown",
                         "crowns", "colon", "colons", "sol", "inti", "lei", "leu", "pound",
                         "pounds", "dollar", "dollars", "rmb", "eur"})
_NAMES_BEFORE = sorted(n.capitalize() for n in NAMES if n.isalpha() and n.isascii()
                       and n not in _NOT_BEFORE)
_SCALED = r"\s\d[\d.,]*\s?(?:million|billion|trillion|crore|lakh|thousand|mn|bn|tn|m|b|k)\b"
NAME_BEFORE = (rf"\b(?-i:{_alt(_NAMES_BEFORE)})"
               rf"(?=(?i:{_SCALED})|\s\d{{1,3}}(?:,\d{{3}})+(?!\d))")
CURRENCY_BEFORE += "|" + NAME_BEFORE
# A sign after a number ("10 €", "100元"), unless it starts the next amount ("in 2021 $4
# billion"); it stays with the first number when the next one has its own sign or is a minor
# unit ("10 $ 30 $", "10 $ 30 cent").
CURRENCY_AFTER = rf"(?:{_SIGNS})(?!\w)(?:(?!\s*\d)|(?=\s+\d[\d.,]*\s?(?:{_SIGNS}|cents?\b|¢)))"
# ISO codes after a number, capitals with an optional M for millions ("30 MUSD"), or lower case
CODE_AFTER = rf"(?-i:M?(?:{_CODES}))\b|(?i:{_alt(LOWER_CASE_CODES)})\b"
# Vowels (and n, c) as a name may be written with or without accents ("bolívares",
# "guaranies", "colónes"); `currency_name` folds what matched back to the CLDR name.
_ACCENTED = {"a": "[aáàâãä]", "e": "[eéèêë]", "i": "[iíìîï]", "o": "[oóòôõö]",
             "u": "[uúùûü]", "n": "[nñ]", "c": "[cç]"}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_FOLDED_NAMES = {_fold(n): n for n in NAMES}


def _name_atom(char: str) -> tuple[str, str]:
    """A name's letter for a case-free trie: a vowel (or n, c) with its accented forms, so "á"
    and "a" share a branch; a space as any one space."""
    lower = char.lower()
    base = _fold(lower)
    if base in _ACCENTED and lower in _ACCENTED[base]:
        return base, _ACCENTED[base]
    return literal(lower)


def _name_pattern(names: Iterable[str]) -> str:
    return trie_pattern({_fold(n) for n in names} | set(names), _name_atom)


# Names after a number: "rupees", "Brazilian reais", "South African rand", "tenge"
NAME_AFTER = r"(?i:" + _name_pattern(NAMES) + r")\b"


def _letters(key: str) -> str | None:
    """The symbol a letter form stands for, case as CLDR writes it ("KSH" -> "Ksh")."""
    if key in SYMBOLS:
        return key
    if len(key.rstrip(".")) > 2:
        for sign in _LONG:
            if sign.lower() == key.lower():
                return sign
    return None


def _dollar(prefix: str, countries: Sequence[str]) -> str | None:
    """The code of "<prefix>$": "HK$" -> HKD, "J$" -> JMD (the one $ code starting so),
    "C$" -> CAD (press usage), "aud$" -> AUD."""
    low, up = prefix.lower(), prefix.upper()
    if f"{prefix}$" in SYMBOLS:
        return resolve(f"{prefix}$", SYMBOLS[f"{prefix}$"], countries)
    if low in DOLLAR_PREFIXES:
        return DOLLAR_PREFIXES[low]
    if up in CODES:
        return up
    local = sorted(USES.get(up, set()) & _DOLLARS)
    if local:
        return local[0]
    starting = [c for c in _DOLLARS if c.startswith(up)]
    return starting[0] if len(starting) == 1 else None


def weak(text: str) -> bool:
    """A form that often means something else before a number: one or two letters ("R",
    "RM", "kr") other than "Rs", a mixed-case symbol written in capitals, or a code that is
    not one of the well-known ones."""
    key = re.sub(r"\s+", "", text)
    if key.lower() in ("rs", "rs."):
        return False
    if re.fullmatch(r"[A-Za-z]{1,2}\.?", key):
        return True
    if shouted(key):
        return True
    code = key[1:] if len(key) == 4 and key[0] == "M" else key
    return code.isupper() and code in CODES and code not in _STRONG_CODES


def shouted(text: str) -> bool:
    """A mixed-case currency symbol written in capitals: "MTN" (also the telecoms firm) for
    CLDR's "MTn" (metical), "USH" for "USh"; money only where the article names a country
    that uses it."""
    key = re.sub(r"\s+", "", text)
    sign = _letters(key)
    return sign is not None and sign != key and key.isupper()


def codes_of(text: str) -> tuple[str, ...]:
    """Every code a currency form can mean (for the evidence check of weak forms)."""
    key = re.sub(r"\s+", "", text)
    sign = _letters(key)
    if sign is not None:
        return tuple(SYMBOLS[sign])
    code = key[1:] if len(key) == 4 and key[0] == "M" else key
    return (code.upper(),) if code.upper() in CODES else ()


def currency(text: str, countries: Sequence[str] = ()) -> tuple[str, str, float] | None:
    """(unit, kind, multiplier) of a currency written next to a number: "$" -> USD, "C$" ->
    CAD, "aud$" -> AUD, "usd" -> USD, "MEUR" -> EUR x 1e6, "RM" -> MYR, "₿" -> BTC (crypto);
    ambiguous forms ("$", "Rs", "kr") follow the article's countries (ISO alpha-2)."""
    key, mult = re.sub(r"\s+", "", text), 1.0
    if len(key) == 4 and key[0] == "M" and key[1:] in CODES:
        key, mult = key[1:], 1e6
    low = key.lower()
    sign = _letters(key) or (key if key in SYMBOLS else None)
    code: str | None
    if low in ("rs", "rs."):
        code = resolve("Rs", SYMBOLS["Rs"], countries)
    elif sign is not None:
        code = resolve(sign, SYMBOLS[sign], countries)
    elif key.endswith("$"):
        code = _dollar(key[:-1], countries)
    elif low.upper() in CODES:
        code = low.upper()
    elif low in CURRENCY_WORDS or (low in NAMES and low.isalpha()):
        return currency_name(low, countries)  # "dollar", "Baht" (`NAME_BEFORE`)
    else:
        return None
    if code is None:
        return None
    return code, "crypto" if code in CRYPTO else "money", mult


def currency_name(text: str, countries: Sequence[str] = ()) -> tuple[str, str, float] | None:
    """(unit, "money", 1.0) of a currency name ("reais", "Kenyan shillings", "rupees")."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    key = key if key in NAMES else _FOLDED_NAMES.get(_fold(key), key)
    if key not in NAMES:
        return None
    return resolve(key, NAMES[key], countries), "money", 1.0
