"""In-memory name index for autocomplete and "did you mean" suggestions (refreshed on ingest)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.store.text import norm_name


class NameIndex:
    """Aliases pointing at canonical names, with weights (mention counts).

    Prefix and fuzzy lookups match any alias ("Buk", "Bukel") and answer canonical names
    ("Nayib Bukele"), each once. Prefix lookups bisect a sorted list of every word start of
    every alias, so a keystroke costs the matches it returns, not the size of the index.
    """

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, int]] = {}  # norm(alias) -> (canonical, weight)
        self._starts: list[tuple[str, str]] = []  # (alias from a word start, alias), sorted
        self._heaviest: list[str] | None = None  # cached answer to an empty prefix

    def replace(self, names: Iterable[tuple[str, str, int]]) -> None:
        """Swap in a new set of (alias, canonical name, weight) triples."""
        table: dict[str, tuple[str, int]] = {}
        for alias, name, weight in names:
            key = norm_name(alias)
            if key and (key not in table or table[key][1] < weight):
                table[key] = (name, weight)
        self._names = table
        self._starts = sorted(start for key in table for start in _word_starts(key))
        self._heaviest = None

    def update(self, names: Iterable[tuple[str, str, int]]) -> None:
        """Add or refresh (alias, canonical name, weight) triples, e.g. one new article's.

        An alias already pointing at the same canonical name takes the new weight; an alias
        shared by two entities keeps the heavier one (as `replace` does).
        """
        for alias, name, weight in names:
            key = norm_name(alias)
            if not key:
                continue
            old = self._names.get(key)
            if old is None:
                for start in _word_starts(key):
                    bisect.insort(self._starts, start)
            elif old[0] != name and old[1] >= weight:
                continue
            self._names[key] = (name, weight)
        self._heaviest = None

    def __len__(self) -> int:
        return len(self._names)

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Names starting with (or with a word starting with) `prefix`, heaviest first."""
        key = norm_name(prefix)
        if not key:
            if self._heaviest is None:
                ranked = sorted(self._names.values(), key=lambda v: (-v[1], v[0]))
                self._heaviest = list(dict.fromkeys(v[0] for v in ranked))[:100]
            return self._heaviest[:limit]
        keys: set[str] = set()
        i = bisect.bisect_left(self._starts, (key, ""))
        while i < len(self._starts) and self._starts[i][0].startswith(key):
            keys.add(self._starts[i][1])
            i += 1
        hits = sorted((not k.startswith(key), -self._names[k][1], self._names[k][0]) for k in keys)
        return list(dict.fromkeys(name for _, _, name in hits))[:limit]

    def suggest(self, query: str, limit: int = 5, cutoff: float = 60.0) -> list[str]:
        """The closest names to `query` (rapidfuzz WRatio)."""
        key = norm_name(query)
        if not key or not self._names:
            return []
        matches = process.extract(key, sorted(self._names), scorer=fuzz.WRatio, limit=limit * 2,
                                  score_cutoff=cutoff)
        out: list[str] = []
        for match, _score, _ in matches:
            name = self._names[match][0]
            if name not in out:
                out.append(name)
        return out[:limit]


def _word_starts(key: str) -> list[tuple[str, str]]:
    """(the alias from each of its word starts, the alias): "nayib bukele" also as "bukele"."""
    out = [(key, key)]
    out += [(key[i + 1:], key) for i, ch in enumerate(key) if ch == " " and key[i + 1:i + 2] != " "]
    return out
