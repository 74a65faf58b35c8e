"""Words that lost the space between them when a page was flattened: a heading or link run into
the next sentence ("the TalibanPresident Ashraf Ghani", "AbujaThe vote", "approvedOct 3",
"victoryNigeria's"). The text is cut between the two words where the second is one that opens
a sentence or a name (an article, a title, a month), or where a lower-case English word of
four letters or more runs into a capitalised English word or given name ("pollIncreasing").
Brand names written in camel case keep their shape: "BlackRock", "PayPal", "YouTube",
"LinkedIn", "bitFlyer", "eNaira" (their second part opens nothing, or the first is shorter
than four letters).
"""

from __future__ import annotations

import re
from functools import cache

from bot.nlp.english_words import english_words
from bot.nlp.person_names import given_names

# Capitalised words that open a sentence or a name, never the tail of a brand.
_OPENERS = frozenset({
    "The", "And", "But", "This", "That", "These", "Those", "He", "She", "They", "We", "His",
    "Her", "Their", "Our", "Its", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady",
    "President", "Prime", "Minister", "Senator", "Governor", "Chancellor",
    "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Mayor", "Secretary", "Former",
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
})
_WORD = re.compile(r"\b[A-Za-z]{4,40}\b")  # bounded: a longer run is no glued pair of words
_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LOWER_MIN = 4  # "betTom" stays: three letters could be a brand's prefix ("bitFlyer")


@cache
def _known(word: str) -> bool:
    """An English word (WordNet lemma, or one with a plural or past ending) or a given name."""
    low = word.lower()
    words = english_words()
    return any(form in words for form in (low, low[:-1], low[:-2])) or word in given_names()


def _split_at(word: str) -> int | None:
    """Where one glued pair of words splits, if `word` is one."""
    cuts = [m.start() for m in _BOUNDARY.finditer(word)]
    if len(cuts) != 1:
        return None  # "McDonaldsUK", "GaryLinekerCongratulations": not one plain pair
    left, right = word[:cuts[0]], word[cuts[0]:]
    if len(left) >= 2 and right in _OPENERS:
        return cuts[0]
    if left.islower() and len(left) >= _LOWER_MIN and len(right) >= 3 and _known(left) \
            and _known(right):
        return cuts[0]
    return None


def unglued(line: str) -> list[str]:
    """`line` cut where a pair of words is glued: each cut starts a new part (a heading or
    link run into its text becomes a line of its own)."""
    if not _BOUNDARY.search(line):
        return [line]
    parts: list[str] = []
    last = 0
    for m in _WORD.finditer(line):
        cut = _split_at(m.group())
        if cut is not None:
            parts.append(line[last:m.start() + cut])
            last = m.start() + cut
    parts.append(line[last:])
    return parts
