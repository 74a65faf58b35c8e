"""`python -m bench.perf.hostile_articles [--lines N] [--runs R]`: CPU seconds the whole
understanding step (`Analyzer.analyze`) takes on articles of N and 4N short lines of one
shape each, and the growth between them (4.0 is linear). On a37da2b, before the quadratic
table-row and pronoun checks were fixed, the growths were 7.0-8.5 for every shape but the name
lists (4.4); see docs/eval.md, round of 2026-12-07. One JSON object; medians of R runs."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer

SHAPES: dict[str, Callable[[int], str]] = {
    "named figures": lambda i: f"Digital currency transactions in Japan rose {i}%.",
    "distinct acronyms": lambda i: f"The Asset Authority{i} (DAA{i}) fined Acme $5 million.",
    "titled people": lambda i: f"Finance Minister Jane Doe{i % 50} of Kenya said it lent $5m.",
    "described firms": lambda i: f"Zuri{i} Pay, the payments arm of Safaricom, said volumes rose.",
    "name lists": lambda i: f"Ana Silva{i}, Tom Berg, Li Wei and Omar Khan met in Paris on Monday.",
    "table lines": lambda i: f"Argentina {i} TWh\n",
}


def _seconds(analyzer: Analyzer, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        analyzer.analyze(ArticleIn(url=None, title="Hostile article", text=text))
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> None:
    """Time each shape at N and 4N lines and print {shape: {seconds_n, seconds_4n, growth}}."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lines", type=int, default=200, help="N, the smaller article's lines")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    analyzer = Analyzer()
    analyzer.analyze(ArticleIn(url=None, title="warm-up", text="Japan rose 5%."))
    out = {}
    for name, line in SHAPES.items():
        small, large = (" ".join(line(i) for i in range(n)) for n in (args.lines, 4 * args.lines))
        a, b = _seconds(analyzer, small, args.runs), _seconds(analyzer, large, args.runs)
        out[name] = {"chars_4n": len(large), "seconds_n": round(a, 3),
                     "seconds_4n": round(b, 3), "growth": round(b / a, 2) if a else None}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
