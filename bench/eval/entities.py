"""Part 2: entity-level exact-match P/R/F1 on CoNLL-2003 test and WNUT-17 test.

Each sentence is rebuilt from its tokens (single spaces), tagged by PolicyWire's entity layer
(Analyzer.entity_spans) and by bare spaCy (doc.ents of the same model), labels mapped to
PER/ORG/LOC/MISC, and predicted character spans aligned to token spans before scoring.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

from bench.eval import data_path
from bench.eval.conll import Sentence, char_to_token_spans, read_conll2003, read_wnut17
from bench.eval.scoring import span_prf
from bench.eval.systems import analyzer, spacy_nlp

DATASETS: dict[str, tuple[tuple[str, str], Callable[..., list[Sentence]]]] = {
    "conll": (("conll2003-ner", "eng.testb"), read_conll2003),
    "wnut": (("wnut17-ner", "emerging.test.annotated"), read_wnut17),
}


def _spacy_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    nlp = spacy_nlp()
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=64)]


def _policywire_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    an = analyzer(3).obj
    batched = getattr(an, "entity_spans_many", None)
    if callable(batched):
        return [list(s) for s in batched(texts)]
    return [list(an.entity_spans(t)) for t in texts]


def score(sentences: list[Sentence], predicted: Iterable[list[tuple[int, int, str]]]
          ) -> dict[str, Any]:
    """Align predicted char spans of each sentence and score them against gold."""
    preds, misaligned = [], 0
    for sent, spans in zip(sentences, predicted, strict=True):
        tok_spans, bad = char_to_token_spans(sent.offsets, spans)
        preds.append(tok_spans)
        misaligned += bad
    result = span_prf([s.gold for s in sentences], preds).as_dict()
    result["misaligned"] = misaligned
    return result


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Score PolicyWire and bare spaCy on each NER dataset; returns the `entities` block."""
    an = analyzer(3)
    out: dict[str, Any] = {"policywire": {}, "spacy": {}, "policywire_error": an.error,
                           "counts": {}}
    for key, (parts, reader) in DATASETS.items():
        path = data_path(*parts)
        if path is None:
            out["policywire"][key] = out["spacy"][key] = {"f1": None, "skipped": "absent"}
            log(f"  entities {key}: skipped (absent)")
            continue
        sentences = reader(path)
        if quick:
            sentences = random.Random(7).sample(sentences, min(400, len(sentences)))
        texts = [s.text for s in sentences]
        out["counts"][key] = {"sentences": len(sentences),
                              "entities": sum(len(s.gold) for s in sentences)}
        out["spacy"][key] = score(sentences, _spacy_spans(texts))
        if an.ok:
            try:
                out["policywire"][key] = score(sentences, _policywire_spans(texts))
            except Exception as exc:
                out["policywire_error"] = f"{type(exc).__name__}: {exc}"[:300]
                out["policywire"][key] = {"f1": None}
        else:
            out["policywire"][key] = {"f1": None}
        log(f"  entities {key}: spacy F1={out['spacy'][key]['f1']} "
            f"policywire F1={out['policywire'][key].get('f1')}")
    return out
