"""Number words, scales and unit tables used by figure extraction (pure data and parsing)."""

from __future__ import annotations

import math
import re
import unicodedata

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "nought": 0, "naught": 0,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12,
    "tln": 1e12, "t": 1e12, "mil": 1e6, "mm": 1e6, "hundred": 100.0, "dozen": 12.0,
    "dozens": 12.0, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7,
    "crores": 1e7, "cr": 1e7, "bil": 1e9,  # "RM3bil" (Malaysian press)
    **{f"lakh{a} crore{b}": 1e12 for a in ("", "s") for b in ("", "s")},  # "Rs 2 lakh crore"
}
MONEY_SCALES = frozenset({"lac", "lacs", "cr", "bil"})  # scales read only next to a currency
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
        "crore": 1e7}
# parts of a scale: "half a million", "a quarter million", "two thirds of a million"
_PARTS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}

_ATOM = "|".join(sorted(SMALL, key=len, reverse=True)) + "|dozens?|hundred|" + "|".join(_BIG)
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
_ORDINALS = {
    "half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}
_UNIT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD = (rf"(?:(?:{_TENS})-(?:{'|'.join(_UNIT_ORD)})|halves|"
        rf"{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})s?")
_SCALE_WORD = rf"(?:dozen|hundred|{'|'.join(_BIG)})"
# part of a scale: "half a million", "half-million", "a quarter of a million"
_PART = (rf"(?:(?:an?|one|two|three)[\s-]+)?(?:half|quarters?|thirds?)(?:\s+of)?(?:\s+an?)?"
         rf"[\s-]+{_SCALE_WORD}\b")
# a cardinal: "twenty-five", "one hundred and two", "a dozen", "three million"
_CARD = (
    rf"(?:{_PART}|an?\s+{_SCALE_WORD}|(?:{_ATOM}))"
    rf"(?:(?:{_AND}|[\s-]{{1,3}})(?:{_ATOM})\b){{0,10}}"  # bounded: linear on "one one one ..."
)
_DIGIT_WORD = rf"(?:(?:{_TENS})-(?:{'|'.join(list(SMALL)[:10])})|{_ATOM}|oh)"
# cardinals, spelled fractions ("five eighths", "two and a half") and decimals ("nine point four")
WORD_NUMBER = (
    rf"(?:{_PART}|(?:{_CARD}\s+and\s+)?(?:an?|{_CARD})[\s-]+{_ORD}\b"
    rf"|{_CARD}(?:\s{{1,3}}point(?:\s{{1,3}}{_DIGIT_WORD}\b){{1,12}})?"
    rf"|point(?:\s{{1,3}}{_DIGIT_WORD}\b){{1,12}})"
)
# "6,240", "12,34,567" (Indian grouping), "2.5", and the spaced decimals of tokenised text
# ("46 . 8") ([ ] rather than a space so that the patterns survive re.VERBOSE); space-grouped
# thousands stop before a model number or a name ("30 787-9 jets", "12 737 Max jets")
DIGITS = (r"(?:\d{1,2}(?:,\d{2}){1,6},\d{3}|\d{1,3}(?:,\d{3}){1,6}"
          r"|\d{1,3}(?:[\u00a0\u202f]\d{3}){1,6}"
          r"|(?<!\d[ ])\d{1,3}(?:[ ]\d{3}){1,4}(?![ ]?\d)(?!-\d[ \t](?-i:[A-Z]))"
          r"|\d{1,20}"
          r"|(?<![\d.,])(?=\.\d))"
          r"(?:(?:\.|[ ]\.[ ])\d{1,20})?(?:e[+-]?\d+|\^[+-]{0,2}\d+|[ ]?[x×][ ]?10\^[+-]?\d+)?")
VULGAR = "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
# "3/4", "7 3 / 4": only the denominators of finance and recipes, never dates like "9/11"
FRACTION = r"(?:\d+\s)?[1-9]\d?\s?/\s?(?:2|3|4|5|6|8|10|16|32|64)(?![\d/])"

_SIGN = re.compile(r"^(?:-|minus\s+|negative\s+)")
# Every word a spelled-out number can start with (for a quick pre-check of a sentence).
NUMBER_WORDS = frozenset({*SMALL, *_BIG, *_PARTS, *_ORDINALS, *_UNIT_ORD, "hundred", "dozen",
                          "point", "lakh", "crore", "halves"})


def _tokens(text: str) -> list[str]:
    """Number words; hyphenated cardinals split, compound ordinals ("twenty-first") kept."""
    out: list[str] = []
    for tok in re.split(r"\s+", text.strip().lower()):
        if tok.strip("-") and not _ordinal(tok):
            out.extend(t for t in tok.split("-") if t)
        elif tok.strip("-"):
            out.append(tok)
    return out


def _ordinal(word: str) -> float | None:
    """Denominator of "fifths", "quarter", "twenty-first(s)"; None for other words."""
    if word == "halves":
        return 2.0
    for base in (word, word[:-1] if word.endswith("s") else ""):
        if base in _ORDINALS:
            return float(_ORDINALS[base])
        tens, _, unit = base.partition("-")
        if tens in _TENS.split("|") and unit in _UNIT_ORD:  # "twenty-first", not "two-thirds"
            return float(SMALL[tens] + _UNIT_ORD[unit])
    return None


def _cardinal(words: list[str]) -> float | None:
    words = [w for w in words if w != "and"]
    factor = 1.0
    if len(words) > 1 and words[0] in _NUMERATORS and words[1] in _PARTS:
        factor, words = _NUMERATORS[words[0]], words[1:]
    if words[:1] and words[0] in _PARTS:  # "half a million", "two thirds of a million"
        factor, words = factor * _PARTS[words[0]], words[1:]
        words = words[1:] if words[:1] == ["of"] else words
        words = words[1:] if words[:1] in (["a"], ["an"]) else words
    if words[:1] in (["a"], ["an"]):
        words = ["one", *words[1:]]
    total, current, top = 0.0, 0.0, 0.0
    for word in words:
        if word in SMALL:
            current += SMALL[word]
        elif word in ("dozen", "dozens"):
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _BIG:
            big = _BIG[word]
            if total and big > top:  # a scale of a scale: "three lakh crore", "thousand million"
                total, current = (total + current) * big, 0.0
            else:
                total, current = total + (current or 1) * big, 0.0
            top = max(top, big)
        else:
            return None
    return factor * (total + current) if words else None


def parse_words(text: str) -> float | None:
    """The value of spelled-out numbers: "one hundred and two", "half a million", "a dozen",
    "five eighths", "two and a half", "nine point nought four"."""
    words = _tokens(text)
    if "point" in words:
        raw = re.split(r"\s+", text.strip().lower())
        i = raw.index("point")
        whole = _cardinal(_tokens(" ".join(raw[:i]))) if i else 0.0
        parts = [_cardinal(w.split("-")) for w in raw[i + 1:]]
        if whole is None or not parts or any(p is None for p in parts):
            return None
        return whole + float("0." + "".join(str(int(p or 0)) for p in parts))
    den = _ordinal(words[-1]) if words else None
    if den is None:
        return _cardinal(words)
    head = words[:-1]
    if "and" in head:  # "two and three fifths": a whole part, then a proper fraction
        j = len(head) - 1 - head[::-1].index("and")
        whole, part = _cardinal(head[:j]), _cardinal(head[j + 1:])
        if whole is not None and part is not None and part < den:
            return whole + part / den
    num = _cardinal(head)
    return None if num is None else num / den


def _digits(text: str) -> float:
    """ "6240", "1.3e6", "1.3x10^6", "1.1^23" (a power), "2500^-1" as a float."""
    m = re.fullmatch(r"([\d.]+)\s?(?:(e|[x×]\s?10\^|\^)([+-]*)(\d+))?", text)
    if m is None or not m.group(2):
        return float(text)
    power = float(m.group(4)) * (-1 if m.group(3).count("-") % 2 else 1)
    base = float(m.group(1))
    return base ** power if m.group(2) == "^" else base * 10 ** power


def round_sig(value: float, digits: int = 12) -> float:
    """`value` to `digits` significant digits: drops the binary noise a scale or unit factor
    adds (3e6 sats x 1e-8 = 0.030000000000000002 -> 0.03) and keeps every digit a text has."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def is_year(text: str) -> bool:
    """Whether a number as written is a year of modern news ("1998", "2025")."""
    return _YEAR.fullmatch(text) is not None


def parse_number(text: str) -> float | None:
    """The value of "6,240", "2.5", "46 . 8", "3/4", "twenty-five", "minus five"; else None,
    also for what has no finite value ("1/0", "10^400", a 400-digit run)."""
    try:
        value = _parse_number(text)
    except (OverflowError, ZeroDivisionError):
        return None
    return value if value is None or math.isfinite(value) else None


def _parse_number(text: str) -> float | None:
    text = text.strip().lower().replace("−", "-").replace("–", "-")
    sign = -1.0 if _SIGN.match(text) else 1.0
    text = _SIGN.sub("", text).strip()
    text = re.sub(r"(\d) \. (\d)", r"\1.\2", text)
    if text and all(c in VULGAR or c.isdigit() for c in text) and text[-1] in VULGAR:
        return sign * (float(text[:-1] or 0) + unicodedata.numeric(text[-1]))
    if re.fullmatch(DIGITS, text):
        return sign * _digits(re.sub(r"[, \u00a0\u202f]", "", text))
    frac = re.fullmatch(r"(?:(\d+)\s)?(\d+)\s?/\s?(\d+)", text)
    if frac:
        whole, num, den = int(frac.group(1) or 0), int(frac.group(2)), int(frac.group(3))
        if num >= den and whole:
            return None
        return sign * (whole + num / den)
    value = parse_words(text)
    return None if value is None else sign * value


_BARE_SCALE = re.compile(
    r"(?i:hundred|thousand|million|billion|trillion|dozens?|lakhs?|crores?)\b")
_VAGUE_BEFORE = re.compile(r"\b(?i:several|few|many|multiple|couple(?:\s+of)?|per)\s{1,3}$")
_MODEL_NUMBER = re.compile(r"-\d[ \t]{1,3}[A-Z]")  # after 3-4 digits: "787-9 Dreamliner"
_VAGUE_REACH = 24  # characters before a scale word where its vague quantifier may stand


def no_amount(text: str, num: str, start: int, end: int) -> bool:
    """Whether a number matched at text[start:end] states no amount: a scale without its
    number after a vague quantifier ("several thousand teachers", "a few million cars",
    "dozens of"), or a model's number ("787-9 Dreamliner"; not a tally "308-12 Friday")."""
    if _BARE_SCALE.match(num) and (num.lower().startswith("dozens") or _VAGUE_BEFORE.search(
            text, max(0, start - _VAGUE_REACH), start)):
        return True
    return bool(re.fullmatch(r"\d{3,4}", num)) and _MODEL_NUMBER.match(text, end) is not None
