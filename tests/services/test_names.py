"""The autocomplete index: prefix and word-start matches, ranking, incremental updates."""

from __future__ import annotations

import random

import pytest

from bot.services.names import NameIndex
from bot.store.text import norm_name

NAMES = [("Nayib Bukele", "Nayib Bukele", 40), ("Bukele", "Nayib Bukele", 40),
         ("El Salvador", "El Salvador", 90), ("Pakistan", "Pakistan", 70),
         ("Pakistan Crypto Council", "Pakistan Crypto Council", 12),
         ("Bilal Bin Saqib", "Bilal Bin Saqib", 9), ("Bhutan", "Bhutan", 5)]


def _index(names: list[tuple[str, str, int]] = NAMES) -> NameIndex:
    idx = NameIndex()
    idx.replace(names)
    return idx


def test_prefix_of_the_name_ranks_above_a_later_word() -> None:
    """Whole-name prefixes come first, then word starts; heavier first within each."""
    idx = _index()
    assert idx.complete("pak") == ["Pakistan", "Pakistan Crypto Council"]
    assert idx.complete("b") == ["Nayib Bukele", "Bilal Bin Saqib", "Bhutan"]
    assert idx.complete("bin") == ["Bilal Bin Saqib"]
    assert idx.complete("sal") == ["El Salvador"]
    assert idx.complete("crypto") == ["Pakistan Crypto Council"]
    assert idx.complete("zzz") == []


def test_empty_prefix_lists_the_heaviest_names_once() -> None:
    """No prefix: the most mentioned names, each canonical name once."""
    assert _index().complete("", limit=3) == ["El Salvador", "Pakistan", "Nayib Bukele"]


def test_update_adds_new_names_and_refreshes_weights() -> None:
    """An ingested article's names appear at once, with their new totals."""
    idx = _index()
    idx.update([("Bitcoin Office", "Bitcoin Office", 3), ("Bhutan", "Bhutan", 500)])
    assert idx.complete("b")[:2] == ["Bhutan", "Nayib Bukele"]
    assert "Bitcoin Office" in idx.complete("bit")
    assert idx.complete("off") == ["Bitcoin Office"]
    assert len(idx) == len(NAMES) + 1


def test_update_follows_a_canonical_rename() -> None:
    """When an entity's canonical name grows ("Bukele" -> "Nayib Bukele"), aliases follow."""
    idx = _index([("Bukele", "Bukele", 2)])
    idx.update([("Bukele", "Nayib Bukele", 5), ("Nayib Bukele", "Nayib Bukele", 5)])
    assert idx.complete("buk") == ["Nayib Bukele"]


def test_a_shared_alias_keeps_the_heavier_entity() -> None:
    """An alias two entities share points at the more mentioned one."""
    idx = _index([("Georgia", "Georgia", 50)])
    idx.update([("Georgia", "Georgia (US state)", 3)])
    assert idx.complete("geo") == ["Georgia"]
    idx.update([("Georgia", "Georgia (US state)", 80)])
    assert idx.complete("geo") == ["Georgia (US state)"]


def test_matches_a_brute_force_scan_on_random_names() -> None:
    """Bisecting word starts answers exactly what scanning every alias would."""
    rng = random.Random(7)
    syllables = ["ba", "ka", "ri", "sal", "to", "ne", "mi", "pa", "kis", "tan", "el", "o"]
    names: list[tuple[str, str, int]] = []
    for i in range(600):
        words = ["".join(rng.choices(syllables, k=rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 3))]
        name = " ".join(w.capitalize() for w in words)
        if all(norm_name(name) != norm_name(n) for n, _, _ in names):
            names.append((name, name, rng.randint(0, 50) * 1000 + i))
    idx = _index(names[:300])
    idx.update(names[300:])
    table = {norm_name(a): (n, w) for a, n, w in names}
    for prefix in ["b", "ka", "sal", "tan", "o", "pa k", "mi", "kis"]:
        hits = sorted((not k.startswith(prefix), -w, n) for k, (n, w) in table.items()
                      if k.startswith(prefix) or any(x.startswith(prefix) for x in k.split()))
        expected = list(dict.fromkeys(n for _, _, n in hits))[:25]
        assert idx.complete(prefix) == expected, prefix


def _suggest_index() -> NameIndex:
    return _index([*NAMES, ("Pakistani", "Pakistani", 8), ("Pakistanis", "Pakistani", 8),
                   ("Ministry of Finance", "Ministry of Finance", 3),
                   ("Bitcoin Office", "Bitcoin Office", 6), ("Saqib", "Bilal Bin Saqib", 9)])


def test_suggest_finds_near_misses() -> None:
    """A misspelt name suggests the closest canonical names."""
    assert _index().suggest("Bukelle")[0] == "Nayib Bukele"


@pytest.mark.parametrize(("query", "first"), [
    ("Bukelle", "Nayib Bukele"), ("El Salvadr", "El Salvador"), ("Pakistn", "Pakistan"),
    ("El Salvadore", "El Salvador"), ("Salvador", "El Salvador"), ("Bitcoin Ofice",
                                                                   "Bitcoin Office"),
    ("Sakib", "Bilal Bin Saqib"), ("Nayb Bukele", "Nayib Bukele"),
])
def test_misspellings_still_suggest_the_name(query: str, first: str) -> None:
    """One or two slips in a name, or one word of it, still find it first."""
    assert _suggest_index().suggest(query)[0] == first


@pytest.mark.parametrize("query", ["Atlantis", "mining", "Zimbabwe", "Fed", "Karachi"])
def test_unrelated_names_suggest_nothing(query: str) -> None:
    """A name that only shares a few scattered letters with known names gets no suggestion."""
    assert _suggest_index().suggest(query) == []


def test_suggestions_of_a_near_miss_leave_out_unrelated_names() -> None:
    """"Sakib" is close to Saqib, not to Pakistan, which only shares "akis"-like letters."""
    assert _suggest_index().suggest("Sakib") == ["Bilal Bin Saqib"]


def test_suggest_windows_follow_updates() -> None:
    """The cached comparison windows are rebuilt when the index changes."""
    idx = _index()
    assert idx.suggest("Druk Holdng") == []
    idx.update([("Druk Holding", "Druk Holding", 4)])
    assert idx.suggest("Druk Holdng") == ["Druk Holding"]
