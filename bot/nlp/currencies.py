"""Currencies from CLDR data (`resources/currencies.json`, built by `bot.nlp.cldr_build`): which
ISO 4217 codes a sign, code or name can mean, and which one it means here.

An ambiguous sign or name ("$", "Rs", "kr", "rupees", "pesos") is resolved by the article's
countries (ISO alpha-2, most named first) when one of them uses a candidate, else by a default:
the CLDR English symbol ("$" = USD, "¥" = JPY), else the press default below, else the
candidate in use in the most territories. A sign English CLDR gives one currency ("$") follows
only the article's main country; other ambiguous forms follow the first country that fits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from babel.numbers import list_currencies

_DATA = json.loads((Path(__file__).with_name("resources") / "currencies.json")
                   .read_text(encoding="utf-8"))
CODES: dict[str, list[str]] = _DATA["codes"]  # code in use -> territories using it
_SYMBOLS: dict[str, list[str]] = _DATA["symbols"]
_EN_SYMBOLS: dict[str, str] = _DATA["en_symbols"]
_NAMES: dict[str, list[str]] = _DATA["names"]
TERRITORIES: dict[str, str] = _DATA["territories"]  # English name -> alpha-2
EN_SYMBOL_CODES = frozenset(_EN_SYMBOLS.values())  # codes English CLDR gives a sign of their own
USES: dict[str, set[str]] = {}
for _code, _places in CODES.items():
    for _place in _places:
        USES.setdefault(_place, set()).add(_code)

# --- press conventions CLDR lacks (a small, documented supplement) ---------------------------
_RUPEES = ("PKR", "INR", "LKR", "NPR", "MUR", "SCR")
_EXTRA_SYMBOLS: dict[str, Sequence[str]] = {
    "Rs": _RUPEES, "Rs.": _RUPEES, "₨": _RUPEES, "N": ("NGN",),  # "N62 million" (Nigeria)
    "元": ("CNY",), "ரூ": ("LKR",), "₿": ("BTC",), "KSh": ("KES",), "C$": ("CAD", "NIO"),
    "S$": ("SGD",), "J$": ("JMD",), "TT$": ("TTD",), "Mex$": ("MXN",), "Z$": ("ZWG",),
    # the press's own abbreviations: "NIS 5 billion", "Dh2bn", "QR1.2bn", "Tk 300 crore",
    # "Sh50 billion" (East African shillings), "Nu 2 billion" (ngultrum), "RMB 3 billion"
    "NIS": ("ILS",), "Dh": ("AED", "MAD"), "Dhs": ("AED",), "QR": ("QAR",), "Tk": ("BDT",),
    "₵": ("GHS",), "Sh": ("KES", "UGX", "TZS", "SOS"), "Nu": ("BTN",), "N$": ("NAD",),
    "ZK": ("ZMW",), "RMB": ("CNY",), "E£": ("EGP",), "LE": ("EGP",), "GH¢": ("GHS",),
    "SFr": ("CHF",), "TL": ("TRY",), "Gs": ("PYG",), "SR": ("SAR", "SCR"), "P": ("PHP", "BWP"),
}
_CROWNS = ("SEK", "NOK", "DKK", "CZK", "ISK")
_EXTRA_NAMES: dict[str, Sequence[str]] = {
    "renminbi": ("CNY",), "rmb": ("CNY",), "sterling": ("GBP",), "pound sterling": ("GBP",),
    "pounds sterling": ("GBP",), "deutsche mark": ("DEM",), "deutsche marks": ("DEM",),
    "deutschmarks": ("DEM",), "lire": ("TRY", "ITL"), "rouble": ("RUB",), "roubles": ("RUB",),
    "markkaa": ("FIM",), "u.s. dollar": ("USD",), "u.s. dollars": ("USD",),
    # the English press name of the Nordic and Czech currencies ("17 trillion crowns")
    "crown": _CROWNS, "crowns": _CROWNS,
    "cfa franc": ("XOF", "XAF"), "cfa francs": ("XOF", "XAF"), "guaraníes": ("PYG",),
    "złoty": ("PLN",), "đồng": ("VND",),
}
# Defaults where no CLDR English symbol decides and territory counts do not fit the press.
_DEFAULTS = {
    "rupee": "PKR", "rupees": "PKR", "rs": "PKR", "rs.": "PKR", "₨": "PKR", "peso": "MXN",
    "pesos": "MXN", "franc": "CHF", "francs": "CHF", "krona": "SEK", "kr": "SEK",
    "shilling": "KES", "shillings": "KES", "riyal": "SAR", "riyals": "SAR", "won": "KRW",
    "peseta": "ESP", "pesetas": "ESP", "c$": "CAD", "dinar": "KWD", "dinars": "KWD",
    "pound": "GBP", "pounds": "GBP", "dollar": "USD", "dollars": "USD", "dirham": "AED",
    "dirhams": "AED", "ruble": "RUB", "rubles": "RUB", "dh": "AED", "lev": "BGN",
    "leva": "BGN", "sr": "SAR",
}
# Names that are also English words: read bare only with a scale word or a country that
# uses them ("3 billion won", "the 2 real problems").
GUARDED_NAMES = frozenset({
    "real", "reals", "won", "mark", "marks", "sol", "som", "soms", "dong", "kip", "kips",
    "lek", "lei", "leu", "colon", "colons", "tala", "kina", "pula", "dram", "drams", "gold",
    "franco", "rand", "taka", "denar", "lari", "loti", "crown", "crowns",
})
CRYPTO = frozenset({"BTC", "ETH"})
# Currencies without a minor unit in use (CLDR: no decimals), and crypto: "300 yen 50" is not
# 300.50.
NO_MINOR_UNIT = frozenset(_DATA["no_minor_unit"]) | CRYPTO


@cache
def iso_codes() -> frozenset[str]:
    """Every ISO 4217 code CLDR knows ("AED", "PHP")."""
    return frozenset(list_currencies())


def symbols() -> dict[str, tuple[str, ...]]:
    """Every sign or letter symbol -> the codes it can mean."""
    out = {s: tuple(cs) for s, cs in _SYMBOLS.items()}
    for sign, codes in _EXTRA_SYMBOLS.items():
        out[sign] = tuple(dict.fromkeys((*codes, *out.get(sign, ()))))
    return out


def names() -> dict[str, tuple[str, ...]]:
    """Every currency name (lower case, singular and plural) -> the codes it can mean; codes
    in use today win over historic ones of the same name."""
    out: dict[str, tuple[str, ...]] = {}
    for name, codes in (*_NAMES.items(), *_EXTRA_NAMES.items()):
        live = [c for c in codes if c in CODES]
        out[name] = tuple(dict.fromkeys((*out.get(name, ()), *(live or codes))))
    return out


SYMBOLS = symbols()
NAMES = names()


def _default(form: str, candidates: Sequence[str]) -> str:
    if form in _EN_SYMBOLS:
        return _EN_SYMBOLS[form]
    if form.lower() in _DEFAULTS and _DEFAULTS[form.lower()] in candidates:
        return _DEFAULTS[form.lower()]
    return min(candidates, key=lambda c: (-len(CODES.get(c, ())), c not in CODES, c))


def resolve(form: str, candidates: Sequence[str], countries: Sequence[str] = ()) -> str:
    """The code `form` (a sign or name as written) means, given the article's countries."""
    if len(candidates) == 1:
        return candidates[0]
    main_only = form in _EN_SYMBOLS or form.lower() in ("dollar", "dollars")
    hint = countries[:1] if main_only else countries
    if form == "$":  # "$" is a local currency only where that currency is called a dollar
        candidates = [c for c in candidates if c in NAMES["dollar"]]
    for place in hint:
        used = USES.get(place, set())
        for code in candidates:
            if code in used:
                return code
    return _default(form, candidates)


def explicit_forms(code: str) -> list[str]:
    """Forms that name one currency without doubt: its code, its prefixed signs and its full
    English names ("AUD", "A$", "AU$", "Australian dollars")."""
    forms = [code, *(s for s, cs in SYMBOLS.items() if cs == (code,) and len(s) > 1)]
    forms += [n for n, cs in NAMES.items() if cs == (code,) and " " in n]
    return forms


def used_in(candidates: Sequence[str], countries: Sequence[str]) -> bool:
    """Whether one of the article's countries uses one of these currencies."""
    return any(code in USES.get(place, ()) for place in countries for code in candidates)
