"""`python -m bench.perf.hostile_figures [--scale N]`: seconds `find_figures` takes on each
hostile input of bench/perf/hostile_text.py (issue 12 item 2), one JSON object."""

from __future__ import annotations

import argparse
import json
import time

from bench.perf.hostile_text import hostile_cases
from bot.nlp.figures import find_figures


def main() -> None:
    """Time each case once and print {name: {chars, figures, seconds}}."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=int, default=1, help="multiply every input's length")
    args = ap.parse_args()
    out = {}
    for name, (text, _expected) in hostile_cases(args.scale).items():
        t0 = time.process_time()
        found = len(find_figures(text))
        out[name] = {"chars": len(text), "figures": found,
                     "seconds": round(time.process_time() - t0, 3)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
