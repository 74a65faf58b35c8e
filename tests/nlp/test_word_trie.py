"""A word list written as a trie matches exactly what the longest-first alternation matches,
and the currency names (the largest list the figure patterns embed) compile to a smaller one."""

from __future__ import annotations

import random
import re

import pytest

from bot.nlp import money
from bot.nlp.currencies import NAMES
from bot.nlp.word_trie import trie_pattern

WORDS = ["rand", "rands", "rupee", "rupees", "real", "reais", "rial", "ria", "r", "won",
         "wons", "a.b", "a b", "naira"]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace("\\ ", r"\s")
                    for w in sorted(set(words), key=len, reverse=True))


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("follow", ["", r"\b", r"s\b", r"(?=\s\d)"])
def test_the_trie_matches_what_the_alternation_matches(follow: str) -> None:
    rng = random.Random(7)
    pieces = [*WORDS, " ", " 5 ", "x", "s", "."]
    text = "".join(rng.choice(pieces) for _ in range(4000))
    trie = trie_pattern(WORDS)
    assert _spans(f"(?:{trie}){follow}", text) == _spans(f"(?:{_alternation(WORDS)}){follow}",
                                                         text)
    assert _spans(f"(?:{trie}){follow}", text)  # the text does hold words


def test_a_longer_word_wins_and_a_shorter_one_is_the_fallback() -> None:
    trie = trie_pattern(["rand", "rands"])
    assert re.search(rf"(?:{trie})\b", "5 rands").group() == "rands"
    assert re.search(rf"(?:{trie})\b", "5 rand.").group() == "rand"
    assert re.search(rf"(?:{trie})\b", "5 randy") is None


def test_an_empty_list_matches_nothing() -> None:
    assert re.search(trie_pattern([]), "anything") is None


def test_currency_names_match_as_before_with_or_without_accents() -> None:
    found = re.compile(money.NAME_AFTER)
    for text, name in [("10 bolivares", "bolivares"), ("10 Bolívares", "Bolívares"),
                       ("300 billion tenge", "tenge"), ("2.5 billion REAIS", "REAIS"),
                       ("40 billion yuan", "yuan")]:
        match = found.search(text)
        assert match is not None and match.group() == name, text
    assert found.search("10 randomly") is None


def test_the_currency_names_pattern_is_a_fraction_of_the_alternation() -> None:
    forms = {money._fold(n) for n in NAMES} | set(NAMES)
    alternation = "|".join(
        "".join(money._ACCENTED.get(ch, re.escape(ch)) for ch in form) for form in forms)
    assert len(money.NAME_AFTER) < 0.6 * len(alternation)
