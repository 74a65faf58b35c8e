"""How a reply is compared with a label in the facts eval: values, units, names and roles.

Pure functions; `bench.eval.facts_score` applies them to the JSON replies of `/figures` and
`/entity`.
"""

from __future__ import annotations

import math
import re
import unicodedata

VALUE_TOLERANCE = 1e-3  # relative: 6,240 vs 6,240.5 is the same figure, 3.2 cents vs 3 cents not
_UNIT_SYNONYMS = {
    "km²": "km2", "sq km": "km2", "square kilometres": "km2", "hectares": "ha",
    "tonnes": "t", "tons": "t", "barrels": "bbl", "litres": "l", "liters": "l",
    "percent": "%", "per cent": "%", "basis points": "bp", "bps": "bp",
    "percentage points": "pp", "sats": "btc", "bitcoin": "btc", "bitcoins": "btc",
    "miles": "mi", "mile": "mi", "pounds": "lb", "lbs": "lb", "gallons": "gal",
}
_ROLE_SYNONYMS = {
    "chief executive officer": "ceo", "chief executive": "ceo", "chairman": "chair",
    "chairwoman": "chair", "chairperson": "chair", "vice president": "vice-president",
    "chief financial officer": "cfo", "chief technology officer": "cto",
    "chief operating officer": "coo", "prime minister": "prime-minister",
    # a title written short in the article or the label ("Rep.", "Sen.", "Gov.")
    "representative": "rep", "senator": "sen", "governor": "gov", "lieutenant": "lt",
}
_FILLER = frozenset({"the", "a", "an", "of", "at", "for", "in", "its", "their", "his", "her",
                     "s", "and", "to", "on", "country", "nation"})
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Case-, accent- and spacing-free form of a name or unit."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("'s ", " ").casefold()
    return re.sub(r"\s+", " ", re.sub(r"'s$", "", text)).strip(" .")


def values_match(expected: float, got: float | None) -> bool:
    """Same number within `VALUE_TOLERANCE` (relative; absolute for zero)."""
    if got is None or not math.isfinite(got):
        return False
    if expected == 0:
        return abs(got) < 1e-12
    return abs(got - expected) <= VALUE_TOLERANCE * abs(expected)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def unit_key(unit: str) -> str:
    """A comparable unit: codes case-free, synonyms folded, counted nouns singular
    ("licences" ~ "licence", "license"), "USD/kWh" kept as a ratio."""
    key = fold(unit)
    key = _UNIT_SYNONYMS.get(key, key)
    if "/" in key:
        return "/".join(unit_key(p) for p in key.split("/"))
    words = [_singular(w) for w in key.split()]
    key = " ".join(words).replace("license", "licence")
    return _UNIT_SYNONYMS.get(key, key)


def units_match(expected: str, got: str | None) -> bool:
    """Same unit after `unit_key`; a counted noun may carry modifiers ("new holders")."""
    if got is None:
        return False
    a, b = unit_key(expected), unit_key(got)
    if a == b:
        return True
    nouns = all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", k) for k in (a, b))
    return nouns and a.split()[-1] == b.split()[-1]


def names_match(a: str, b: str | None) -> bool:
    """The same name once case, accents, possessives and a leading "the" are set aside."""
    if not b:
        return False
    x, y = fold(a), fold(b)
    return x.removeprefix("the ") == y.removeprefix("the ")


def role_words(text: str, drop: str = "") -> frozenset[str]:
    """Content words of a role, synonyms folded, without the words of `drop` (an org)."""
    t = fold(text).replace("-", " ")
    for long, short in _ROLE_SYNONYMS.items():
        t = re.sub(rf"\b{re.escape(long)}\b", short, t)
    skip = {w for w in _WORD.findall(fold(drop).replace("-", " "))} if drop else set()
    return frozenset(_singular(w) for w in _WORD.findall(t) if w not in _FILLER
                     and w not in skip)


def role_matches(label_role: str, label_org: str | None, org_names: tuple[str, ...],
                 got_text: str, got_org: str | None) -> bool:
    """A reported role states the labelled one: the same title words (the organisation's words
    set aside, wherever they are written), and the labelled organisation as its org or inside
    its text ("CEO of the Pakistan Crypto Council")."""
    orgs = tuple(o for o in (label_org, *org_names) if o)
    drops = " ".join(orgs + ((got_org,) if got_org else ()))
    want = role_words(label_role, drops)
    have = role_words(got_text, drops)
    if not want or want != have:
        return False
    if not label_org:
        return True
    if any(names_match(o, got_org) for o in orgs):
        return True
    text = f" {fold(got_text)} "
    return any(f" {fold(o)} " in text for o in orgs)
