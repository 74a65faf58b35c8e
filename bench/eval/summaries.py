"""Part 1: extractive summaries vs reference summaries (FRANK's CNN/DM and XSum articles).

Systems: PolicyWire (Analyzer.summarize), Lead-n and LexRank over bare-spaCy sentences of the
same text. CNN/DM is the headline (3 sentences); XSum is secondary (1 sentence, references
are abstractive). FRANK's `validation` items are the tuning part; `test` (and unlabelled) items
are the reported part. Both parts are printed.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from typing import Any

from bench.eval import data_path
from bench.eval.lexrank import lead_summary, lexrank_summary
from bench.eval.scoring import mean, rouge_f1
from bench.eval.systems import analyzer, sentence_nlp

SHARE_WIDGET_RE = re.compile(r"^\s*Share this with\w*?Copy\s+this\s+link", re.IGNORECASE)
_PTB_SENT_RE = re.compile(r"(?<= [.!?]) (?=\S)")
SYSTEMS = ("policywire", "lead3", "lexrank")


def strip_share_widget(text: str) -> str:
    """Remove the BBC share-widget string glued to the start of some XSum articles."""
    return SHARE_WIDGET_RE.sub("", text, count=1).lstrip()


def reference_sentences(reference: str) -> list[str]:
    """Split a PTB-tokenised reference ("... Friday . The club ...") into sentences."""
    return [s.strip() for s in _PTB_SENT_RE.split(reference) if s.strip()]


def load_items(quick: bool) -> list[dict[str, Any]] | None:
    """FRANK items with cleaned text; None when the dataset is absent."""
    path = data_path("frank-summ", "frank_articles_references.jsonl")
    if path is None:
        return None
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            part = "validation" if row.get("split") == "validation" else "test"
            if row["source"] == "xsum":
                # FRANK's lines may split the widget string ("...Copy" | "this linkThe ...").
                joined = strip_share_widget("\n".join(row["article_lines"]))
                lines = [ln.strip() for ln in joined.split("\n") if ln.strip()]
                text = " ".join(lines)
            else:
                lines, text = None, row["article"]
            items.append({"id": row["id"], "source": row["source"], "part": part,
                          "text": text, "lines": lines, "reference": row["reference"]})
    if quick:
        rng = random.Random(3)
        items = [it for it in items if rng.random() < 0.2]
    return items


def _figure_share(summaries: Sequence[Sequence[str]], figure_texts: Sequence[set[str]]
                  ) -> float | None:
    """Share of summaries quoting at least one figure of their article (articles with figures)."""
    hits = [any(f in " ".join(s) for f in figs)
            for s, figs in zip(summaries, figure_texts, strict=True) if figs]
    return sum(hits) / len(hits) if hits else None


def _score(items: list[dict[str, Any]], outputs: dict[str, list[list[str]]],
           figs: list[set[str]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(items)}
    for name, summaries in outputs.items():
        rows = [rouge_f1(reference_sentences(it["reference"]), s)
                for it, s in zip(items, summaries, strict=True)]
        block: dict[str, Any] = {k: round(mean(r[k] for r in rows) or 0.0, 4)
                                 for k in ("rouge1", "rouge2", "rougeL")}
        if figs is not None:
            share = _figure_share(summaries, figs)
            block["figure_share"] = None if share is None else round(share, 4)
        out[name] = block
    return out


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Score all systems on both datasets and parts; returns the `summaries` block."""
    items = load_items(quick)
    if items is None:
        null = {"rouge1": None, "rouge2": None, "rougeL": None}
        return {"skipped": "frank-summ not found", **{name: dict(null) for name in SYSTEMS}}
    nlp, disable = sentence_nlp()
    an = analyzer(3)
    result: dict[str, Any] = {"policywire_error": an.error}
    for source, n_sent in (("cnndm", 3), ("xsum", 1)):
        subset = [it for it in items if it["source"] == source]
        need_spacy = [it["text"] for it in subset if it["lines"] is None]
        spacy_sents = iter([[s.text.strip() for s in doc.sents if s.text.strip()]
                            for doc in nlp.pipe(need_spacy, batch_size=16, disable=disable)])
        sents = [it["lines"] if it["lines"] is not None else next(spacy_sents) for it in subset]
        outputs: dict[str, list[list[str]]] = {
            "lead3": [lead_summary(s, n_sent) for s in sents],
            "lexrank": [lexrank_summary(s, n_sent) for s in sents],
        }
        figs: list[set[str]] | None = None
        if an.ok:
            try:
                outputs["policywire"] = [list(an.obj.summarize(it["text"], n=n_sent))
                                         for it in subset]
                figs = [{f.text.strip() for f in an.obj.figures_in(it["text"]) if f.text.strip()}
                        for it in subset]
            except Exception as exc:
                result["policywire_error"] = f"{type(exc).__name__}: {exc}"[:300]
                outputs.pop("policywire", None)
        block: dict[str, Any] = {"sentences": n_sent}
        for part in ("test", "validation"):
            idx = [i for i, it in enumerate(subset) if it["part"] == part]
            part_items = [subset[i] for i in idx]
            part_out = {k: [v[i] for i in idx] for k, v in outputs.items()}
            part_figs = [figs[i] for i in idx] if figs is not None else None
            block[part] = _score(part_items, part_out, part_figs)
            log(f"  summaries {source}/{part}: n={len(idx)} "
                + " ".join(f"{k}=R1 {block[part][k]['rouge1']:.3f}" for k in part_out))
        result[source] = block
    cnndm_test = result["cnndm"]["test"]
    for name in SYSTEMS:
        result[name] = cnndm_test.get(name) or {"rouge1": None, "rouge2": None, "rougeL": None}
    result["reported_part"] = "cnndm test (FRANK split=='test' or null); validation = tuning"
    return result
