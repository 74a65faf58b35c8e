"""Part 4: article body extraction, token-level P/R/F1 against human-annotated text.

Pages: scrapinghub's article-extraction-benchmark (all pages, every language). Systems:
PolicyWire's page ingestion (bot.feeds.extract.extract_article) and trafilatura.extract called
directly with include_comments=False. Both get the same decoded HTML string. Scores are the mean
of per-page F1 (an empty or failed extraction scores 0) plus micro-averaged token counts.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from typing import Any

from bench.eval import data_path
from bench.eval.scoring import PRF, mean, token_prf
from bench.eval.systems import page_extractor


def load_pages(quick: bool) -> list[dict[str, str]] | None:
    """Benchmark pages as {id, url, html, gold}; None when the dataset is absent."""
    truth_path = data_path("article-extraction-benchmark", "ground-truth.json")
    if truth_path is None:
        return None
    from trafilatura.utils import decode_file

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if quick:
        ids = random.Random(11).sample(ids, min(30, len(ids)))
    pages = []
    for pid in ids:
        html_path = data_path("article-extraction-benchmark", "html", f"{pid}.html.gz")
        if html_path is None:
            continue
        html = decode_file(gzip.decompress(html_path.read_bytes()))
        pages.append({"id": pid, "url": truth[pid]["url"], "html": html,
                      "gold": truth[pid]["articleBody"]})
    return pages


def score(pages: list[dict[str, str]], extract: Callable[[str, str], str | None]
          ) -> dict[str, Any]:
    """Mean per-page P/R/F1 and micro token counts for one extractor."""
    per: list[PRF] = []
    micro = PRF()
    failures = 0
    for page in pages:
        try:
            text = extract(page["html"], page["url"]) or ""
        except Exception:
            text, failures = "", failures + 1
        prf = token_prf(page["gold"], text)
        per.append(prf)
        micro.tp += prf.tp
        micro.fp += prf.fp
        micro.fn += prf.fn
    return {
        "precision": round(mean(p.precision for p in per) or 0.0, 4),
        "recall": round(mean(p.recall for p in per) or 0.0, 4),
        "f1": round(mean(p.f1 for p in per) or 0.0, 4),
        "micro_f1": round(micro.f1, 4),
        "n": len(per),
        "empty_or_failed": sum(1 for p in per if p.tp + p.fp == 0),
        "exceptions": failures,
    }


def _trafilatura(html: str, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, include_comments=False)


def _policywire(fn: Callable[..., Any]) -> Callable[[str, str], str | None]:
    def run(html: str, url: str) -> str | None:
        page = fn(html, url)
        return None if page is None else page.text

    return run


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Score PolicyWire page ingestion and trafilatura on the same pages."""
    pages = load_pages(quick)
    if pages is None:
        log("  extraction: skipped (absent)")
        return {"policywire": {"f1": None}, "trafilatura": {"f1": None}, "skipped": "absent"}
    ext = page_extractor()
    out: dict[str, Any] = {"pages": len(pages), "policywire_error": ext.error}
    out["trafilatura"] = score(pages, _trafilatura)
    out["policywire"] = score(pages, _policywire(ext.obj)) if ext.ok else {"f1": None}
    log(f"  extraction: n={len(pages)} policywire F1={out['policywire']['f1']} "
        f"trafilatura F1={out['trafilatura']['f1']}")
    return out
