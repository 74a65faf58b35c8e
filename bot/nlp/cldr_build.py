"""Build `bot/nlp/resources/currencies.json` from CLDR (through babel):
`python -m bot.nlp.cldr_build [--write | --check]`.

What it takes from CLDR, so that no currency table is kept by hand:
- the ISO 4217 codes in use today and the territories (ISO alpha-2) that use each;
- every symbol a currency's home locales write for it ("RM", "₦", "Ksh", "R$", "$", "Rs");
- English names, singular and plural, of currencies that are or were legal tender
  ("Brazilian real", "Brazilian reals"), their head noun,
  and the head noun's plural in the home languages ("reais", "guaranies"), accents folded;
- English territory names -> alpha-2 (for the article's country hint);
- the currencies shown without decimals (JPY, KRW: "300 yen 50" is not 300.50).
Loading ~740 locales takes about 1.5 s and much memory, hence a generated file, not an import.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

from bot.nlp.resource_file import write_or_check

TARGET = Path(__file__).with_name("resources") / "currencies.json"
_LATIN_WORD = re.compile(r"[a-z]{3,}")


def fold(text: str) -> str:
    """Lower case without accents ("guaraníes" -> "guaranies", "Türkiye" -> "turkiye")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _same_word(home: str, head: str) -> bool:
    """A home-language form of an English head noun: it shares all but the last letter
    ("reais" ~ "real", "guaranies" ~ "guarani", "lirasi" ~ "lira")."""
    common = 0
    for a, b in zip(home, head, strict=False):
        if a != b:
            break
        common += 1
    return common >= 3 and common >= len(head) - 1


def build() -> dict[str, object]:
    """The data, as written to currencies.json (sorted, so that the file is stable)."""
    from babel import Locale
    from babel.localedata import locale_identifiers
    from babel.numbers import get_currency_precision, get_territory_currencies

    en = Locale("en")
    territories = {t: n for t, n in en.territories.items() if re.fullmatch(r"[A-Z]{2}", t)}
    uses = {t: list(get_territory_currencies(t, tender=True)) for t in territories}
    current = sorted({c for cs in uses.values() for c in cs})
    ever = {c for t in territories for c in get_territory_currencies(  # legal tender once
        t, start_date=date(1800, 1, 1), end_date=date.today(), tender=True)}
    where = {c: sorted(t for t, cs in uses.items() if c in cs) for c in current}
    plural = en._data["currency_names_plural"]

    names: dict[str, set[str]] = {}
    heads: dict[str, str] = {}
    for code, name in en.currencies.items():
        if "(" in name or code not in ever:
            continue  # funds and units of account ("Colombian Real Value Unit"), dated forms
        forms = {name, *dict(plural.get(code) or {}).values()}
        for form in forms:
            words = fold(form).split()
            names.setdefault(" ".join(words), set()).add(code)
            names.setdefault(words[-1], set()).add(code)
        heads[code] = fold(name).split()[-1]

    symbols: dict[str, set[str]] = {}
    for code in current:
        sign = en.currency_symbols.get(code)
        if sign and sign != code:
            symbols.setdefault(sign, set()).add(code)
    for ident in sorted(locale_identifiers()):
        territory = ident.rsplit("_", 1)[-1]
        if territory not in uses or not uses[territory]:
            continue
        loc = Locale.parse(ident)
        for code in uses[territory]:
            sign = loc.currency_symbols.get(code)
            if sign and sign != code and len(sign) <= 5 and not any(c.isdigit() for c in sign):
                symbols.setdefault(sign, set()).add(code)
            home_plural = dict(loc._data.get("currency_names_plural", {}).get(code) or {})
            for form in {loc.currencies.get(code) or "", *home_plural.values()}:
                for word in _LATIN_WORD.findall(fold(form)):
                    if code in heads and word != heads[code] and _same_word(word, heads[code]):
                        names.setdefault(word, set()).add(code)

    en_symbol: dict[str, list[str]] = {}
    for code in current:
        sign = en.currency_symbols.get(code)
        if sign and sign != code:
            en_symbol.setdefault(sign, []).append(code)
    places: dict[str, str] = {}
    for code, name in territories.items():
        for variant in {name, re.sub(r"\s*\(.*\)", "", name), re.sub(r".*\((.*)\)", r"\1", name),
                        name.replace(" SAR China", ""), fold(name)}:
            places.setdefault(variant.strip(), code)
    return {
        "source": f"CLDR via babel {_babel_version()}",
        "codes": where,
        "no_minor_unit": [c for c in current if get_currency_precision(c) == 0],
        "symbols": {s: sorted(cs) for s, cs in sorted(symbols.items())},
        "en_symbols": {s: cs[0] for s, cs in sorted(en_symbol.items()) if len(cs) == 1},
        "names": {n: sorted(cs) for n, cs in sorted(names.items())},
        "territories": dict(sorted(places.items())),
    }


def _babel_version() -> str:
    import babel

    return babel.__version__


def render() -> str:
    """The file's text."""
    return json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main() -> int:
    """--write the file, or --check that the committed one is what babel gives now."""
    return write_or_check(TARGET, render(), sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
