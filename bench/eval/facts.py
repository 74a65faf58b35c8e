"""Part `facts`: right answers on real articles, end to end through the real ingest and the real
`/figures` and `/entity` handlers (the replies `policywire ask --json` prints).

Each split's articles are written to one JSON Lines file and ingested into a fresh SQLite store
with `policywire`'s own ingest (the same `Runtime` the CLI builds, with the bundled config and its
topics). Every labelled subject, alternative name and person is then asked about, and the JSON
replies are scored by `bench.eval.facts_score`. Labels: `bench/eval/labels/` (see its GUIDE.md);
tune on `dev` only.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.eval import REPO_ROOT
from bench.eval.facts_labels import SPLITS, Article, ArticleLabels, load_articles, load_labels
from bench.eval.facts_score import Replies, StoredArticle, score_article, totals

CONFIG = REPO_ROOT / "config" / "policywire.yaml"
# Misses quote article sentences, so they go to an ignored file, never to bench/results.
MISSES = REPO_ROOT / "bench" / "results" / "local" / "facts-misses.jsonl"  # -<split> added
NEAR_DUPLICATE = 0.6  # token Jaccard between two summary sentences that say the same thing
_CAPTION = re.compile(
    r"\b(?:speaks|speaking|gestures|poses|pictured|looks on|arrives|waves|waving|"
    r"listens|is seen|are seen)\b.{0,60}\b(?:during|at|on|in|with|before|after)\b"
    r"|\b(?:photo|image|credit|illustration)\s*(?::|by\b)|\bgetty images\b|\bshutterstock\b"
    r"|\bfile photo\b|^(?:[A-Z][\w-]*\s){1,6}(?:detail|view)\b", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"appeared first on|\bread more\b|\balso read\b|\bsubscribe\b|\bnewsletter\b|"
    r"\bclick here\b|\bdisclaimer\b|\ball rights reserved\b|\bfollow us\b|"
    r"\bsign up\b|\bshare this\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


_DATE_END = re.compile(r"\b(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                       r"\s+\d{1,2},?\s+\d{4}\.?$", re.IGNORECASE)
_STOP_TEXT = ("a an the and or but of to in on at for by with from as is are was were be been "
              "it its this that these those has have had will would can could said says")
_STOP = frozenset(_STOP_TEXT.split())


def _content(sentence: str) -> set[str]:
    return {w for w in _WORD.findall(sentence.lower()) if w not in _STOP}


def summary_problem(sentences: Sequence[str]) -> str | None:
    """"caption", "boilerplate" or "near_duplicate" when a summary has such a sentence: a
    caption is a "speaks at / poses during" clause without final punctuation, short, or ending
    in a date; near-duplicates share most content words (Jaccard >= NEAR_DUPLICATE, or 70% of
    the shorter sentence's words)."""
    for s in sentences:
        if _BOILERPLATE.search(s):
            return "boilerplate"
        text = s.rstrip()
        if _CAPTION.search(text) and (not text.endswith((".", "!", "?", "\"", "”"))
                                      or len(text.split()) < 14 or _DATE_END.search(text)):
            return "caption"
    words = [_content(s) for s in sentences]
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if a and b and (len(a & b) / len(a | b) >= NEAR_DUPLICATE
                            or len(a & b) / min(len(a), len(b)) >= 0.7):
                return "near_duplicate"
    return None


async def _stored(app: Any, article_id: int, topics: tuple[str, ...]) -> StoredArticle:
    names = sorted({canonical for _alias, canonical, _n in
                    await app.store.entities.article_names(article_id)})
    rows = await app.store.db.fetchall(
        "SELECT value, unit, subject, text FROM figures WHERE article_id = ? ORDER BY position",
        (article_id,))
    record = await app.store.articles.get(article_id)
    return StoredArticle(article_id, topics, tuple(names), tuple(dict(r) for r in rows),
                         tuple(record.summary) if record else ())


async def score_split(labels: Sequence[ArticleLabels], articles: dict[str, Article],
                      workdir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Ingest one split's articles into a fresh store, ask, and score."""
    from bot.app import build
    from bot.config_loader import load_config

    present = [lab for lab in labels if lab.id in articles]
    feed = workdir / "articles.jsonl"
    feed.write_text("".join(json.dumps(articles[lab.id].record(), ensure_ascii=False) + "\n"
                            for lab in present), encoding="utf-8")
    app = await build(load_config(CONFIG), config_path=CONFIG, db_path=workdir / "facts.db",
                      executor="thread")
    try:
        outcomes = await app.ingest_paths([feed])

        async def ask(command: str) -> dict[str, Any]:
            return (await app.ask(command)).to_json()

        replies = Replies(ask)
        scores, per_article = [], {}
        for lab, outcome in zip(present, outcomes, strict=True):
            stored = await _stored(app, outcome.article_id, outcome.topics)
            score = await score_article(lab, stored, ask, summary_problem, replies)
            scores.append(score)
            per_article[lab.id] = score
        report = totals(scores)
        report["misses"] = [m for s in scores for m in s.misses]
        report["by_set"] = {
            name: {k: v for k, v in totals([per_article[lab.id] for lab in present
                                            if lab.set == name]).items()
                   if k not in {"counts", "errors"}}
            for name in sorted({lab.set for lab in present})}
        log(f"[facts] {len(present)} articles: figure recall {report['figure_recall']}, "
            f"precision {report['figure_precision']}, roles {report['role_recall']}")
        return report
    finally:
        await app.close()


def run(quick: bool = False, log: Callable[[str], None] = print,
        splits: Sequence[str] = SPLITS) -> dict[str, Any]:
    """The facts part of `make eval`: a report per split (dev is for tuning, test is not)."""
    result: dict[str, Any] = {}
    for split in splits:
        labels = load_labels(split)
        if quick:
            labels = labels[:8]
        articles = load_articles({lab.id for lab in labels})
        if not labels or not articles:
            log(f"[facts] {split}: skipped (no labels or no ../shared/data)")
            result[split] = None
            continue
        with tempfile.TemporaryDirectory(prefix=f"pw-facts-{split}-") as tmp:
            report = asyncio.run(score_split(labels, articles, Path(tmp), log))
        misses = report.pop("misses")
        MISSES.parent.mkdir(parents=True, exist_ok=True)
        with MISSES.with_name(f"facts-misses-{split}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"split": split, **m}, ensure_ascii=False) + "\n"
                          for m in misses)
        result[split] = report
    return result


def shown(misses: Sequence[dict[str, Any]], wanted: str) -> list[str]:
    """One line per miss of a class: "wrong_subject", "listed_unlabelled" (figures listed
    under a labelled subject that match no label), or a kind ("figure", "role", ...)."""
    out = []
    for m in misses:
        cls = "listed_unlabelled" if m.get("kind") == "extra_figure" else m.get("class")
        if wanted not in {cls, m.get("kind")}:
            continue
        fields = {k: v for k, v in m.items() if k not in {"split", "kind", "class"}}
        out.append(f"{cls}\t" + json.dumps(fields, ensure_ascii=False))
    return out


def main() -> None:
    """`python -m bench.eval.facts [dev|test] [--misses] [--show CLASS]`: one split, printed
    (and its misses with --misses, read back from bench/results/local/; with --show, only the
    misses of one class, one a line, before the report)."""
    import sys

    argv = sys.argv[1:]
    show = argv[argv.index("--show") + 1] if "--show" in argv[:-1] else None
    args = [a for i, a in enumerate(argv) if not a.startswith("--")
            and not (i and argv[i - 1] == "--show")]
    report = run(splits=args or ["dev"])
    for split, rep in report.items():
        if rep is None:
            continue
        path = MISSES.with_name(f"facts-misses-{split}.jsonl")
        if "--misses" in argv:
            sys.stdout.write(path.read_text(encoding="utf-8"))
        if show:
            misses = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            print("\n".join(shown(misses, show)))
        print(split, json.dumps(rep, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
