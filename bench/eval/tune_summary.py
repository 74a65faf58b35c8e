"""Tune the summary weights on FRANK's CNN/DM *validation* split only.

`python -m bench.eval.tune_summary [--top N]` parses the 75 validation articles once with the
Analyzer, then scores a grid of `bot.nlp.summarize.Weights` by mean ROUGE-1/2/L F1 (the same
scorer as the eval) and prints the best settings beside Lead-3 on the same items. The test split
is not read. Copy the chosen weights into `DEFAULT_WEIGHTS` and record them in docs/eval.md.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from bench.eval.lexrank import lead_summary
from bench.eval.scoring import mean, rouge_f1
from bench.eval.summaries import load_items, reference_sentences
from bench.eval.systems import analyzer, sentence_nlp
from bot.nlp.summarize import DEFAULT_WEIGHTS, Weights, summarize_sentences

Inputs = tuple[list[str], list[int], list[int], list[bool]]


def validation_items() -> list[dict[str, Any]]:
    """FRANK CNN/DM items of the validation split (the tuning part)."""
    items = load_items(quick=False) or []
    return [it for it in items if it["source"] == "cnndm" and it["part"] == "validation"]


def grid() -> Iterator[Weights]:
    """The weight settings tried (a coarse grid around the hand-set defaults)."""
    for decay, cent, figs, red in itertools.product(
            (0.3, 0.6, 1.0, 2.0, 3.0), (0.5, 1.0, 1.5), (0.0, 0.05, 0.1, 0.15), (0.3, 0.6, 0.9)):
        yield Weights(position_decay=decay, centrality=cent, figures=figs,
                      entities=0.0 if figs == 0.0 else 0.05, redundancy=red, keep_lead=True)


def score(inputs: Sequence[Inputs], refs: Sequence[list[str]], weights: Weights,
          figs: Sequence[set[str]] = ()) -> dict[str, float]:
    """Mean ROUGE F1 of 3-sentence summaries under `weights`, and their figure share."""
    sums = [summarize_sentences(s, 3, f, e, weights, fragments=p) for s, f, e, p in inputs]
    rows = [rouge_f1(ref, summary) for summary, ref in zip(sums, refs, strict=True)]
    out = {k: mean(r[k] for r in rows) or 0.0 for k in ("rouge1", "rouge2", "rougeL")}
    hits = [any(x in " ".join(s) for x in f) for s, f in zip(sums, figs, strict=False) if f]
    out["figure_share"] = sum(hits) / len(hits) if hits else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the grid on the validation split and print the best settings."""
    ap = argparse.ArgumentParser(prog="python -m bench.eval.tune_summary", description=__doc__)
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args(argv)
    items = validation_items()
    if not items:
        print("frank-summ validation items not found", file=sys.stderr)
        return 1
    an = analyzer(3).obj
    inputs = [an.summary_inputs(it["text"]) for it in items]
    refs = [reference_sentences(it["reference"]) for it in items]
    nlp, disable = sentence_nlp()
    lead = [lead_summary([s.text.strip() for s in d.sents if s.text.strip()], 3)
            for d in nlp.pipe([it["text"] for it in items], disable=disable)]
    rows = [rouge_f1(ref, s) for ref, s in zip(refs, lead, strict=True)]
    base = {k: mean(r[k] for r in rows) or 0.0 for k in ("rouge1", "rouge2", "rougeL")}
    figs = [{f.text.strip() for f in an.figures_in(it["text"])} for it in items]
    results = [(score(inputs, refs, w, figs), w) for w in grid()]
    # Rank by the smallest margin over Lead-3 across the three scores, then by figure share.
    results.sort(key=lambda r: (-round(_margin(r[0], base), 3), -r[0]["figure_share"]))
    print(f"validation n={len(items)}  Lead-3 " + _fmt(base))
    print(f"current defaults  {_fmt(score(inputs, refs, DEFAULT_WEIGHTS, figs))}")
    for res, w in results[:args.top]:
        print(f"{_fmt(res)} figures={res['figure_share']:.3f} margin={_margin(res, base):+.4f}"
              f"  {w}")
    return 0


def _margin(res: dict[str, float], base: dict[str, float]) -> float:
    return min(res[k] - base[k] for k in ("rouge1", "rouge2", "rougeL"))


def _fmt(s: dict[str, float]) -> str:
    return " ".join(f"{k}={s[k]:.4f}" for k in ("rouge1", "rouge2", "rougeL"))


if __name__ == "__main__":
    sys.exit(main())
