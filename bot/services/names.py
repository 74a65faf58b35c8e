"""In-memory name index for autocomplete and "did you mean" suggestions (refreshed on ingest)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.store.text import norm_name


class NameIndex:
    """Names with weights (mention counts); prefix and fuzzy lookups in microseconds."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, int]] = {}  # norm -> (display, weight)
        self._sorted: list[str] = []

    def replace(self, names: list[tuple[str, int]]) -> None:
        """Swap in a new set of (name, weight) pairs."""
        table: dict[str, tuple[str, int]] = {}
        for name, weight in names:
            key = norm_name(name)
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
            v for k, v in self._names.items()
            if k.startswith(key) or any(w.startswith(key) for w in k.split())
        ]
        hits.sort(key=lambda v: (not norm_name(v[0]).startswith(key), -v[1], v[0]))
        out: list[str] = []
        for name, _ in hits:
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
