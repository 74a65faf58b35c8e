"""`python -m bench.eval --only PART` keeps the other parts of the results file."""

from __future__ import annotations

from bench.eval.__main__ import merge_partial


def test_partial_run_replaces_only_its_parts() -> None:
    previous = {"summaries": {"rouge1": 0.4}, "figures": {"old": True},
                "meta": {"date": "full-run", "seconds": {"total": 150}}}
    partial = {"figures": {"new": True},
               "meta": {"date": "now", "seconds": {"figures": 9.0, "total": 9.0},
                        "quantulum3_classifier_loaded": True}}
    merged = merge_partial(previous, partial, "now", "python -m bench.eval --only figures")
    assert merged["summaries"] == {"rouge1": 0.4}
    assert merged["figures"] == {"new": True}
    assert merged["meta"]["date"] == "full-run"
    assert merged["meta"]["seconds"] == {"total": 150}
    assert merged["meta"]["updated"] == {"figures": {
        "date": "now", "command": "python -m bench.eval --only figures", "seconds": 9.0}}
    assert merged["meta"]["quantulum3_classifier_loaded"] is True
