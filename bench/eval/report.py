"""The printed table and the eval.json document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def rows(result: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(part, metric, [policywire, baseline1, baseline2]) rows of the summary table."""
    s, e = result.get("summaries", {}), result.get("entities", {})
    f, x, sp = result.get("figures", {}), result.get("extraction", {}), result.get("speed", {})
    out: list[tuple[str, str, list[str]]] = []
    for m in ("rouge1", "rouge2", "rougeL"):
        out.append(("Summaries CNN/DM test", m.upper().replace("ROUGEL", "ROUGE-L")
                    .replace("ROUGE1", "ROUGE-1").replace("ROUGE2", "ROUGE-2"),
                    [_fmt(_get(s, sysn, m)) for sysn in ("policywire", "lead3", "lexrank")]))
    out.append(("Summaries CNN/DM test", "with a figure",
                [_fmt(_get(s, "cnndm", "test", n, "figure_share"))
                 for n in ("policywire", "lead3", "lexrank")]))
    out.append(("Summaries CNN/DM validation", "ROUGE-1 (tuning part)",
                [_fmt(_get(s, "cnndm", "validation", n, "rouge1"))
                 for n in ("policywire", "lead3", "lexrank")]))
    out.append(("Summaries XSum test (2nd)", "ROUGE-1 (1 sent.)",
                [_fmt(_get(s, "xsum", "test", n, "rouge1"))
                 for n in ("policywire", "lead3", "lexrank")]))
    for ds, name in (("conll", "CoNLL-2003 test"), ("wnut", "WNUT-17 test")):
        out.append((f"Entities {name}", "micro F1",
                    [_fmt(_get(e, "policywire", ds, "f1")), _fmt(_get(e, "spacy", ds, "f1")), ""]))
    for ds in ("domain", "quantulum", "recognizers"):
        out.append((f"Figures {ds}", "accuracy",
                    [_fmt(_get(f, "policywire", ds, "accuracy")),
                     _fmt(_get(f, "quantulum3", ds, "accuracy")), ""]))
        for cat in ("money", "count", "percent", "dimension", "range"):
            ours = _get(f, "policywire", ds, "per_category", cat, "accuracy")
            base = _get(f, "quantulum3", ds, "per_category", cat, "accuracy")
            n = _get(f, "quantulum3", ds, "per_category", cat, "n") or _get(
                f, "policywire", ds, "per_category", cat, "n")
            if n:
                out.append((f"Figures {ds}", f"  {cat} (n={n})", [_fmt(ours), _fmt(base), ""]))
    facts = result.get("facts") or {}
    for split in ("dev", "test"):
        rep = facts.get(split) or {}
        name = f"Facts {split} ({rep.get('articles', 0)} articles)"
        for key, label in FACT_METRICS:
            out.append((name, label, [_fmt(rep.get(key)), "", ""]))
    out.append(("Article text", "token F1",
                [_fmt(_get(x, "policywire", "f1")), _fmt(_get(x, "trafilatura", "f1")), ""]))
    out.append(("Speed", "articles/s (batch 8)",
                [_fmt(sp.get("articles_per_s")), _fmt(sp.get("ner_only_articles_per_s")), ""]))
    out.append(("Speed", "ratio vs NER-only", [_fmt(sp.get("ratio_vs_ner_only")),
                 "1.000" if sp.get("ratio_vs_ner_only") is not None else "—", ""]))
    out.append(("Speed", "peak RSS MB", [_fmt(sp.get("peak_rss_mb")), "", ""]))
    return out


FACT_METRICS = (
    ("figure_recall", "figures under their subject: recall"),
    ("figure_precision", "figures listed for a subject: precision"),
    ("role_recall", "roles: recall"), ("role_precision", "roles: precision"),
    ("junk_entity_rate", "junk entities (share, lower is better)"),
    ("topic_recall", "topics: recall"), ("topic_precision", "topics: precision"),
    ("summary_bad_share", "summaries with caption/boilerplate/repeat"),
)
HEADER = ("part", "metric", "PolicyWire", "baseline A", "baseline B")
LEGEND = ("baselines: summaries A=Lead-3 (Lead-1 on XSum), B=LexRank; entities A=bare spaCy "
          "en_core_web_sm; figures A=quantulum3; article text A=trafilatura; speed A=spaCy "
          "NER-only")


def table(result: dict[str, Any], markdown: bool = False) -> str:
    """The results table as aligned text or as a Markdown table."""
    body = [(p, m, *v) for p, m, v in rows(result)]
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(c.strip() if i == 1 else c for i, c in enumerate(r)) + " |"
                  for r in body]
        return "\n".join(lines) + f"\n\n{LEGEND}\n"
    widths = [max(len(str(r[i])) for r in [HEADER, *body]) for i in range(len(HEADER))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*HEADER), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*r) for r in body]
    return "\n".join(lines) + f"\n{LEGEND}\n"


def write_json(result: dict[str, Any], path: Path) -> None:
    """Write the result document (pretty-printed, stable key order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
