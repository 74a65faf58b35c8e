"""The robustness sweep reads every corpus it names, in a fixed order, and runs each text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.eval.sweep import sweep, texts


def _data(tmp_path: Path) -> Path:
    (tmp_path / "frank-summ").mkdir()
    (tmp_path / "frank-summ" / "frank_articles_references.jsonl").write_text(
        json.dumps({"id": "f1", "article": "Bitcoin rose 3% on Friday."}) + "\n")
    (tmp_path / "policy-news-dev").mkdir()
    (tmp_path / "policy-news-dev" / "articles.jsonl").write_text(
        json.dumps({"id": "p1", "text": "Binance said it would comply. More news on the "
                                       "exchange."}) + "\n")
    (tmp_path / "newspaper-fulltext" / "text").mkdir(parents=True)
    (tmp_path / "newspaper-fulltext" / "text" / "a.txt").write_text("The bank cut rates.")
    return tmp_path


def test_every_corpus_is_read_in_order(tmp_path: Path) -> None:
    assert [i for i, _ in texts(_data(tmp_path))] == ["f1", "p1", "a.txt"]


@pytest.mark.spacy
def test_the_sweep_runs_each_text_and_reports_none_failed(tmp_path: Path) -> None:
    """The second text is the clause shape that once looped forever."""
    result = sweep(limit_s=30, data=_data(tmp_path))
    assert result["texts"] == 3
    assert result["failed"] == []
