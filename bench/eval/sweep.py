"""A robustness sweep: every article text under `../shared/data` that the evals read (FRANK,
the newspaper full texts, both policy sets) through `Analyzer.analyze`, each under a time
limit, reporting the ones that raise or overrun and the slowest.

`python -m bench.eval.sweep [SECONDS]` prints one JSON line; it exits 1 when any text failed.
A rule that loops or blows up on some sentence shape no labelled article has shows here
before the eval's summaries part meets it (and hangs). Skips cleanly when the data is absent.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from bench.eval import DATA_DIR

LIMIT_S = 30  # per text; the slowest real article takes well under 3 s
SLOW_S = 3.0  # texts slower than this are listed


def texts(data: Path = DATA_DIR) -> Iterator[tuple[str, str]]:
    """(id, text) of every article the sweep reads, in a fixed order."""
    for name in ("frank-summ/frank_articles_references.jsonl",
                 "crypto-policy-news/articles.jsonl", "policy-news-dev/articles.jsonl"):
        path = data / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                yield str(obj["id"]), str(obj.get("article") or obj.get("text") or "")
    for path in sorted((data / "newspaper-fulltext" / "text").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8", errors="replace")


class _Overrun(Exception):
    pass


def _overrun(_signum: int, _frame: FrameType | None) -> None:
    raise _Overrun


def sweep(limit_s: int = LIMIT_S, data: Path = DATA_DIR) -> dict[str, Any]:
    """Run every text; {"texts", "failed": [[id, why]], "slow": [[id, s]], "seconds"}."""
    from bot.domain.models import ArticleIn
    from bot.nlp.analyzer import Analyzer

    analyzer = Analyzer()
    failed: list[list[str]] = []
    slow: list[list[Any]] = []
    count, start = 0, time.perf_counter()
    old = signal.signal(signal.SIGALRM, _overrun)
    try:
        for text_id, text in texts(data):
            count += 1
            began = time.perf_counter()
            signal.alarm(limit_s)
            try:
                analyzer.analyze(ArticleIn(url=None, title="", text=text))
            except _Overrun:
                failed.append([text_id, f"over {limit_s} s"])
            except Exception as exc:  # the sweep reports every kind of failure
                failed.append([text_id, f"{type(exc).__name__}: {exc}"[:200]])
            finally:
                signal.alarm(0)
            took = time.perf_counter() - began
            if took > SLOW_S:
                slow.append([text_id, round(took, 1)])
    finally:
        signal.signal(signal.SIGALRM, old)
    return {"texts": count, "failed": failed, "slow": slow,
            "seconds": round(time.perf_counter() - start, 1)}


def main() -> None:
    if not DATA_DIR.is_dir():
        print(json.dumps({"skipped": f"no data at {DATA_DIR}"}))
        return
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else LIMIT_S
    result = sweep(limit)
    print(json.dumps(result))
    sys.exit(1 if result["failed"] else 0)


if __name__ == "__main__":
    main()
