"""Loaders read the shared datasets completely (skipped when ../shared/data is absent)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.eval import data_path
from bench.eval.conll import read_conll2003, read_wnut17
from bench.eval.figure_cases import load_quantulum, load_recognizers
from bench.eval.summaries import load_items

pytestmark = pytest.mark.shared


def _need(*parts: str):  # type: ignore[no-untyped-def]
    path = data_path(*parts)
    if path is None:
        pytest.skip(f"{'/'.join(parts)} not available")
    return path


def test_conll_reader_matches_published_counts() -> None:
    sents = read_conll2003(_need("conll2003-ner", "eng.testb"))
    assert len(sents) == 3453
    counts = Counter(span[2] for s in sents for span in s.gold)
    assert counts == {"LOC": 1668, "ORG": 1661, "PER": 1617, "MISC": 702}


def test_wnut_reader_matches_published_counts() -> None:
    sents = read_wnut17(_need("wnut17-ner", "emerging.test.annotated"))
    assert len(sents) == 1287
    assert sum(len(s.gold) for s in sents) == 1079


def test_figure_case_loaders_read_every_case() -> None:
    _need("quantulum3-tests")
    _need("recognizers-text-specs")
    quantulum, recognizers = load_quantulum(), load_recognizers()
    assert quantulum is not None and len(quantulum) == 121
    assert recognizers is not None and len(recognizers) == 622
    assert {c.category for c in recognizers} == {"money", "count", "percent", "dimension",
                                                 "range"}


def test_frank_items_split_and_cleaned() -> None:
    _need("frank-summ", "frank_articles_references.jsonl")
    items = load_items(quick=False)
    assert items is not None and len(items) == 501
    parts = Counter((it["source"], it["part"]) for it in items)
    assert parts[("cnndm", "test")] == 175 and parts[("cnndm", "validation")] == 75
    assert not any(it["text"].startswith("Share this with") for it in items)
