"""In-memory name index for autocomplete and "did you mean" suggestions (refreshed on ingest)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.store.text import norm_name

# Least rapidfuzz `ratio` for a suggestion: about one slip in five letters ("Sakib" ~ "Saqib").
SUGGEST_CUTOFF = 80.0


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
        # suggest(): (owning alias, window) lists per query word count, built on first use
        self._windows: dict[int, tuple[list[str], list[str]]] = {}

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
        self._windows = {}

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
        self._windows = {}

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

    def suggest(self, query: str, limit: int = 5, cutoff: float = SUGGEST_CUTOFF) -> list[str]:
        """The names `query` looks like a misspelling of, closest first (then heaviest).

        The query is compared (rapidfuzz `ratio`, 0-100) with each alias and with each run of
        as many of its words as the query has, so "Salvador" finds "El Salvador" while a few
        scattered shared letters ("Atlantis", "Pakistanis") do not reach `cutoff`.
        """
        key = norm_name(query)
        if not key or not self._names:
            return []
        owners, windows = self._windows_of(len(key.split()))
        best: dict[str, tuple[float, int]] = {}  # canonical name -> (score, weight)
        for _window, score, i in process.extract(key, windows, scorer=fuzz.ratio, limit=None,
                                                 score_cutoff=cutoff):
            name, weight = self._names[owners[i]]
            best[name] = max(best.get(name, (0.0, 0)), (score, weight))
        return sorted(best, key=lambda n: (-best[n][0], -best[n][1], n))[:limit]

    def _windows_of(self, size: int) -> tuple[list[str], list[str]]:
        """(owning alias, window) of every alias for queries of `size` words, cached until
        the index changes."""
        if size not in self._windows:
            owners: list[str] = []
            windows: list[str] = []
            for alias in self._names:
                for window in _windows(alias, size):
                    owners.append(alias)
                    windows.append(window)
            self._windows[size] = (owners, windows)
        return self._windows[size]


def _windows(alias: str, size: int) -> list[str]:
    """The alias and each run of `size` consecutive words of it ("el salvador", "salvador")."""
    words = alias.split()
    runs = [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]
    return [alias, *(r for r in runs if r != alias)] if size < len(words) else [alias]


def _word_starts(key: str) -> list[tuple[str, str]]:
    """(the alias from each of its word starts, the alias): "nayib bukele" also as "bukele"."""
    out = [(key, key)]
    out += [(key[i + 1:], key) for i, ch in enumerate(key) if ch == " " and key[i + 1:i + 2] != " "]
    return out
