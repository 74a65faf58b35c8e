"""In-memory name index for autocomplete and "did you mean" suggestions (refreshed on ingest)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.store.text import norm_name


class NameIndex:
    """Aliases pointing at canonical names, with weights (mention counts).

    Prefix and fuzzy lookups match any alias ("Buk", "Bukel") and answer canonical names
    ("Nayib Bukele"), each once.
    """

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, int]] = {}  # norm(alias) -> (canonical, weight)
        self._sorted: list[str] = []

    def replace(self, names: list[tuple[str, str, int]]) -> None:
        """Swap in a new set of (alias, canonical name, weight) triples."""
        table: dict[str, tuple[str, int]] = {}
        for alias, name, weight in names:
            key = norm_name(alias)
            if key and (key not in table or table[key][1] < weight):
                table[key] = (name, weight)
        self._names = table
        self._sorted = sorted(table)

    def __len__(self) -> int:
        return len(self._names)

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Names starting with (or with a word starting with) `prefix`, heaviest first."""
        key = norm_name(prefix)
        if not key:
            ranked = sorted(self._names.values(), key=lambda v: (-v[1], v[0]))
            return [v[0] for v in ranked[:limit]]
        hits = [
            (not k.startswith(key), -v[1], v[0]) for k, v in self._names.items()
            if k.startswith(key) or any(w.startswith(key) for w in k.split())
        ]
        hits.sort()
        out: list[str] = []
        for _, _, name in hits:
            if name not in out:
                out.append(name)
            if len(out) == limit:
                break
        return out

    def suggest(self, query: str, limit: int = 5, cutoff: float = 60.0) -> list[str]:
        """The closest names to `query` (rapidfuzz WRatio)."""
        key = norm_name(query)
        if not key or not self._names:
            return []
        matches = process.extract(key, self._sorted, scorer=fuzz.WRatio, limit=limit * 2,
                                  score_cutoff=cutoff)
        out: list[str] = []
        for match, _score, _ in matches:
            name = self._names[match][0]
            if name not in out:
                out.append(name)
        return out[:limit]
