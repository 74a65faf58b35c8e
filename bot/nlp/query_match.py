"""Evaluate a parsed topic query (`bot.domain.query`) on one article's text.

`TextIndex` holds the title and text once per article: word positions (for NEAR), the end of the
title and of the lead (for weighting), and a cache of each term's occurrences, shared by all
topics. Phrases use anchored, case-insensitive patterns built from the configured words; regex
terms run on RE2, so no query can make matching super-linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.query import And, Near, Node, Not, Phrase, Regex, compile_regex

LEAD_WORDS = 40  # words of the body, after the title, that count as the lead
MAX_SPANS = 200  # occurrences kept per term: enough for scores, bounded for NEAR
_WORD = re.compile(r"\w+(?:[.,]\d+)*")  # for NEAR: "6,240" and "7.3" are one word each
_TOKEN = re.compile(r"\w+")

TITLE, LEAD, BODY = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Span:
    """One occurrence of a term: word indexes (inclusive), characters, and the term itself."""

    first: int
    last: int
    start: int
    end: int
    term: Phrase | Regex


@dataclass(frozen=True, slots=True)
class Hit:
    """Whether a (sub)query holds, and the occurrences of its positive terms that make it so."""

    matched: bool
    spans: tuple[Span, ...] = ()
    count: int = 0  # how many times it holds: occurrences, pairs, or the rarest AND part


def _plural_parts(word: str) -> tuple[str, tuple[str, ...]]:
    """A word as a stem and the endings it may take: "policy" -> ("polic", ("y", "ies")),
    "miners" -> ("miner", ("", "s", "es")); a word not ending in a letter takes none."""
    low = word.lower()
    if not word[-1:].isalpha():
        return word, ("",)
    if low.endswith("ies") and len(low) > 4:
        return word[:-3], ("y", "ies")
    if low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        return word[:-1], ("y", "ies")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        base = word[:-1] if low.endswith("s") and not low.endswith("ss") else word
        return base, ("", "s", "es")
    return word, ("", "s", "es")


def _last_word(word: str, exact: bool, prefix: bool) -> str:
    """The pattern of a phrase's last word: a prefix, the word exactly, or with plural forms."""
    if prefix:
        return re.escape(word) + r"\w{0,40}"
    if exact:
        return re.escape(word)
    stem, ends = _plural_parts(word)
    if ends == ("",):
        return re.escape(stem)
    return re.escape(stem) + "(?:" + "|".join(e for e in ends if e) + ")" + (
        "?" if "" in ends else "")


@lru_cache(maxsize=4096)
def phrase_regex(words: tuple[str, ...], exact: bool = False,
                 prefix: bool = False) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern of a phrase; spaces or hyphens between its words."""
    body = r"[\s\-]{1,5}".join(re.escape(w) for w in words[:-1])
    last = _last_word(words[-1], exact, prefix)
    body = f"{body}[\\s\\-]{{1,5}}{last}" if body else last
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _forms(term: Phrase) -> tuple[str, ...] | None:
    """The lower-case words one of which starts every occurrence of the phrase (None when its
    first word is not a plain word, or is a prefix)."""
    first = term.words[0].lower()
    if (term.prefix and len(term.words) == 1) or not first.isalnum():
        return None
    if len(term.words) > 1 or term.exact:
        return (first,)
    stem, ends = _plural_parts(first)
    return tuple(stem + e for e in ends)


class TextIndex:
    """One article's title and text, ready for many queries."""

    def __init__(self, text: str, title: str = "", lead_words: int = LEAD_WORDS) -> None:
        title = title.strip()
        self.text = f"{title}\n{text}" if title else text
        self.title_end = len(title)
        self.starts = [m.start() for m in _WORD.finditer(self.text)]
        first_body = bisect_right(self.starts, self.title_end) if title else 0
        lead = first_body + lead_words
        self.lead_end = self.starts[lead] if lead < len(self.starts) else len(self.text)
        self._lower = self.text.lower()  # a quick "is the first word there at all?" check
        self._words = set(_TOKEN.findall(self._lower))
        self._terms: dict[Phrase | Regex, tuple[Span, ...]] = {}

    def zone(self, span: Span) -> int:
        """TITLE, LEAD or BODY: where an occurrence starts."""
        if span.start < self.title_end:
            return TITLE
        return LEAD if span.start < self.lead_end else BODY

    def _word_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def _may_hold(self, term: Phrase) -> bool:
        forms = _forms(term)
        if forms is None:
            return term.words[0].lower() in self._lower
        return any(f in self._words for f in forms)

    def spans(self, term: Phrase | Regex) -> tuple[Span, ...]:
        """Every occurrence of a phrase or regex term (cached)."""
        found = self._terms.get(term)
        if found is None and isinstance(term, Phrase) and not self._may_hold(term):
            found = self._terms[term] = ()
        if found is None:
            pattern = (compile_regex(term.pattern) if isinstance(term, Regex)
                       else phrase_regex(term.words, term.exact, term.prefix))
            out: list[Span] = []
            for m in pattern.finditer(self.text):
                start, end = m.start(), m.end()
                if end > start:
                    out.append(Span(self._word_at(start), self._word_at(end - 1), start, end,
                                    term))
                    if len(out) >= MAX_SPANS:
                        break
            found = self._terms[term] = tuple(out)
        return found


def _near(left: tuple[Span, ...], right: tuple[Span, ...], distance: int) -> Hit:
    """The occurrences on either side that have a partner within `distance` words."""
    keep: dict[tuple[int, int, Phrase | Regex], Span] = {}
    pairs = 0
    for a in left:
        paired = False
        for b in right:
            between = max(b.first - a.last, a.first - b.last) - 1
            if between <= distance:
                paired = True
                keep.setdefault((b.start, b.end, b.term), b)
        if paired:
            keep[(a.start, a.end, a.term)] = a
            pairs += 1
    spans = tuple(sorted(keep.values(), key=lambda s: (s.start, s.end)))
    return Hit(bool(spans), spans, pairs)


def evaluate(node: Node, index: TextIndex) -> Hit:
    """Evaluate a query tree on an indexed text."""
    if isinstance(node, (Phrase, Regex)):
        spans = index.spans(node)
        return Hit(bool(spans), spans, len(spans))
    if isinstance(node, Not):
        return Hit(not evaluate(node.item, index).matched)
    if isinstance(node, Near):
        return _near(evaluate(node.left, index).spans, evaluate(node.right, index).spans,
                     node.distance)
    hits = [evaluate(item, index) for item in node.items]
    if isinstance(node, And):
        if not all(h.matched for h in hits):
            return Hit(False)
        count = min((h.count for h in hits if h.spans), default=0)
    else:  # Or
        if not any(h.matched for h in hits):
            return Hit(False)
        count = sum(h.count for h in hits)
    merged = {(s.start, s.end, s.term): s for h in hits for s in h.spans}
    return Hit(True, tuple(sorted(merged.values(), key=lambda s: (s.start, s.end))), count)
